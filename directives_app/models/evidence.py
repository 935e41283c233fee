"""Evidence of a report: files in private storage, or links.

Evidence rows are written when uploaded, not kept inside the report's revisions: once a
submission includes them they are frozen (`submitted_at`, `submitted_in`) and never edited
or deleted, so every earlier submission stays readable and the reviewer can see what is
new since the last one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from .compliance import ComplianceReport
from .review import ReviewTaskState

# Substring of the stored MIME type → the words a reviewer reads; first match wins.
TYPE_LABELS = (
    ("image/jpeg", _("Ảnh JPEG")),
    ("image/png", _("Ảnh PNG")),
    ("image/webp", _("Ảnh WebP")),
    ("image/heic", _("Ảnh HEIC")),
    ("application/pdf", _("PDF")),
    ("video/", _("Video")),
    ("wordprocessingml", _("Văn bản Word")),
    ("msword", _("Văn bản Word")),
    ("spreadsheetml", _("Bảng tính Excel")),
    ("ms-excel", _("Bảng tính Excel")),
    ("presentationml", _("Trình chiếu PowerPoint")),
    ("opendocument.text", _("Văn bản ODT")),
    ("opendocument.spreadsheet", _("Bảng tính ODS")),
)


def private_storage():
    return storages["private"]


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"minh-chung/{instance.report.directive_id}/{instance.report.unit.code}/{filename}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("Tệp")
        LINK = "link", _("Đường dẫn")

    report = models.ForeignKey(ComplianceReport, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.FILE)
    file = models.FileField(
        _("tệp"), storage=private_storage, upload_to=evidence_path, max_length=300, blank=True
    )
    preview = models.FileField(
        storage=private_storage, upload_to=evidence_path, max_length=300, blank=True
    )
    url = models.URLField(_("đường dẫn"), max_length=1000, blank=True)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    taken_at = models.DateTimeField(_("thời điểm chụp"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_in = models.ForeignKey(
        ReviewTaskState, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.original_name or self.url

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")

    @property
    def type_label(self) -> str:
        """The kind of evidence in words: "Ảnh JPEG", "PDF", "Word", "Đường dẫn"…"""
        if self.kind == self.Kind.LINK:
            return str(_("Đường dẫn"))
        content_type = self.content_type
        for marker, label in TYPE_LABELS:
            if marker in content_type:
                return str(label)
        return content_type or str(_("Tệp"))

    @property
    def domain(self) -> str:
        """The host of a link ("zalo.me"), shown so the reviewer sees where it leads."""
        from urllib.parse import urlsplit

        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")

    @property
    def is_frozen(self) -> bool:
        return self.submitted_at is not None

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise ValidationError(_("Minh chứng đã gửi thẩm định không thể xóa."))
        return super().delete(*args, **kwargs)
