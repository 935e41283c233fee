"""A citizen on a phone reports a page impersonating a leader, with a screenshot; the police
handler resolves it in the admin; the citizen's lookup then shows the outcome."""

from __future__ import annotations

import io
import re

from PIL import Image
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
FAKE_PAGE = "https://m.facebook.com/chu.tich.huyen.ia.grai.gia?fbclid=IwAR0"
OUTCOME = "Trang giả mạo đã bị gỡ bỏ theo đề nghị của Công an huyện."


def _screenshot_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (360, 640), (30, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_citizen_reports_police_resolves_citizen_sees_outcome(demo_site, page_factory):
    from conduct_app.models import IncidentReport

    citizen = page_factory(PHONE, label="citizen")
    response = citizen.goto("/quy-tac-ung-xu/")
    assert response is not None and response.status == 200
    expect(citizen.locator("#dieu-3 h2")).to_have_text("Điều 3. Quy tắc ứng xử chung")
    _assert_no_horizontal_scroll(citizen)
    citizen.screenshot("code-of-conduct")
    code = _file_report(citizen)
    report = IncidentReport.objects.get(code=code)
    assert report.handler_unit.code == "cong-an-huyen"
    assert report.screenshots.count() == 1
    _look_up(citizen, code, "Đã chuyển đơn vị xử lý")

    police = page_factory(DESKTOP, label="police")
    _log_in(police, "congan", demo_site["password"])
    _resolve(police, code)
    report.refresh_from_db()
    assert (report.status, report.action_taken) == ("resolved", "removed")

    _look_up(citizen, code, "Đã xử lý")
    expect(citizen.locator("#ket-qua")).to_have_text(OUTCOME)
    citizen.screenshot("outcome")
    for browser_page in (citizen, police):
        browser_page.assert_no_console_errors()
        browser_page.assert_no_third_party_requests()


def _file_report(page) -> str:
    # The citizen first checks the page against the registry of official channels…
    response = page.goto("/kenh-chinh-thuc/")
    assert response is not None and response.status == 200
    page.get_by_label(re.compile("Kiểm tra một đường dẫn")).fill(FAKE_PAGE)
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra").click()
    expect(page.locator("#ket-qua-kiem-tra")).to_contain_text(
        "không có trong danh sách kênh chính thức"
    )
    _assert_no_horizontal_scroll(page)
    page.screenshot("channel-check")
    # …and reports it from there: the link and the category come filled in.
    with page.expect_navigation():
        page.get_by_role("link", name="Báo cáo trang giả mạo").click()
    assert page.url.split("?")[0].endswith("/phan-anh/"), page.url
    expect(page.get_by_label("Đường dẫn bài viết, trang hoặc tài khoản")).to_have_value(FAKE_PAGE)
    expect(page.get_by_label("Giả mạo cá nhân, cơ quan, tổ chức")).to_be_checked()
    _assert_no_horizontal_scroll(page)
    page.get_by_label("Facebook").check()
    page.get_by_label("Giả mạo ai?").fill("Chủ tịch UBND huyện")
    page.get_by_label("Mô tả").fill(
        "Trang mang tên và ảnh của Chủ tịch UBND huyện, nhắn tin vay tiền người dân."
    )
    page.get_by_label("Ảnh chụp màn hình").set_input_files(
        files=[{"name": "chup-man-hinh.png", "mimeType": "image/png", "buffer": _screenshot_png()}]
    )
    page.get_by_label("Số điện thoại").fill("0905 123 456")
    page.get_by_label("Tôi đề nghị giữ bí mật danh tính").check()
    # The honeypot is in the form but out of sight and out of the tab order.
    expect(page.locator("input[name='website']")).not_to_be_in_viewport()
    _assert_no_horizontal_scroll(page)
    page.screenshot("form-filled")

    with page.expect_navigation():
        page.get_by_role("button", name="Gửi phản ánh").click()
    assert "/phan-anh/tra-cuu/?ma=PA." in page.url, page.url
    expect(page.get_by_role("heading", name="Phản ánh đã được tiếp nhận")).to_be_visible()
    code = page.locator("#ma-phan-anh").inner_text()
    assert re.fullmatch(r"PA\.\d{8}\.[0-9A-Z]{5}", code), code
    _assert_no_horizontal_scroll(page)
    page.screenshot("code")
    return code


def _look_up(page, code: str, status: str) -> None:
    page.goto("/phan-anh/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Tra cứu kết quả")).click()
    page.get_by_label("Mã phản ánh").fill(code.lower())  # as typed on a phone keyboard
    with page.expect_navigation():
        page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("#trang-thai")).to_have_text(status)
    # No private data on the status page.
    body = page.locator("main").inner_text()
    assert "0905 123 456" not in body and "chu.tich.huyen" not in body
    _assert_no_horizontal_scroll(page)
    page.screenshot(f"lookup-{status}")


def _log_in(page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        page.locator("form button[type='submit']").first.click()
    assert "/admin/login/" not in page.url, page.url


def _resolve(page, code: str) -> None:
    page.goto("/admin/snippets/conduct_app/incidentreport/")
    link = page.get_by_role("link", name=code, exact=True)
    expect(link).to_be_visible()
    page.screenshot("triage-list")
    with page.expect_navigation():
        link.click()
    # The screenshot is served to the handler through the permission-checked view.
    image = page.locator(".incident-screenshots img").first
    expect(image).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) == 360
    # Confidential: the handler does not see the phone number.
    expect(page.locator(".incident-report")).not_to_contain_text("0905 123 456")

    page.get_by_label("Bắt đầu xử lý").check()
    page.get_by_label("Ghi chú nội bộ").fill("Đã xác minh: trang giả mạo.")
    _save(page)
    expect(page.locator(".incident-facts")).to_contain_text("Đang xử lý")

    page.get_by_label("Hoàn thành xử lý").check()
    page.get_by_label("Biện pháp đã thực hiện").select_option("removed")
    page.get_by_label("Kết quả công khai").fill(OUTCOME)
    page.screenshot("resolving")
    _save(page)
    expect(page.locator(".incident-facts")).to_contain_text("Đã xử lý")
    page.screenshot("resolved")


def _save(page) -> None:
    with page.expect_navigation():
        page.locator("form[data-edit-form] button[type='submit']").first.click()


def _assert_no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] or page.viewport_size["width"] > PHONE["width"], (
        f"{page.url} is {width}px wide on a phone"
    )
