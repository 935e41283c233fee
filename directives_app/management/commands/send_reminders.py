"""python manage.py send_reminders [--dry-run] [--today YYYY-MM-DD]

Meant to run from a cron job or systemd timer every day, once or several times: on a
weekend or holiday it sends nothing, and nothing is ever sent twice. The reminders come
from the providers of the `REMINDER_PROVIDERS` setting (dotted paths to functions
`(today: date, dry_run: bool) -> list[Delivery]`), so another app adds its own reminders
without this app knowing it.
"""

from __future__ import annotations

import argparse
import datetime
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from directives_app.core.notifications import Delivery
from directives_app.core.working_days import is_working_day

DEFAULT_PROVIDERS = ["directives_app.compliance.reminders.report_reminders"]


def parse_day(value: str | datetime.date) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(
            _("Ngày không hợp lệ: %(value)s (cần YYYY-MM-DD).") % {"value": value}
        ) from error


def day_argument(value: str) -> datetime.date:
    try:
        return parse_day(value)
    except ValueError as error:
        # argparse prints this message; a plain ValueError would print only "invalid value".
        raise argparse.ArgumentTypeError(str(error)) from error


class Command(BaseCommand):
    help = _(
        "Gửi nhắc hạn báo cáo (sắp đến hạn, đến hạn, quá hạn, báo cáo lãnh đạo) và các nhắc "
        "việc khác; chạy lại trong ngày không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Chỉ liệt kê thư sẽ gửi; không gửi và không ghi lại gì."),
        )
        parser.add_argument(
            "--today",
            type=day_argument,
            default=None,
            help=_("Coi ngày này là hôm nay (YYYY-MM-DD); mặc định là ngày hiện tại."),
        )

    def handle(self, *args, **options) -> None:
        try:
            today = parse_day(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(str(error)) from error
        dry_run = options["dry_run"]
        verbosity = options["verbosity"]
        day = f"{today:%d/%m/%Y}"
        if not is_working_day(today):
            self.stdout.write(
                _("Ngày %(day)s không phải ngày làm việc: không gửi nhắc việc.") % {"day": day}
            )
            return
        deliveries: list[Delivery] = []
        for path in getattr(settings, "REMINDER_PROVIDERS", DEFAULT_PROVIDERS):
            try:
                provider = import_string(path)
            except ImportError as error:
                raise CommandError(
                    _("Không nạp được nguồn nhắc việc %(path)s: %(error)s")
                    % {"path": path, "error": error}
                ) from error
            deliveries += provider(today, dry_run)
        self._summary(deliveries, day, dry_run, verbosity)

    def _summary(self, deliveries: list[Delivery], day: str, dry_run: bool, verbosity: int):
        sent = [delivery for delivery in deliveries if not delivery.error]
        failed = [delivery for delivery in deliveries if delivery.error]
        if dry_run:
            heading = _(
                "Chạy thử ngày %(day)s: %(count)d thư sẽ được gửi (không gửi, không ghi lại)."
            )
        else:
            heading = _("Nhắc việc ngày %(day)s: đã gửi %(count)d thư.")
        self.stdout.write(heading % {"day": day, "count": len(sent)})
        for label, count in Counter(delivery.kind_label for delivery in sent).items():
            self.stdout.write(_("  %(label)s: %(count)d thư") % {"label": label, "count": count})
        if verbosity >= 2:
            for delivery in sent:
                self.stdout.write(
                    f"  - {delivery.kind_label} → {delivery.recipient} ({delivery.channel}): "
                    f"{delivery.subject}"
                )
        for delivery in failed:
            self.stderr.write(
                _("  Lỗi gửi %(label)s tới %(recipient)s (%(channel)s): %(error)s")
                % {
                    "label": delivery.kind_label,
                    "recipient": delivery.recipient,
                    "channel": delivery.channel,
                    "error": delivery.error,
                }
            )
        if failed:
            # A non-zero exit makes cron or systemd report it; the failed messages were not
            # recorded, so the next run sends them.
            raise CommandError(
                _("%(count)d thư không gửi được; lần chạy sau sẽ gửi lại.") % {"count": len(failed)}
            )
