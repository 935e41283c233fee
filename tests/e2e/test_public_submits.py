"""No 4xx answers behind a visitor's back (issue 15, item 9): every response the browser
receives while a visitor submits the public forms (report, lookup, search, register
filter) and reads an article (its view beacon) is recorded; none may be a 4xx or 5xx,
and the console stays clean."""

from __future__ import annotations

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
ARTICLE = "/tin-tuc/cong-an-huyen-canh-bao-thu-doan-lua-dao-qua-mang-xa-hoi/"


def test_public_submits_cause_no_error_responses(demo_site, page_factory):
    page = page_factory(PHONE, label="visitor")
    # A phone's browser, not "HeadlessChrome": the view beacon then really counts.
    page.set_extra_http_headers({"User-Agent": PHONE_AGENT})
    failures: list[str] = []
    page.on(
        "response",
        lambda response: response.status >= 400
        and failures.append(f"{response.status} {response.request.method} {response.url}"),
    )

    page.goto("/phan-anh/")
    page.get_by_label("Đường dẫn bài viết, trang hoặc tài khoản").fill(
        "https://www.facebook.com/tin.gia.ia.grai"
    )
    page.get_by_label("Facebook").check()
    page.locator("input[name='category'][value='false_information']").check()
    page.get_by_label("Mô tả").fill("Bài đăng bịa đặt về việc huyện thu hồi đất của dân.")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.get_by_role("heading", name="Phản ánh đã được tiếp nhận")).to_be_visible()
    page.wait_for_load_state("networkidle")

    page.goto("/")
    page.get_by_role("search").locator("input[name='q']").fill("mang xa hoi")
    with page.expect_navigation():
        page.get_by_role("search").locator("input[name='q']").press("Enter")
    page.wait_for_load_state("networkidle")

    with page.expect_response(lambda response: "/luot-xem/" in response.url) as beacon:
        page.goto(ARTICLE)
    assert beacon.value.status == 204
    page.wait_for_load_state("networkidle")
    page.screenshot("after-submits")
    assert failures == []
    page.assert_no_console_errors()
    from iagrai_cms.models import ArticleDailyViews

    assert ArticleDailyViews.objects.exists()  # the beacon was counted, not refused


def test_headless_visitor_gets_no_error_responses_either(demo_site, page):
    """Chromium as it comes ("HeadlessChrome", desktop): the beacon answers 204 and simply
    does not count; the lookup of the code just filed and the register's filter answer
    without an error, and the console stays clean."""
    failures: list[str] = []
    page.on(
        "response",
        lambda response: response.status >= 400
        and failures.append(f"{response.status} {response.request.method} {response.url}"),
    )
    assert "HeadlessChrome" in page.evaluate("navigator.userAgent")

    page.goto("/")
    page.wait_for_load_state("networkidle")
    with page.expect_response(lambda response: "/luot-xem/" in response.url) as beacon:
        page.goto(ARTICLE)
    assert beacon.value.status == 204
    page.reload()  # a repeated view: still 204
    page.wait_for_load_state("networkidle")

    page.goto("/phan-anh/")
    page.get_by_label("Đường dẫn bài viết, trang hoặc tài khoản").fill(
        "https://www.facebook.com/tin.gia.ia.grai"
    )
    page.get_by_label("Facebook").check()
    page.locator("input[name='category'][value='false_information']").check()
    page.get_by_label("Mô tả").fill("Bài đăng bịa đặt về việc huyện thu hồi đất của dân.")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi phản ánh").click()
    code = page.locator("input[name='ma']").input_value()
    assert code.startswith("PA.")
    page.locator("input[name='ma']").fill(code.lower().replace(".", " "))
    with page.expect_navigation():
        page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_text("Trạng thái")).to_be_visible()
    page.wait_for_load_state("networkidle")

    page.goto("/van-ban/")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state("networkidle")
    page.screenshot("after-submits-headless")
    assert failures == []
    page.assert_no_console_errors()
