"""The office clerk imports the seed letter in the admin ("Nhập văn bản"): uploads the
file, sees what was read beside the original (four tasks with their units, the warnings
of an unsigned draft), and creates the draft directive."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

SEED = Path(__file__).resolve().parents[1] / "directives" / "letters" / "seed.txt"
TITLE = "tăng cường quản lý thông tin trên internet, mạng xã hội trên địa bàn huyện"


def test_clerk_imports_the_seed_letter(demo_site, page):
    from directives_app.models import DirectivePage
    from directives_app.models.imports import ImportedLetter

    _log_in(page, "vanthu", demo_site["password"])

    with page.expect_navigation():
        page.get_by_role("link", name="Nhập văn bản").click()
    expect(page.get_by_role("heading", name="Nhập văn bản")).to_be_visible()
    page.locator("input[name='file']").set_input_files(str(SEED))
    page.screenshot("upload")

    with page.expect_navigation():
        page.get_by_role("button", name="Đọc văn bản").click()
    tasks = page.locator("[data-importer-task]")
    expect(tasks).to_have_count(4)
    expected_tasks = [
        ("Các cơ quan, đơn vị thuộc huyện; Ủy ban nhân dân các xã, thị trấn",
         ["Phòng Tư pháp", "Trung tâm Văn hóa - Thông tin và Thể thao huyện", "Xã Ia Bă",
          "Thị trấn Ia Kha"]),
        ("Phòng Văn hóa và Thông tin", ["Phòng Văn hóa và Thông tin"]),
        ("Công an huyện", ["Công an huyện Ia Grai"]),
        ("Trung tâm Văn hóa, Thông tin và Thể thao; UBND các xã, thị trấn",
         ["Trung tâm Văn hóa - Thông tin và Thể thao huyện", "Xã Ia Yok", "Thị trấn Ia Kha"]),
    ]  # fmt: skip
    for task, (heading, units) in zip(tasks.all(), expected_tasks, strict=True):
        expect(task.locator("[data-importer-heading]")).to_have_text(heading)
        for unit in units:
            expect(task.locator("[data-importer-units]")).to_contain_text(unit)
    expect(page.locator("[data-importer-original]")).to_contain_text("Số: /UBND-VHTT")
    expect(page.locator("[data-importer-subject]")).to_have_text(TITLE)
    expect(page.locator("[data-importer-warnings] li")).to_have_count(2)
    page.screenshot("preview")

    create = page.get_by_role("button", name=re.compile("Tạo bản nháp"))
    expect(create).to_be_enabled()
    with page.expect_navigation():
        create.click()
    assert re.search(r"/admin/pages/\d+/edit/$", page.url), page.url
    expect(page.get_by_text("Đã tạo bản nháp")).to_be_visible()
    page.screenshot("draft")

    draft = DirectivePage.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))
    assert draft.title == TITLE and not draft.live
    assert [task.heading for task in draft.task_list][1:3] == [
        "Phòng Văn hóa và Thông tin",
        "Công an huyện",
    ]
    assert ImportedLetter.objects.get(page=draft).created_by.username == "vanthu"

    # The imported draft passes the editor's own validation: the clerk can save it as is.
    edit_url = page.url
    with page.expect_navigation():
        page.locator("button.action-save:visible").click()
    assert page.url == edit_url, page.url
    expect(page.locator(".error-message")).to_have_count(0)
    page.screenshot("saved")
    assert DirectivePage.objects.get(pk=draft.pk).get_latest_revision().user.username == "vanthu"

    page.assert_no_console_errors()
    page.assert_no_third_party_requests()


def test_editor_shows_the_import_warnings(demo_site, page):
    _log_in(page, "vanthu", demo_site["password"])
    page.goto("/admin/van-ban/nhap/")
    page.locator("input[name='file']").set_input_files(str(SEED))
    with page.expect_navigation():
        page.get_by_role("button", name="Đọc văn bản").click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Tạo bản nháp")).click()
    panel = page.locator("[data-import-warnings]")
    expect(panel).to_contain_text("Văn bản chưa có số (bản dự thảo)")
    expect(panel.get_by_role("link", name=re.compile("Bản gốc"))).to_be_visible()
    page.screenshot("editor-warnings")


REVIEW_LETTER = """ỦY BAN NHÂN DÂN

HUYỆN IA GRAI

-------

Số: 77/UBND-VP

V/v rà soát văn bản

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Ia Grai, ngày 10 tháng 11 năm 2021

Kính gửi: Các cơ quan, đơn vị

1. Tổ công tác của Phòng Tư pháp:

Rà soát văn bản, báo cáo định kỳ ngày 07 hàng tháng.

2. Giám đốc Sở Tư pháp tỉnh:

Hướng dẫn nghiệp vụ.

3. UBND các huyện, thị xã, thành phố:

Phối hợp thực hiện.

Nơi nhận:

- Như trên;

- Lưu: VT.

KT. CHỦ TỊCH

PHÓ CHỦ TỊCH

Nguyễn Văn A
"""


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}], ids=str
)
def test_clerk_checks_the_marked_fields_and_confirms_a_suggestion(
    demo_site, page_factory, viewport
):
    """Issue 16: each field shows the line it was read from; a unit the importer only
    suggests becomes an addressee when the clerk ticks it; a group of another level or a
    body of another level stays as printed, marked."""
    from directives_app.models import DirectivePage, Unit

    page = page_factory(viewport, label=f"{viewport['width']}")
    _log_in(page, "vanthu", demo_site["password"])
    page.goto("/admin/van-ban/nhap/")
    page.locator("textarea[name='text']").fill(REVIEW_LETTER)
    with page.expect_navigation():
        page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.locator("[data-importer-source]").first).to_contain_text("Dòng gốc:")
    expect(page.locator("[data-importer-addressee='suggested']")).to_contain_text("Cần xác nhận")
    expect(page.locator("[data-importer-addressee='other_level']")).to_contain_text("Cấp khác")
    expect(page.locator("[data-importer-addressee='group']")).to_contain_text("Nhóm đơn vị")
    expect(page.locator("[data-importer-recurring]")).to_contain_text("định kỳ ngày 07")
    page.locator("[data-importer-confirm]").first.scroll_into_view_if_needed()
    page.screenshot("review")
    page.locator("[data-importer-confirm]").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Tạo bản nháp")).click()
    draft = DirectivePage.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))
    first = draft.task_list[0]
    code = Unit.objects.get(name="Phòng Tư pháp").code
    assert [unit.code for unit in first.addressee_units.all()] == [code]
    page.screenshot("draft")
    page.assert_no_console_errors()


def _log_in(page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        page.locator("form button[type='submit']").first.click()
    assert "/admin/login/" not in page.url, f"login as {username} failed: {page.url}"
