"""The record of every reminder sent about a compliance report.

One row per (report, kind, recipient, day, channel). The unique constraint is what makes
`send_reminders` idempotent: a run claims a reminder by inserting its row before sending,
so a second run the same day (or two runs at once from overlapping timers) finds the row
and sends nothing. A new channel (SMS, Zalo) has its own name, hence its own rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .compliance import ComplianceReport


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    DUE_TODAY = "due_today", _("Đến hạn hôm nay")
    LATE = "late", _("Quá hạn")
    ESCALATION = "escalation", _("Báo cáo lãnh đạo")


class SentReminder(models.Model):
    report = models.ForeignKey(
        ComplianceReport,
        verbose_name=_("báo cáo"),
        on_delete=models.CASCADE,
        related_name="sent_reminders",
    )
    kind = models.CharField(_("loại nhắc việc"), max_length=16, choices=ReminderKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    date = models.DateField(_("ngày nhắc"))
    channel = models.CharField(_("kênh"), max_length=32)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        ordering = ["-date", "report_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "recipient", "date", "channel"],
                name="one_reminder_per_day_and_channel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.recipient} – {self.date:%d/%m/%Y}"
