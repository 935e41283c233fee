"""Renditions of an uploaded photo are made by the task worker (durable backend only)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage
from wagtail.images import get_image_model

from iagrai_cms.news.image_renditions import RENDITION_SPECS
from iagrai_cms.tasks import generate_renditions

DURABLE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def upload(client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (30, 90, 160)).save(buffer, "JPEG", quality=80)
    return client.post(
        "/admin/images/add/",
        {
            "title": "Hội nghị",
            "file": SimpleUploadedFile("hoi-nghi.jpg", buffer.getvalue(), "image/jpeg"),
            "tags": "",
        },
    )


@pytest.mark.django_db
def test_upload_queues_renditions_and_the_task_makes_them_once(client_for):
    with override_settings(TASKS=DURABLE):
        assert upload(client_for("bientap")).status_code == 302
    image = get_image_model().objects.get(title="Hội nghị")
    queued = DBTaskResult.objects.filter(task_path="iagrai_cms.tasks.generate_renditions")
    assert [row.args_kwargs["args"] for row in queued] == [[image.pk]]
    assert image.renditions.count() == 0  # the upload did not wait for them
    assert generate_renditions.call(image.pk) == len(RENDITION_SPECS)
    assert image.renditions.count() == len(RENDITION_SPECS)
    generate_renditions.call(image.pk)  # run again (a worker restarted): nothing doubles
    assert image.renditions.count() == len(RENDITION_SPECS)
    assert generate_renditions.call(999999) == 0  # deleted meanwhile


@pytest.mark.django_db
def test_immediate_backend_leaves_renditions_to_the_first_view(client_for):
    assert upload(client_for("bientap")).status_code == 302
    image = get_image_model().objects.get(title="Hội nghị")
    assert image.renditions.count() == 0
