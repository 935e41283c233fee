"""The admin's "Nhập văn bản": upload or paste, preview beside the original with the
warnings, create the draft; bad input answers 400 with a Vietnamese message."""

from __future__ import annotations

import re

import hostile_files
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from importer_support import LETTERS, SEED, build_docx

from directives_app.models import DirectivePage

pytestmark = pytest.mark.django_db
URL = "/admin/van-ban/nhap/"


@pytest.fixture
def clerk(client_for):
    return client_for("vanthu")


def upload(client, name: str, data: bytes, **extra):
    return client.post(
        URL, {"file": SimpleUploadedFile(name, data), "text": "", "action": "preview", **extra}
    )


def payload_of(response) -> str:
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)


def test_url_and_menu_item(clerk):
    assert reverse("directives_import") == URL
    # The menu is rendered from JSON in the page: look for its link.
    assert URL in clerk.get("/admin/").content.decode()
    response = clerk.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp văn bản (.txt, .docx)" in html and "hoặc dán nội dung văn bản" in html


def test_only_who_may_add_a_directive(client_for, client):
    assert client.get(URL).status_code == 302  # to the login page
    leader = client_for("lanhdao")
    # Wagtail sends a user without permission back to the dashboard, with a message.
    response = leader.get(URL)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert URL not in leader.get("/admin/").content.decode()


def test_preview_shows_the_original_beside_what_was_read(clerk):
    response = upload(clerk, "seed.txt", SEED.read_bytes())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản gốc" in html and "Kết quả đọc" in html
    assert html.count("data-importer-task>") == 4
    assert "Công an huyện Ia Grai" in html  # unit names, not codes
    assert "Trung tâm Văn hóa - Thông tin và Thể thao huyện" in html
    assert "Văn bản chưa có số (bản dự thảo)" in html
    assert "&quot;symbol&quot;: &quot;/UBND-VHTT&quot;" in html  # the JSON, escaped
    assert "Tạo bản nháp" in html
    assert DirectivePage.objects.filter(title__startswith="tăng cường quản lý").count() == 1


def test_paste_instead_of_upload(clerk):
    response = clerk.post(URL, {"text": SEED.read_text("utf-8"), "action": "preview"})
    assert response.status_code == 200
    assert response.content.decode().count("data-importer-task>") == 4


def test_docx_upload(clerk):
    docx = build_docx(
        SEED,
        right_from="CỘNG HÒA",
        body_from="Kính gửi",
        footer_from="Nơi nhận",
        signer_from="TM.",
        auto_numbering=True,
    )
    response = upload(clerk, "cong-van.docx", docx)
    assert response.status_code == 200
    assert response.content.decode().count("data-importer-task>") == 4


