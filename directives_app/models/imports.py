"""Letters imported from text or .docx (issue 4): the original as received, what the
parser read from it and the warnings the clerk must check, kept beside the draft directive
made from it. The editor shows the warnings (importer.panels.ImportWarningsPanel)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedLetter(models.Model):
    page = models.ForeignKey(
        "directives_app.DirectivePage",
        verbose_name=_("văn bản tạo ra"),
        null=True,
        blank=True,
        # The record of an import outlives a draft deleted afterwards.
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp gốc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 của tệp gốc"), max_length=64, db_index=True)
    source_text = models.TextField(_("nội dung đã đọc"))
    parsed = models.JSONField(_("kết quả đọc"), default=dict)
    warnings = models.JSONField(_("cảnh báo"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản nhập")
        verbose_name_plural = _("văn bản nhập")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.source_name or str(self.parsed.get("subject", "")) or str(self.pk)
