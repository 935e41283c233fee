"""Pictures of articles: uploaded by editors and commune officers within the 10 MB limit;
a file over it is refused with the limit in the message and nothing saved."""

from __future__ import annotations

import io
import os

import pytest
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model

TOO_BIG = "This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."


def noise_jpeg(megabytes: int) -> bytes:
    """A real JPEG of about `megabytes` MB (noise does not compress)."""
    side = int((megabytes * 1024 * 1024 / 1.6) ** 0.5)
    picture = PILImage.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=98)
    return buffer.getvalue()


def jpeg_bytes(width: int = 1600, height: int = 900) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def upload(client, name: str, content: bytes, title: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/admin/images/add/",
        {"title": title, "file": SimpleUploadedFile(name, content, "image/jpeg"), "tags": ""},
    )


def test_upload_limit_is_ten_megabytes():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["bientap", "xa-ia-ba.canbo"])
def test_writers_upload_pictures(client_for, username):
    response = upload(client_for(username), "hoi-nghi.jpg", jpeg_bytes(), "Hội nghị")
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Hội nghị")
    assert (image.width, image.height) == (1600, 900)


@pytest.mark.django_db
def test_picture_over_ten_megabytes_is_refused_and_not_saved(client_for):
    content = noise_jpeg(11)
    assert len(content) > 10 * 1024 * 1024
    response = upload(client_for("bientap"), "qua-lon.jpg", content, "Ảnh quá lớn")
    assert response.status_code == 400
    [error] = response.context["form"].errors["file"]
    with translation.override("vi"):
        message = translation.gettext(TOO_BIG)
        expected = message % {
            "file_size": filesizeformat(len(content)),
            "max_filesize": filesizeformat(10 * 1024 * 1024),
        }
    assert message != TOO_BIG  # the project catalogue has it in Vietnamese
    assert error == expected, error
    assert not get_image_model().objects.filter(title="Ảnh quá lớn").exists()


@pytest.mark.django_db
def test_a_file_that_is_not_a_picture_is_refused(client_for):
    response = upload(client_for("bientap"), "bai-viet.jpg", b"%PDF-1.7 not a picture", "Giả")
    assert response.status_code == 400
    assert not get_image_model().objects.filter(title="Giả").exists()
