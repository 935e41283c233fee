"""Rows that background tasks work on (issue 17): files prepared for one user (whole-table
exports, the PDF report of a directive) and e-mails waiting to be sent.

Both are written in the same transaction as the task that handles them is enqueued (the
database task backend stores its queue in the same database), so a committed row always
has its task, and a rolled-back one never does.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def _private_storage():
    return storages["private"]


class PreparedFile(models.Model):
    """A file built by the task worker for the user who asked for it, stored privately and
    served only to that user (or a superuser)."""

    class Kind(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        PROGRESS_PDF = "progress_pdf", _("Báo cáo tiến độ (PDF)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chuẩn bị")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không thành công")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prepared_files"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What to build: the dashboard's filter query string, or the directive's id.
    params = models.JSONField(default=dict, blank=True)
    title = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(storage=_private_storage, upload_to="tac-vu/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tệp đang chuẩn bị")
        verbose_name_plural = _("tệp đang chuẩn bị")

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, 100 * self.rows_done // self.rows_total)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class OutgoingEmail(models.Model):
    """One e-mail to send (the outbox). `sent_at` is set in the same transaction that holds
    the row's lock while the message is handed to the mail server, so two workers never
    send it both; a failure leaves it unsent with the error, and it is retried."""

    # Optional: the same key never makes a second e-mail (a task that runs again).
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    to = models.JSONField()
    subject = models.CharField(max_length=998)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outgoing_email_unsent",
                condition=models.Q(sent_at=None),
            )
        ]
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("thư chờ gửi")

    def __str__(self) -> str:
        return self.subject
