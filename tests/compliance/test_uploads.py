"""Bad uploads are refused with a Vietnamese message and nothing is stored."""

import io
import os

import hostile_files
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reporting import edit_url, jpeg, report_form

from directives_app.models import ComplianceSettings, Evidence


def stored_files() -> set[str]:
    root = settings.PRIVATE_MEDIA_ROOT
    found = set()
    for folder, _dirs, files in os.walk(root):
        found |= {os.path.join(folder, name) for name in files}
    return found


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        (
            "new_files",
            SimpleUploadedFile("bao-cao.pdf", EXE, "application/pdf"),
            "không thuộc loại được nhận",
        ),
        (
            "new_photos",
            SimpleUploadedFile("anh.jpg", HTML, "image/jpeg"),
            "không thuộc loại được nhận",
        ),
        (
            "new_photos",
            SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"),
            "không thuộc loại được nhận",
        ),
        ("new_files", SimpleUploadedFile("rong.pdf", b"", "application/pdf"), "rỗng"),
        (
            "new_photos",
            SimpleUploadedFile("hong.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg"),
            "bị hỏng",
        ),
    ],
)
def test_bad_upload_refused_nothing_stored(client_for, report, field, upload, message):
    before_rows, before_files = Evidence.objects.count(), stored_files()
    # a good photo in the same request must not be stored either
    data = report_form(report, new_photos=[jpeg("tot.jpg")], new_links="https://example.org/a")
    data[field] = [upload, jpeg("tot2.jpg")] if field == "new_photos" else [upload]
    response = client_for("xa-ia-ba.truong").post(edit_url(report), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Evidence.objects.count() == before_rows
    assert stored_files() == before_files


@pytest.mark.django_db
def test_oversize_upload_refused(client_for, report):
    limit = ComplianceSettings.load()
    limit.max_upload_mb = 1
    limit.save()
    big = io.BytesIO()
    Image.effect_noise((1400, 1400), 100).convert("RGB").save(big, "PNG")
    assert big.tell() > 1024 * 1024
    upload = SimpleUploadedFile("to.png", big.getvalue(), "image/png")
    response = client_for("xa-ia-ba.truong").post(
        edit_url(report), report_form(report, new_photos=[upload])
    )
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert not Evidence.objects.filter(report=report).exists()


@pytest.mark.django_db
def test_bad_link_refused(client_for, report):
    response = client_for("xa-ia-ba.truong").post(
        edit_url(report), report_form(report, new_links="javascript:alert(1)")
    )
    assert response.status_code == 400
    assert "không phải đường dẫn hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_good_files_stored_privately_with_hash_type_and_sanitised_name(client_for, report):
    pdf = SimpleUploadedFile(
        "Biên bản họp.PDF", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/octet-stream"
    )
    response = client_for("xa-ia-ba.canbo").post(
        edit_url(report), report_form(report, new_files=[pdf], new_photos=[jpeg("Ảnh 1.jpg")])
    )
    assert response.status_code == 302
    items = {e.content_type: e for e in Evidence.objects.filter(report=report)}
    assert set(items) == {"application/pdf", "image/jpeg"}
    document = items["application/pdf"]
    assert document.file.name.endswith("/bien-ban-hop.pdf")
    assert document.original_name == "Biên bản họp.PDF"
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))
    photo = items["image/jpeg"]
    assert photo.preview  # re-encoded copy for inline display
    anonymous = client_for("xa-ia-ba.canbo")
    anonymous.logout()
    assert anonymous.get(f"/tep/minh-chung/{photo.pk}/").status_code == 404
    assert anonymous.get(f"/tep/minh-chung/{photo.pk}/xem/").status_code == 404
    assert anonymous.get(f"/media/{photo.file.name}").status_code == 404


@pytest.mark.django_db
def test_path_in_file_name_cannot_escape_the_evidence_folder(client_for, report):
    upload = SimpleUploadedFile("../../../etc/passwd.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    client_for("xa-ia-ba.truong").post(edit_url(report), report_form(report, new_files=[upload]))
    for evidence in Evidence.objects.filter(report=report):
        path = os.path.realpath(evidence.file.path)
        assert path.startswith(os.path.realpath(settings.PRIVATE_MEDIA_ROOT) + os.sep)
        assert ".." not in evidence.file.name
        assert "/minh-chung/" in "/" + evidence.file.name


@pytest.mark.django_db
def test_dot_file_name_refused(client_for, report):
    upload = SimpleUploadedFile(".htaccess.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client_for("xa-ia-ba.truong").post(
        edit_url(report), report_form(report, new_files=[upload])
    )
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
    assert not Evidence.objects.filter(report=report).exists()


# -- active content (issue 12): bombs, macros, scripted PDFs ------------------------------

BOMBS = {
    "anh.png": hostile_files.bomb_png,
    "anh.jpg": hostile_files.bomb_jpeg,
    "anh.webp": hostile_files.bomb_webp,
    "IMG_0001.HEIC": hostile_files.bomb_heic,
}
MACRO_DOCUMENTS = {
    "bao-cao.docx": hostile_files.docm,  # a .docm renamed
    "bao-cao-2.docx": hostile_files.docx_with_hidden_vba,
    "bao-cao-3.docx": hostile_files.docx_macro_enabled_type_only,
    "bao-cao-4.docx": hostile_files.docx_remote_template,
    "so-lieu.xlsx": hostile_files.xlsm,
    "bao-cao.odt": hostile_files.odt_with_basic,
    "bao-cao-cu.doc": lambda: hostile_files.ole_doc(with_macros=True),
}


def assert_refused_nothing_stored(client_for, report, field, upload, message) -> None:
    before_rows, before_files = Evidence.objects.count(), stored_files()
    data = report_form(report, new_photos=[jpeg("tot.jpg")], new_links="https://example.org/a")
    data[field] = [upload, jpeg("tot2.jpg")] if field == "new_photos" else [upload]
    response = client_for("xa-ia-ba.truong").post(edit_url(report), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Evidence.objects.count() == before_rows
    assert stored_files() == before_files


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BOMBS))
def test_decompression_bomb_photo_refused(client_for, report, name):
    upload = SimpleUploadedFile(name, BOMBS[name](), "image/jpeg")
    assert_refused_nothing_stored(
        client_for, report, "new_photos", upload, "khai báo kích thước quá lớn"
    )


