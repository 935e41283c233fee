"""Editors' documents are public downloads: active content is refused there too (DESIGN §9)."""

from __future__ import annotations

import hostile_files
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/documents/add/"


def post(client, name: str, data: bytes):
    return client.post(
        ADD_URL,
        {
            "title": "Tài liệu",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.pdf", hostile_files.ACTIVE_PDFS["javascript-open-action"], "mã tự chạy"),
        ("ke-hoach-2.pdf", hostile_files.ACTIVE_PDFS["in-object-stream"], "mã tự chạy"),
        ("mau.docx", hostile_files.docm(), "chứa macro"),
        ("bang.xls", hostile_files.ole_doc(with_macros=True), "chứa macro"),
    ],
    ids=["pdf-javascript", "pdf-object-stream", "docm-as-docx", "xls-with-vba"],
)
def test_active_document_refused_nothing_saved(client_for, name, data, message):
    before = get_document_model().objects.count()
    response = post(client_for("admin"), name, data)
    assert response.status_code in (200, 400)
    assert message in response.content.decode()
    assert get_document_model().objects.count() == before


def test_clean_pdf_still_taken(client_for):
    before = get_document_model().objects.count()
    response = post(client_for("admin"), "ke-hoach.pdf", hostile_files.CLEAN_PDF)
    assert response.status_code == 302
    assert get_document_model().objects.count() == before + 1
