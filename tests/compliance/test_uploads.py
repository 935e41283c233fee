"""Bad uploads are refused with a Vietnamese message and nothing is stored."""

import io
import os

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
