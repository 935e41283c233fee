"""Reminding staff who have not acknowledged the current version of the Code of Conduct
within CODE_ACKNOWLEDGEMENT_WORKING_DAYS (5) working days of its publication, or of joining
for someone who joined later. The project's `send_reminders` command calls
`acknowledgement_reminders` (setting REMINDER_PROVIDERS).

Messages go out through directives_app's notification channels (setting
NOTIFICATION_CHANNELS: e-mail today, SMS or Zalo OA later), so this module does not know how
a person is reached. Idempotent: a reminder is recorded (AcknowledgementReminder) in the
same transaction as it is sent, and a user is reminded about a version once per channel,
however often the command runs. A failed send records nothing: the next run tries again.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conduct_app.models import AcknowledgementReminder, CodeVersion
from directives_app.core.notifications import Channel, Delivery, configured_channels
from directives_app.core.working_days import days_off, working_days_between

from .coverage import staff_users

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_WORKING_DAYS = 5
KIND = "code_acknowledgement"


def reminder_working_days() -> int:
    days = getattr(settings, "CODE_ACKNOWLEDGEMENT_WORKING_DAYS", DEFAULT_REMINDER_WORKING_DAYS)
    return int(days)


def acknowledgement_reminders(today: datetime.date, dry_run: bool = False) -> list[Delivery]:
    version = CodeVersion.objects.current()
    if version is None:
        return []
    published = timezone.localdate(version.published_at)
    if today <= published:
        return []
    staff = list(staff_users().exclude(code_acknowledgements__version=version).order_by("username"))
    already = set(
        AcknowledgementReminder.objects.filter(version=version).values_list("user_id", "channel")
    )
    off = days_off(published, today) if staff else set()
    wait = reminder_working_days()
    channels = configured_channels()
    deliveries = []
    for user in staff:
        joined = timezone.localdate(user.date_joined) if user.date_joined else published
        since = max(published, joined)
        if working_days_between(since, today, off) < wait:
            continue
        for channel in channels:
            if (user.pk, channel.name) in already or not channel.reaches(user):
                continue
            delivery = _deliver(channel, user, version, dry_run)
            if delivery is not None:
                deliveries.append(delivery)
    return deliveries


def _deliver(channel: Channel, user, version: CodeVersion, dry_run: bool) -> Delivery | None:
    subject = _("Nhắc xác nhận %(title)s (phiên bản %(number)s)") % {
        "title": version.page.title,
        "number": version.number,
    }
    delivery = Delivery(
        kind=KIND,
        kind_label=_("Nhắc xác nhận bộ quy tắc ứng xử"),
        recipient=f"{user.get_username()} <{channel.address(user)}>",
        channel=channel.name,
        subject=subject,
    )
    if dry_run:
        return delivery
    try:
        with transaction.atomic():
            AcknowledgementReminder.objects.create(user=user, version=version, channel=channel.name)
            channel.send(user, subject, _body(user, version))
    except IntegrityError:
        return None  # a concurrent run claimed this reminder and sends it
    except Exception as error:
        # Rolled back with the claim: the next run tries again.
        logger.exception("Acknowledgement reminder to %s failed", user.get_username())
        delivery.error = str(error) or error.__class__.__name__
    return delivery


def _body(user, version: CodeVersion) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return _(
        "Kính gửi đồng chí %(name)s,\n\n"
        "%(title)s (phiên bản %(number)s, công bố ngày %(date)s) chưa được đồng chí xác "
        "nhận. Đề nghị đồng chí đọc bộ quy tắc và bấm “Tôi đã đọc và cam kết thực hiện” "
        "trên trang tổng quan của trang quản trị:\n%(admin)s/admin/\n\n"
        "Nội dung bộ quy tắc: %(page)s\n"
    ) % {
        "name": user.get_full_name() or user.get_username(),
        "title": version.page.title,
        "number": version.number,
        "date": timezone.localtime(version.published_at).strftime("%d/%m/%Y"),
        "admin": base,
        "page": version.page.full_url or "",
    }
