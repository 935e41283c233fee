"""The compliance loop in a browser, as its people use it (issue 14).

1. At 390x844 the head of Xã Ia Bă logs in, opens the seed letter's report from the
   dashboard, tries to send it empty and reads what is missing, fills both tasks, adds two
   photos and a PDF with a caption each, and sends: the taps are counted (at most 12 from
   login to sent) and no element is wider than the screen.
2. On a desktop the reviewer opens the report, opens the PDF and the link, returns it with
   a reason; the head reads "Bị trả lại – cần bổ sung" and the reason on the dashboard
   panel, adds a photo and sends again; the reviewer sees what is new and accepts.

Screenshots go to tests/e2e/artifacts/ (the guides' pictures, docs/guides/README.md, are
chosen from the `guide-*` ones).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from playwright.sync_api import expect

ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts"  # as in conftest.py
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
SEED = "972/UBND-VHTT"
CHECKLIST_ITEM = "Ảnh không rõ, không đúng nội dung"
RETURN_COMMENT = "Bổ sung ảnh buổi tuyên truyền ở thôn 2."
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MAX_TAPS = 12

# Elements wider than the viewport, or reaching past its right edge, among those shown.
# Wagtail's closed sidebar and its collapsed minimap (the panel index) sit off-screen on
# a phone until opened, and are left out.
OVERFLOWING = """
() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const aside = "[hidden], .sidebar, .w-minimap, [data-side-panel], .w-dropdown__content";
    if (element.closest(aside)) continue;
    if (box.width > width + 1 || box.right > width + 1) {
      const text = (element.textContent || "").trim().slice(0, 40);
      const name = `${element.tagName.toLowerCase()}.${element.className}`;
      out.push(`${name} ${Math.round(box.width)}px "${text}"`);
    }
  }
  return out.slice(0, 10);
}
"""


class Taps:
    """Counts what a person taps (buttons, links, choices, opening the file picker);
    typing into a box is counted apart."""

    def __init__(self, page) -> None:
        self.page, self.taps, self.typed = page, 0, 0

    def tap(self, locator) -> None:
        self.taps += 1
        locator.click()

    def tap_and_wait(self, locator) -> None:
        self.taps += 1
        with self.page.expect_navigation():
            locator.click()

    def confirm_and_wait(self, locator) -> str:
        """Tap a button that asks for confirmation, accept it (a second tap)."""
        seen: list[str] = []

        def accept(dialog) -> None:
            seen.append(dialog.message)
            dialog.accept()

        self.page.once("dialog", accept)
        self.taps += 2
        with self.page.expect_navigation():
            locator.click()
        return seen[0] if seen else ""

    def type(self, locator, text: str) -> None:
        self.typed += 1
        locator.fill(text)

    def choose_files(self, locator, paths: list[str]) -> None:
        self.taps += 1  # opening the picker; choosing several files there is one gesture
        locator.set_input_files(paths)


def _log_in(page, taps: Taps | None, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    button = page.locator("form button[type='submit']").first
    if taps is not None:
        taps.typed += 2
        taps.tap_and_wait(button)
    else:
        with page.expect_navigation():
            button.click()
    assert "/admin/login/" not in page.url


def _files(tmp_path: Path) -> tuple[list[str], str]:
    photos = []
    for index, color in enumerate(((20, 120, 60), (200, 120, 20), (40, 60, 200))):
        path = tmp_path / f"anh-{index + 1}.jpg"
        Image.new("RGB", (800, 600), color).save(path, "JPEG")
        photos.append(str(path))
    pdf = tmp_path / "bien-ban-hoi-nghi.pdf"
    pdf.write_bytes(PDF_BYTES)
    return photos, str(pdf)


def _guide_shot(page, name: str) -> None:
    """A screen-sized picture for the guides (the visible part, not the whole page)."""
    page.page.screenshot(path=str(ARTIFACTS_DIR / f"guide-{name}.png"))


def _assert_fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    overflowing = page.evaluate(OVERFLOWING)
    assert overflowing == [], "\n".join(overflowing)


def _head_sends_report(head, report, tmp_path: Path, password: str) -> Taps:
    taps = Taps(head)
    _log_in(head, taps, "xa-ia-ba.truong", password)
    expect(head.get_by_role("heading", name="Việc của đơn vị")).to_be_visible()
    _assert_fits(head)
    head.screenshot("dashboard")
    _guide_shot(head, "unit-1-dashboard")
    card = head.locator(f"a.unit-tasks__card[data-report='{report.pk}']")
    box = card.bounding_box()
    assert box["height"] >= 44 and box["width"] <= PHONE["width"]
    taps.tap_and_wait(card)

    # The task text is open, numbered as in the letter.
    expect(head.locator(".report-task__heading").first).to_have_text(
        "1. Các cơ quan, đơn vị thuộc huyện; Ủy ban nhân dân các xã, thị trấn"
    )
    expect(head.locator(".report-task__body").first).to_be_visible()
    send = head.get_by_role("button", name="Gửi báo cáo")
    expect(send).to_be_visible()
    expect(head.get_by_role("button", name="Lưu nháp")).to_be_visible()
    head.screenshot("report-empty")
    _assert_fits(head)

    # First an empty report: refused, with what is missing.
    message = taps.confirm_and_wait(send)
    assert "Thẩm định" in message and "trả lại để bổ sung" in message
    missing = head.locator("#report-missing")
    expect(missing).to_contain_text("Nhiệm vụ 1: chưa chọn kết quả thực hiện.")
    expect(missing).to_contain_text("Nhiệm vụ 4: chưa chọn kết quả thực hiện.")
    expect(missing).to_contain_text("Chưa có minh chứng")
    missing.scroll_into_view_if_needed()
    head.screenshot("missing")
    _guide_shot(head, "unit-2-missing")
    report.refresh_from_db()
    assert report.status == "not_started"

    photos, pdf = _files(tmp_path)
    for result in report.results.all():
        taps.tap(head.locator(f"input[name='result_{result.task_id}_outcome'][value='done']"))
        taps.type(
            head.locator(f"textarea[name='result_{result.task_id}_text']"),
            "Đã tuyên truyền trên loa truyền thanh và trang Zalo của xã.",
        )
    taps.choose_files(head.locator("input[name='new_photos']"), photos[:2])
    taps.choose_files(head.locator("input[name='new_files']"), [pdf])
    captions = head.locator("input[name='new_photos_caption']")
    expect(captions).to_have_count(2)
    taps.type(captions.nth(0), "Hội nghị quán triệt ở thôn 1")
    taps.type(captions.nth(1), "Loa truyền thanh thôn 2")
    taps.type(head.locator("input[name='new_files_caption']"), "Biên bản hội nghị")
    _assert_fits(head)
    head.screenshot("report-filled")
    head.locator(".report-evidence").scroll_into_view_if_needed()
    _guide_shot(head, "unit-3-filled")
    taps.confirm_and_wait(head.get_by_role("button", name="Gửi báo cáo"))
    report.refresh_from_db()
    assert report.status == "submitted", report.status
    return taps


def test_head_sends_the_report_from_a_phone(demo_site, page_factory, tmp_path):
    from directives_app.models import ComplianceReport

    report = ComplianceReport.objects.get(directive__symbol=SEED, unit__code="xa-ia-ba")
    head = page_factory(PHONE, label="head")
    taps = _head_sends_report(head, report, tmp_path, demo_site["password"])
    captions = dict(report.evidence.values_list("original_name", "caption"))
    assert captions == {
        "anh-1.jpg": "Hội nghị quán triệt ở thôn 1",
        "anh-2.jpg": "Loa truyền thanh thôn 2",
        "bien-ban-hoi-nghi.pdf": "Biên bản hội nghị",
    }
    print(f"taps from login to sent: {taps.taps} (plus {taps.typed} boxes typed into)")
    assert taps.taps <= MAX_TAPS
    expect(head.locator(f"a.unit-tasks__card[data-report='{report.pk}']")).to_contain_text(
        "Đã gửi – chờ thẩm định"
    )
    _assert_fits(head)
    head.screenshot("sent")
    # The refused (empty) submission answers 400 by design; chromium logs that status.
    head.console_errors[:] = [
        error for error in head.console_errors if "status of 400" not in error
    ]
    head.assert_no_console_errors()


def _submitted_with_pdf_and_link(report, password: str) -> None:
    """The head's submission (photo, PDF, link), made through the report form."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (20, 120, 60)).save(buffer, "JPEG")
    client = Client()
    assert client.login(username="xa-ia-ba.truong", password=password)
    data = {"summary": "Đã triển khai.", "new_caption": ""}
    for result in report.results.all():
        data[f"result_{result.task_id}_outcome"] = "done"
        data[f"result_{result.task_id}_text"] = "Đã tuyên truyền trên loa và Zalo."
    data["new_photos"] = [SimpleUploadedFile("hoi-nghi.jpg", buffer.getvalue(), "image/jpeg")]
    data["new_photos_caption"] = ["Hội nghị quán triệt"]
    data["new_files"] = [SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, "application/pdf")]
    data["new_files_caption"] = ["Biên bản hội nghị"]
    data["new_links"] = "https://zalo.me/xaiaba/bai-dang-1 | Bài đăng trên Zalo của xã"
    data["action-submit"] = "1"
    url = f"/admin/snippets/directives_app/compliancereport/edit/{report.pk}/"
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_reviewer_returns_head_completes_reviewer_accepts(demo_site, page_factory, tmp_path):
    from directives_app.models import ComplianceReport, Evidence

    password = demo_site["password"]
    report = ComplianceReport.objects.get(directive__symbol=SEED, unit__code="xa-ia-ba")
    _submitted_with_pdf_and_link(report, password)
    pdf = Evidence.objects.get(report=report, original_name="bien-ban.pdf")

    reviewer = page_factory(DESKTOP, label="reviewer")
    _log_in(reviewer, None, "thamdinh", password)
    with reviewer.expect_navigation():
        reviewer.locator("section.review-queue").get_by_role("link", name="Xã Ia Bă").click()
    expect(reviewer.locator("img[alt='Hội nghị quán triệt']")).to_be_visible()
    expect(reviewer.locator("iframe")).to_have_count(0)
    reviewer.screenshot("review")
    _guide_shot(reviewer, "review-1-screen")

    # The PDF opens in a new tab from the screen (headless chromium downloads it there).
    open_pdf = reviewer.get_by_role("link", name="Mở PDF")
    expect(open_pdf).to_have_attribute("target", "_blank")
    with reviewer.expect_popup() as popup_info:
        open_pdf.click()
    # The new tab downloads the PDF (headless chromium has no viewer): its URL stays empty.
    popup_info.value.close()
    expect(open_pdf).to_have_attribute("href", f"/tep/minh-chung/{pdf.pk}/xem/")
    answer = reviewer.request.get(f"/tep/minh-chung/{pdf.pk}/xem/")
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    # The link: its address and site shown, opened in a new tab.
    link = reviewer.get_by_role("link", name="Mở đường dẫn (zalo.me)")
    expect(reviewer.locator(".evidence-card--link")).to_contain_text(
        "https://zalo.me/xaiaba/bai-dang-1"
    )
    expect(link).to_have_attribute("href", "https://zalo.me/xaiaba/bai-dang-1")
    expect(link).to_have_attribute("target", "_blank")
    with reviewer.expect_popup() as popup_info:
        link.click()  # a new tab (the sandbox aborts requests to other sites)
    popup_info.value.close()
    reviewer.third_party_requests.clear()

    reviewer.get_by_label(CHECKLIST_ITEM).check()
    reviewer.locator("textarea[name='reject-comment']").fill(RETURN_COMMENT)
    reviewer.locator(".review-form--reject").scroll_into_view_if_needed()
    _guide_shot(reviewer, "review-2-return")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Trả lại báo cáo").click()
    report.refresh_from_db()
    assert report.status == "returned"

    head = page_factory(PHONE, label="head")
    _log_in(head, None, "xa-ia-ba.truong", password)
    card = head.locator(f"a.unit-tasks__card[data-report='{report.pk}']")
    expect(card).to_contain_text("Bị trả lại – cần bổ sung")
    expect(card).to_contain_text(CHECKLIST_ITEM)
    expect(card).to_contain_text(RETURN_COMMENT)
    _assert_fits(head)
    card.scroll_into_view_if_needed()
    head.screenshot("returned-panel")
    _guide_shot(head, "unit-4-returned")
    with head.expect_navigation():
        card.click()
    expect(head.locator(".report-return")).to_contain_text(CHECKLIST_ITEM)
    photos, _pdf = _files(tmp_path)
    head.locator("input[name='new_photos']").set_input_files(photos[2:])
    head.locator("input[name='new_photos_caption']").fill("Buổi tuyên truyền ở thôn 2")
    head.once("dialog", lambda dialog: dialog.accept())
    with head.expect_navigation():
        head.get_by_role("button", name="Gửi lại báo cáo").click()
    report.refresh_from_db()
    assert report.status == "submitted"

    reviewer.goto(f"/admin/bao-cao/{report.pk}/tham-dinh/")
    new_photo = reviewer.locator(".evidence-card", has_text="Buổi tuyên truyền ở thôn 2")
    expect(new_photo).to_contain_text("mới")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Chấp nhận báo cáo").click()
    report.refresh_from_db()
    assert report.status == "accepted"

    head.goto("/admin/")
    expect(head.locator(f"a.unit-tasks__card[data-report='{report.pk}']")).to_contain_text(
        "Đã chấp nhận"
    )
    # An accepted report is read-only for its unit (issue 14 item 6): no send, no save.
    head.goto(f"/admin/snippets/directives_app/compliancereport/edit/{report.pk}/")
    expect(head.get_by_text("chỉ xem, không sửa được").first).to_be_visible()
    for label in ("Gửi báo cáo", "Gửi lại báo cáo", "Lưu nháp"):
        expect(head.get_by_role("button", name=label, exact=True)).to_have_count(0)
    head.screenshot("accepted-read-only")
    for browser_page in (head, reviewer):
        browser_page.assert_no_console_errors()


def test_leader_lands_on_the_matrix_and_reads_a_report(demo_site, page_factory):
    from directives_app.models import ComplianceReport

    report = ComplianceReport.objects.get(directive__symbol=SEED, unit__code="xa-ia-ba")
    _submitted_with_pdf_and_link(report, demo_site["password"])
    leader = page_factory(DESKTOP, label="leader")
    _log_in(leader, None, "lanhdao", demo_site["password"])
    panel = leader.locator("section.leader-progress")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link", name="Tải XLSX")).to_be_visible()
    leader.screenshot("landing")
    with leader.expect_navigation():
        panel.locator(f"a[href='/admin/bao-cao/{report.pk}/tham-dinh/']").click()
    expect(leader.locator("main")).to_contain_text("Chế độ xem")
    expect(leader.locator("main")).to_contain_text("Biên bản hội nghị")
    expect(leader.locator("main")).to_contain_text("Gửi báo cáo")
    leader.screenshot("report-read-only")
    leader.assert_no_console_errors()
