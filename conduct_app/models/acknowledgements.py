"""Staff acknowledgements of a version of the Code of Conduct, and the reminders sent to
those who have not acknowledged (one per user and version, never two)."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .code import CodeVersion


class Acknowledgement(models.Model):
    """ "Tôi đã đọc và cam kết thực hiện": one user, one version."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="code_acknowledgements"
    )
    version = models.ForeignKey(
        CodeVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    acknowledged_at = models.DateTimeField(_("xác nhận lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("xác nhận bộ quy tắc")
        verbose_name_plural = _("xác nhận bộ quy tắc")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="unique_acknowledgement")
        ]
        permissions = [
            ("view_acknowledgement_coverage", _("Xem tỉ lệ xác nhận bộ quy tắc theo đơn vị")),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.version}"


def acknowledge(user, version: CodeVersion) -> tuple[Acknowledgement, bool]:
    """Record that `user` acknowledged `version`; (row, created). A second click is a no-op."""
    try:
        with transaction.atomic():
            return Acknowledgement.objects.get_or_create(user=user, version=version)
    except IntegrityError:
        # Two clicks raced: the other one created the row.
        return Acknowledgement.objects.get(user=user, version=version), False


class AcknowledgementReminder(models.Model):
    """A reminder e-mail sent to a user about a version they had not acknowledged."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(CodeVersion, on_delete=models.CASCADE, related_name="reminders")
    # The notification channel it went by (directives_app.core.notifications: "email", …):
    # adding a channel later does not count as already sent on it.
    channel = models.CharField(max_length=32, default="email")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nhắc xác nhận bộ quy tắc")
        verbose_name_plural = _("nhắc xác nhận bộ quy tắc")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version", "channel"], name="unique_ack_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.version}"
