"""Checking uploaded evidence (DESIGN §9): the type comes from the content, not the name;
sizes are limited; names are sanitised; images get a re-encoded, metadata-free preview;
active content (decompression bombs, macros, PDF scripts and actions) is refused
(directives_app.core.active_content)."""

from __future__ import annotations

import datetime
import hashlib
import io
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import ExifTags, Image

from directives_app.core.active_content import check_document, open_image
from directives_app.core.vietnamese import slugify_vi

# Detected extension → MIME type served back. Anything else is refused.
ALLOWED_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
    "mp4": "video/mp4",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
IMAGE_TYPES = {"jpg", "png", "webp", "heic"}
PREVIEW_MAX_PIXELS = 1600
EXIF_DATETIME_ORIGINAL = 36867


@dataclass
class CheckedUpload:
    upload: UploadedFile
    extension: str
    content_type: str
    sha256: str
    size: int
    safe_name: str
    original_name: str
    taken_at: datetime.datetime | None
    preview: ContentFile | None


def allowed_types_label() -> str:
    return _("PDF, Word, Excel, PowerPoint, ảnh JPEG/PNG/HEIC/WebP, video MP4")


def check_upload(upload: UploadedFile, max_bytes: int) -> CheckedUpload:
    """Validate one uploaded file; raise ValidationError with a Vietnamese message."""
    # Django's multipart parser already drops any directory part ("../../x.pdf" arrives
    # as "x.pdf"); what is left must still be a plain, visible file name.
    name = upload.name or ""
    if not name or name.startswith(".") or any(c in name for c in ("/", "\\", "\x00")):
        raise ValidationError(
            _("Tên tệp “%(name)s” không hợp lệ: không được bắt đầu bằng “.” hay chứa “/”, “\\”.")
            % {"name": name[:80]}
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng (0 byte).") % {"name": name})
    if size > max_bytes:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size).1f MB); tối đa %(max)d MB.")
            % {"name": name, "size": size / 1048576, "max": max_bytes // 1048576}
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    extension = kind.extension if kind else None
    if extension == "heif":
        extension = "heic"
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không thuộc loại được nhận (%(types)s). Nội dung tệp được kiểm "
                "tra, không dựa vào đuôi tên tệp."
            )
            % {"name": name, "types": allowed_types_label()}
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    taken_at, preview = None, None
    if extension in IMAGE_TYPES:
        taken_at, preview = _inspect_image(upload, name)
    else:
        check_document(upload, extension, name)
    upload.seek(0)
    stem = slugify_vi(PurePosixPath(name).stem)[:60] or "tep"
    return CheckedUpload(
        upload=upload,
        extension=extension,
        content_type=ALLOWED_TYPES[extension],
        sha256=digest.hexdigest(),
        size=size,
        safe_name=f"{stem}.{extension}",
        original_name=name[:255],
        taken_at=taken_at,
        preview=preview,
    )


def _inspect_image(upload: UploadedFile, name: str):
    import pillow_heif

    pillow_heif.register_heif_opener()
    with open_image(upload, name) as probe:
        probe.verify()
    with open_image(upload, name) as image:
        taken_at = _exif_time(image)
        image.thumbnail((PREVIEW_MAX_PIXELS, PREVIEW_MAX_PIXELS))
        buffer = io.BytesIO()
        # Re-encoding drops every metadata block (GPS included) and anything hidden.
        image.convert("RGB").save(buffer, "JPEG", quality=82)
    return taken_at, ContentFile(buffer.getvalue())


def _exif_time(image: Image.Image) -> datetime.datetime | None:
    exif = image.getexif()
    raw = exif.get_ifd(ExifTags.IFD.Exif).get(EXIF_DATETIME_ORIGINAL) or exif.get(306)
    if not raw:
        return None
    try:
        naive = datetime.datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return timezone.make_aware(naive)