@pytest.mark.django_db
def test_decompression_bomb_in_the_pillow_warning_band_refused(client_for, report):
    # 12 000 × 12 000 is above Pillow's limit but below twice it, where Pillow only warns.
    upload = SimpleUploadedFile("anh.png", hostile_files.bomb_png(12000, 12000), "image/png")
    assert_refused_nothing_stored(
        client_for, report, "new_photos", upload, "khai báo kích thước quá lớn"
    )


@pytest.mark.django_db
def test_gif_bomb_refused_as_a_type_not_taken(client_for, report):
    upload = SimpleUploadedFile("anh.gif", hostile_files.bomb_gif(), "image/gif")
    assert_refused_nothing_stored(
        client_for, report, "new_photos", upload, "không thuộc loại được nhận"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MACRO_DOCUMENTS))
def test_document_with_macros_refused(client_for, report, name):
    upload = SimpleUploadedFile(name, MACRO_DOCUMENTS[name](), "application/octet-stream")
    assert_refused_nothing_stored(client_for, report, "new_files", upload, "chứa macro")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(hostile_files.ACTIVE_PDFS))
def test_pdf_with_scripts_actions_or_attachments_refused(client_for, report, kind):
    upload = SimpleUploadedFile("bao-cao.pdf", hostile_files.ACTIVE_PDFS[kind], "application/pdf")
    assert_refused_nothing_stored(
        client_for, report, "new_files", upload, "chứa mã tự chạy, hành động tự động"
    )


@pytest.mark.django_db
def test_clean_documents_are_still_taken(client_for, report):
    files = [
        SimpleUploadedFile("lien-ket.pdf", hostile_files.CLEAN_PDF, "application/pdf"),
        SimpleUploadedFile("van-ban.docx", hostile_files.docx(), "application/octet-stream"),
        SimpleUploadedFile("van-ban-cu.doc", hostile_files.ole_doc(with_macros=False)),
    ]
    response = client_for("xa-ia-ba.truong").post(
        edit_url(report), report_form(report, new_files=files)
    )
    assert response.status_code == 302
    assert sorted(
        Evidence.objects.filter(report=report).values_list("original_name", flat=True)
    ) == [
        "lien-ket.pdf",
        "van-ban-cu.doc",
        "van-ban.docx",
    ]


@pytest.mark.django_db
def test_pdf_stored_before_the_checks_with_a_script_is_never_shown_inline(client_for, report):
    """A scripted PDF already in the store (uploaded before these checks) is download-only."""
    from django.core.files.base import ContentFile

    evidence = Evidence(
        report=report,
        kind=Evidence.Kind.FILE,
        content_type="application/pdf",
        original_name="cu.pdf",
        sha256="0" * 64,
        size=10,
    )
    evidence.file.save("cu.pdf", ContentFile(hostile_files.ACTIVE_PDFS["in-object-stream"]))
    clean = Evidence(
        report=report,
        kind=Evidence.Kind.FILE,
        content_type="application/pdf",
        original_name="sach.pdf",
        sha256="1" * 64,
        size=10,
    )
    clean.file.save("sach.pdf", ContentFile(hostile_files.CLEAN_PDF))
    reviewer = client_for("thamdinh")
    active = reviewer.get(f"/tep/minh-chung/{evidence.pk}/xem/")
    assert active.status_code == 200
    assert active["Content-Disposition"].startswith("attachment")
    inline = reviewer.get(f"/tep/minh-chung/{clean.pk}/xem/")
    assert inline["Content-Disposition"].startswith("inline")
    assert "sandbox" in inline["Content-Security-Policy"]


# -- GPS in the private original (decision in docs/DECISIONS.md) ----------------------------


@pytest.mark.django_db
def test_gps_kept_in_the_private_original_for_the_reviewer_and_said_on_the_form(client_for, report):
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 58.0, 30.0), 3: "E", 4: (108.0, 2.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 40)).save(buffer, "JPEG", exif=exif.tobytes())
    original = buffer.getvalue()
    unit = client_for("xa-ia-ba.truong")

    form = unit.get(edit_url(report)).content.decode()
    assert "vị trí GPS" in form

    response = unit.post(
        edit_url(report),
        report_form(report, new_photos=[SimpleUploadedFile("IMG_1.jpg", original, "image/jpeg")]),
    )
    assert response.status_code == 302
    photo = Evidence.objects.get(report=report, original_name="IMG_1.jpg")
    with photo.file.open("rb") as stored:
        assert stored.read() == original  # byte for byte: GPS kept for the reviewer
    with photo.preview.open("rb") as preview, Image.open(preview) as image:
        assert not image.getexif().get_ifd(0x8825)  # the inline preview carries none
