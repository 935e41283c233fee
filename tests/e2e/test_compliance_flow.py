"""At 390 px: the head of Xã Ia Bă reports on the seed letter with two photos and submits;
the reviewer returns it with a checklist item; the head adds a link and resubmits; the
reviewer accepts; the public progress page shows Xã Ia Bă as accepted."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
CHECKLIST_ITEM = "Thiếu đường dẫn bài đăng trên kênh thông tin"


def _log_in(page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        page.locator("form button[type='submit']").first.click()
    assert "/admin/login/" not in page.url


def _photos(tmp_path: Path) -> list[str]:
    paths = []
    for index, color in enumerate(((20, 120, 60), (200, 120, 20))):
        path = tmp_path / f"anh-{index + 1}.jpg"
        Image.new("RGB", (800, 600), color).save(path, "JPEG")
        paths.append(str(path))
    return paths


def _submit(page) -> None:
    submit = page.locator("button[name='action-submit']")
    if not submit.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        submit.click()


def test_report_returned_resubmitted_accepted(demo_site, page_factory, tmp_path):
    from directives_app.models import ComplianceReport

    report = ComplianceReport.objects.get(directive__symbol="972/UBND-VHTT", unit__code="xa-ia-ba")
    password = demo_site["password"]
    head = page_factory(PHONE, label="head")
    _log_in(head, "xa-ia-ba.truong", password)
    expect(head.get_by_role("heading", name="Việc của đơn vị")).to_be_visible()
    head.screenshot("dashboard")
    with head.expect_navigation():
        head.locator("section.unit-tasks").get_by_role("link", name="972/UBND-VHTT").click()
    head.locator(
        f"input[name='result_{report.results.first().task_id}_outcome'][value='done']"
    ).check()
    for result in report.results.all():
        head.locator(f"input[name='result_{result.task_id}_outcome'][value='done']").check()
        head.locator(f"textarea[name='result_{result.task_id}_text']").fill(
            "Đã tuyên truyền trên loa truyền thanh và trang Zalo của xã."
        )
    head.locator("input[name='new_photos']").set_input_files(_photos(tmp_path))
    head.locator("input[name='new_caption']").fill("Buổi tuyên truyền tại thôn")
    assert head.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    head.screenshot("report-filled")
    _submit(head)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.evidence.count() == 2

    reviewer = page_factory(PHONE, label="reviewer")
    _log_in(reviewer, "thamdinh", password)
    with reviewer.expect_navigation():
        reviewer.locator("section.review-queue").get_by_role("link", name="Xã Ia Bă").click()
    expect(reviewer.locator("img[alt='Buổi tuyên truyền tại thôn']")).to_have_count(2)
    reviewer.get_by_label(CHECKLIST_ITEM).check()
    reviewer.locator("textarea[name='reject-comment']").fill("Bổ sung đường dẫn bài đăng.")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Trả lại báo cáo").click()
    report.refresh_from_db()
    assert report.status == "returned"

    head.goto(f"/admin/snippets/directives_app/compliancereport/edit/{report.pk}/")
    expect(head.locator(".report-header")).to_contain_text(CHECKLIST_ITEM)
    head.locator("textarea[name='new_links']").fill(
        "https://zalo.me/xaiaba/bai-dang-1 | Bài đăng trên trang Zalo của xã"
    )
    head.screenshot("returned")
    _submit(head)
    report.refresh_from_db()
    assert report.status == "submitted"

    reviewer.goto(f"/admin/bao-cao/{report.pk}/tham-dinh/")
    expect(reviewer.locator("main")).to_contain_text("https://zalo.me/xaiaba/bai-dang-1")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Chấp nhận báo cáo").click()
    report.refresh_from_db()
    assert report.status == "accepted"

    public = page_factory(PHONE, label="public")
    public.goto(f"{report.directive.url}tien-do/".replace("/trang-chu", ""))
    row = public.locator("tr", has_text="Xã Ia Bă")
    expect(row).to_contain_text("Đã chấp nhận")
    public.screenshot("progress")
    for browser_page in (head, reviewer, public):
        browser_page.assert_no_console_errors()
