"""The receipt (phiếu xác nhận) a unit downloads after submitting: a PDF with directive,
unit, time, submitter and every submitted evidence item with its SHA-256; 404 for anyone
the report policy does not let see the report, and before the first submission."""

import hashlib
import subprocess

import pytest
from django.utils import timezone
from reporting import jpeg

from directives_app.models import Evidence


def receipt_url(report) -> str:
    return f"/admin/bao-cao/{report.pk}/phieu-xac-nhan/"


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.fixture
def submitted(post_report, report):
    response = post_report(
        "xa-ia-ba.truong",
        report,
        submit=True,
        new_caption="Tuyên truyền tại thôn",
        new_photos=[jpeg("anh-tuyen-truyen.jpg")],
        new_links="https://zalo.me/iaba/post/9 | Bài đăng trên Zalo",
    )
    assert response.status_code == 302, response.content.decode()[:500]
    report.refresh_from_db()
    return report


@pytest.mark.django_db
def test_head_downloads_receipt_with_evidence_hashes(client_for, submitted, tmp_path):
    report = submitted
    response = client_for("xa-ia-ba.truong").get(receipt_url(report))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "phieu-xac-nhan-972-UBND-VHTT-xa-ia-ba.pdf" in response["Content-Disposition"]
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    text = pdf_text(response.content, tmp_path)
    assert "PHIẾU XÁC NHẬN" in text
    assert "Công văn số 972/UBND-VHTT" in text
    assert "Xã Ia Bă" in text
    submitted_at = timezone.localtime(report.submitted_at)
    assert f"{submitted_at:%H:%M:%S} ngày {submitted_at:%d/%m/%Y}" in text
    assert "xa-ia-ba.truong" in text
    photo = Evidence.objects.get(report=report, kind=Evidence.Kind.FILE)
    assert len(photo.sha256) == 64
    assert f"SHA-256: {photo.sha256}" in text
    # the stored hash is the hash of the stored file
    with photo.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == photo.sha256
    assert "https://zalo.me/iaba/post/9" in text
    assert "Tuyên truyền tại thôn" in text


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["xa-ia-ba.canbo", "lanhdao", "thamdinh", "admin"])
def test_others_allowed_to_view_the_report_get_it_too(client_for, submitted, username):
    report = submitted
    assert client_for(username).get(receipt_url(report)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["xa-ia-o.truong", "bientap", "vanthu"])
def test_other_units_and_staff_get_404(client_for, submitted, username):
    report = submitted
    assert client_for(username).get(receipt_url(report)).status_code == 404


@pytest.mark.django_db
def test_no_receipt_before_first_submission(client_for, report):
    assert client_for("xa-ia-ba.truong").get(receipt_url(report)).status_code == 404


@pytest.mark.django_db
def test_unknown_report_404_and_anonymous_to_login(client_for, client):
    assert client_for("lanhdao").get("/admin/bao-cao/999999/phieu-xac-nhan/").status_code == 404
    response = client.get("/admin/bao-cao/1/phieu-xac-nhan/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_listing_offers_the_receipt_once_submitted(client_for, submitted):
    report = submitted
    listing = client_for("xa-ia-ba.truong").get("/admin/snippets/directives_app/compliancereport/")
    html = listing.content.decode()
    assert receipt_url(report) in html
    assert html.count("/phieu-xac-nhan/") == 1  # not for Ia Bă's unsubmitted reports