def test_create_the_draft(clerk):
    from directives_app.models.imports import ImportedLetter

    preview = upload(clerk, "seed.txt", SEED.read_bytes())
    before = DirectivePage.objects.count()
    response = clerk.post(URL, {"action": "create", "payload": payload_of(preview)})
    assert response.status_code == 302
    page = DirectivePage.objects.order_by("-pk").first()
    assert DirectivePage.objects.count() == before + 1
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and len(page.task_list) == 4
    record = ImportedLetter.objects.get(page=page)
    assert record.created_by.username == "vanthu" and record.source_name == "seed.txt"
    edit = clerk.get(response["Location"])
    assert "Đã tạo bản nháp" in edit.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("trong.txt", b"", "Tệp trống"),
        ("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "tệp nhị phân"),
        ("gia.docx", b"khong phai zip", "không phải tệp Word .docx hợp lệ"),
        ("cong-van.docx", hostile_files.docm(), "chứa macro"),
        ("cong-van-2.docx", hostile_files.docx_with_hidden_vba(), "chứa macro"),
        ("cong-van-3.docx", hostile_files.docx_remote_template(), "chứa macro"),
        (
            "khong-dau.txt",
            "Kính gửi: Phòng Tư pháp.\n\n1. Phòng Tư pháp:\n- Rà soát.\n".encode(),
            "Không tìm thấy phần đầu văn bản",
        ),
    ],
    ids=["empty", "binary", "docx-not-zip", "docm", "hidden-vba", "remote-template", "no-header"],
)
def test_bad_upload_is_400_with_a_message(clerk, name, data, message):
    before = DirectivePage.objects.count()
    response = upload(clerk, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert DirectivePage.objects.count() == before


def test_nothing_chosen_or_both_chosen(clerk):
    response = clerk.post(URL, {"text": "  ", "action": "preview"})
    assert response.status_code == 400
    assert "Hãy chọn tệp văn bản" in response.content.decode()
    response = upload(clerk, "seed.txt", SEED.read_bytes(), text="Số: 1/UBND")
    assert response.status_code == 400
    assert "Chọn một trong hai" in response.content.decode()


def test_tampered_or_missing_payload_is_400(clerk):
    preview = upload(clerk, "seed.txt", SEED.read_bytes())
    payload = payload_of(preview)
    before = DirectivePage.objects.count()
    for bad in (payload[:-3] + "abc", "", "x"):
        response = clerk.post(URL, {"action": "create", "payload": bad})
        assert response.status_code == 400
    assert "hết hạn hoặc không hợp lệ" in response.content.decode()
    assert DirectivePage.objects.count() == before


def test_foreign_issuer_cannot_be_created(clerk):
    path = LETTERS / "01_pleiku_web_interleaved.txt"
    preview = upload(clerk, path.name, path.read_bytes())
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "không có trong danh mục đơn vị" in html
    assert re.search(r'value="create"\s+disabled', html)
    before = DirectivePage.objects.count()
    response = clerk.post(URL, {"action": "create", "payload": payload_of(preview)})
    assert response.status_code == 400
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ PLEIKU" in response.content.decode()
    assert DirectivePage.objects.count() == before


def test_preview_says_when_the_file_was_imported_before(clerk):
    first = upload(clerk, "seed.txt", SEED.read_bytes())
    assert "data-importer-previous" not in first.content.decode()
    clerk.post(URL, {"action": "create", "payload": payload_of(first)})
    again = upload(clerk, "seed.txt", SEED.read_bytes()).content.decode()
    assert "Tệp này đã được nhập trước đây" in again
    page = DirectivePage.objects.order_by("-pk").first()
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in again


def test_same_letter_twice_is_refused_on_create(clerk):
    path = LETTERS / "06_one_line_header_hard_wrapped.txt"
    preview = upload(clerk, path.name, path.read_bytes())
    assert clerk.post(URL, {"action": "create", "payload": payload_of(preview)}).status_code == 302
    response = clerk.post(URL, {"action": "create", "payload": payload_of(preview)})
    assert response.status_code == 400
    assert "đã có trong sổ văn bản" in response.content.decode()


# -- issue 16: where each field was read, what the clerk must check or confirm ---------------

SUGGESTION_LETTER = """ỦY BAN NHÂN DÂN
HUYỆN IA GRAI
Số: 77/UBND-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Ia Grai, ngày 10 tháng 11 năm 2021
V/v rà soát văn bản
Kính gửi: Các cơ quan, đơn vị

1. Tổ công tác của Phòng Tư pháp:
Rà soát văn bản, báo cáo định kỳ ngày 07 hàng tháng.
2. Giám đốc Sở Tư pháp tỉnh:
Hướng dẫn nghiệp vụ.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def test_preview_shows_each_fields_source_line_and_marks_what_to_check(clerk):
    html = upload(clerk, "seed.txt", SEED.read_bytes()).content.decode()
    assert html.count("data-importer-source") >= 4
    assert "Dòng gốc:" in html and "<q>ỦY BAN NHÂN DÂN / HUYỆN IA GRAI</q>" in html
    # The seed is an unsigned draft: no day, no number; those fields are marked.
    date = re.search(r'<dd data-importer-field="date"[^>]*>', html).group(0)
    assert "importer-needs-check" in date
    issuer = re.search(r'<dd data-importer-field="issuer"[^>]*>', html).group(0)
    assert "importer-needs-check" not in issuer


def test_suggested_unit_is_created_only_when_the_clerk_confirms_it(clerk):
    from directives_app.models import Unit

    code = Unit.objects.get(name="Phòng Tư pháp").code
    preview = upload(clerk, "goi-y.txt", SUGGESTION_LETTER.encode())
    html = preview.content.decode()
    assert 'data-importer-addressee="suggested"' in html and "Cần xác nhận" in html
    assert f'value="0:{code}"' in html
    assert 'data-importer-addressee="other_level"' in html and "Cấp khác" in html
    assert "data-importer-recurring" in html
    other = Unit.objects.exclude(code=code).first().code
    response = clerk.post(
        URL,
        {
            "action": "create",
            "payload": payload_of(preview),
            "confirm": [f"0:{code}", f"0:{other}", f"1:{code}"],  # only the first counts
        },
    )
    assert response.status_code == 302
    page = DirectivePage.objects.order_by("-pk").first()
    first, second = page.task_list
    assert [unit.code for unit in first.addressee_units.all()] == [code]
    assert list(second.addressee_units.all()) == []


def test_unconfirmed_suggestion_is_not_an_addressee(clerk):
    preview = upload(clerk, "goi-y.txt", SUGGESTION_LETTER.encode())
    response = clerk.post(URL, {"action": "create", "payload": payload_of(preview)})
    assert response.status_code == 302
    page = DirectivePage.objects.order_by("-pk").first()
    assert all(list(task.addressee_units.all()) == [] for task in page.task_list)
