"""Helpers of the conduct_app tests: URLs, images made on the fly (with or without EXIF
GPS), uploads and the POST data of a valid public report. A module of its own name, not
conftest: test modules import from it, and several folders have a conftest.py."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

REPORT_URL = "/phan-anh/"
LOOKUP_URL = "/phan-anh/tra-cuu/"
TRIAGE_URL = "/admin/snippets/conduct_app/incidentreport/"


def image_bytes(fmt: str = "PNG", size=(40, 20), color="red", exif=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def gps_exif(orientation: int | None = None) -> Image.Exif:
    """EXIF as a phone writes it: a GPS position (Ia Kha, Gia Lai) and a camera model."""
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "Phone X"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (13.0, 59.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (107.0, 50.0, 12.0)
    return exif


def upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def form_data(**overrides) -> dict:
    """POST data of a valid public report; pass a key with None to leave it out."""
    data = {
        "urls": "https://www.facebook.com/trang.gia.mao.chu.tich?fbclid=IwAR0",
        "platform": "facebook",
        "category": "impersonation",
        "impersonated": "Chủ tịch UBND huyện",
        "description": "Trang giả mạo Chủ tịch UBND huyện, kêu gọi chuyển tiền ủng hộ.",
        "reporter_name": "Trần Thị Bình",
        "reporter_phone": "0905 123 456",
        "reporter_email": "binh@example.com",
        "confidential": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
