"""Helpers for compliance tests: images, report form data, admin URLs."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg(name="anh.jpg", size=(64, 48), color=(200, 30, 30), exif_time=None) -> SimpleUploadedFile:
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    exif = Image.Exif()
    if exif_time:
        exif.get_ifd(0x8769)[36867] = exif_time
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def edit_url(report) -> str:
    return f"/admin/snippets/directives_app/compliancereport/edit/{report.pk}/"


EVIDENCE_LINK = "https://zalo.me/xaiaba/bai-dang-tuyen-truyen | Bài đăng trên Zalo của xã"
EVIDENCE_FIELDS = ("new_photos", "new_files", "new_links")


def report_form(report, **extra) -> dict:
    """A complete report: every task done with text; a submission without evidence of its
    own gets a link, since an empty report cannot be sent."""
    data = {"summary": "Đã triển khai.", "new_caption": "", "new_links": ""}
    for result in report.results.all():
        data[f"result_{result.task_id}_outcome"] = "done"
        data[f"result_{result.task_id}_text"] = "Đã tuyên truyền trên loa và Zalo."
    data.update(extra)
    if "action-submit" in extra and not any(data.get(name) for name in EVIDENCE_FIELDS):
        data["new_links"] = EVIDENCE_LINK
    return data


def review_url(report) -> str:
    return f"/admin/bao-cao/{report.pk}/tham-dinh/"


def review_data(report, **fields) -> dict:
    """A review form's POST data: the step and revision the reviewer's page showed."""
    state = type(report).objects.get(pk=report.pk).current_workflow_task_state
    return {"task_state": state.pk, "revision": state.revision_id, **fields}


def prepared(client, url: str):
    """Ask for a file the task worker prepares (the immediate backend in tests): the
    request redirects to its status page, which links the download."""
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    assert response.url.startswith("/admin/tep/")
    status = client.get(response.url)
    assert status.status_code == 200
    html = status.content.decode()
    assert "Tệp đã sẵn sàng" in html and 'http-equiv="refresh"' not in html
    download = client.get(response.url + "tai-ve/")
    assert download.status_code == 200
    assert {"private", "no-store"} <= set(download["Cache-Control"].replace(" ", "").split(","))
    return download


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def returned(post_report, report, client_for, comment="Bổ sung ảnh buổi tuyên truyền."):
    """The head sends the report and the reviewer returns it with one reason."""
    assert post_report("xa-ia-ba.truong", report, submit=True).status_code == 302
    response = client_for("thamdinh").post(
        review_url(report),
        review_data(
            report,
            action="reject",
            **{
                "reject-checklist": ["Ảnh không rõ, không đúng nội dung"],
                "reject-comment": comment,
            },
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    return report
