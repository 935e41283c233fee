"""Screenshots attached to a report (DESIGN §9): the type comes from the content (Pillow
must open and verify the image), sizes are limited, and every image is re-encoded, which
drops its metadata: EXIF with the GPS position where a phone took the photo, XMP, comments.
Nothing the uploader named or wrote inside the file survives but the pixels."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from directives_app.core.active_content import open_image
from directives_app.core.vietnamese import slugify_vi

MAX_FILES = 5
# A 4000 × 10 000 screenshot of a long thread is plausible; a decompression bomb is not.
MAX_PIXELS = 50_000_000
DEFAULT_MAX_BYTES = 8 * 1024 * 1024

# Detected format → (format written, extension, MIME type). HEIC (iPhone photos) becomes
# JPEG: browsers cannot show it.
FORMATS = {
    "JPEG": ("JPEG", "jpg", "image/jpeg"),
    "MPO": ("JPEG", "jpg", "image/jpeg"),  # some phones' JPEGs (a JPEG with a depth map)
    "PNG": ("PNG", "png", "image/png"),
    "WEBP": ("WEBP", "webp", "image/webp"),
    "HEIF": ("JPEG", "jpg", "image/jpeg"),
}


@dataclass(frozen=True)
class CleanScreenshot:
    data: bytes
    extension: str
    content_type: str
    width: int
    height: int
    sha256: str
    original_name: str


def max_bytes() -> int:
    return getattr(settings, "INCIDENT_SCREENSHOT_MAX_BYTES", DEFAULT_MAX_BYTES)


@cache
def _register_heif() -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()


def _display_name(name: str) -> str:
    stem, _dot, extension = name.rpartition(".")
    stem = slugify_vi(stem or extension)[:60] or "anh"
    return stem


def clean_screenshot(upload: UploadedFile) -> CleanScreenshot:
    """Check and re-encode one upload; ValidationError with a Vietnamese message if refused."""
    _register_heif()
    name = (upload.name or "")[:255]
    limit = max_bytes()
    if not upload.size:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("Ảnh “%(name)s” quá lớn (%(size).1f MB); mỗi ảnh tối đa %(max).0f MB.")
            % {"name": name, "size": upload.size / 1048576, "max": limit / 1048576},
            code="too_large",
        )
    refused = ValidationError(
        _(
            "Tệp “%(name)s” không phải ảnh JPEG, PNG, WebP hoặc HEIC, hoặc ảnh bị hỏng. "
            "Loại tệp được kiểm tra theo nội dung, không theo đuôi tên tệp."
        )
        % {"name": name},
        code="not_an_image",
    )
    # open_image refuses decompression bombs (its own message) and turns any decoder
    # failure into `refused`, as is a format Pillow reads but we do not take.
    with open_image(upload, name, MAX_PIXELS, refused) as probe:
        if probe.format not in FORMATS:
            raise refused
        probe.verify()
    with open_image(upload, name, MAX_PIXELS, refused) as image:
        written, extension, content_type = FORMATS[image.format]
        image.load()
        clean = _pixels_only(image, written)
        buffer = io.BytesIO()
        options = {"quality": 90} if written in ("JPEG", "WEBP") else {}
        clean.save(buffer, written, **options)
    data = buffer.getvalue()
    return CleanScreenshot(
        data=data,
        extension=extension,
        content_type=content_type,
        width=clean.width,
        height=clean.height,
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=f"{_display_name(name)}.{extension}",
    )


def _pixels_only(image: Image.Image, written: str) -> Image.Image:
    # Turn the photo upright first: the orientation lives in the EXIF we are dropping.
    upright = ImageOps.exif_transpose(image)
    if written == "JPEG":
        upright = upright.convert("RGB")
    elif upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA")
    transparency = upright.info.get("transparency") if upright.mode == "P" else None
    # No metadata reaches the encoder: EXIF (GPS), XMP, ICC, comments.
    upright.info = {"transparency": transparency} if transparency is not None else {}
    return upright
