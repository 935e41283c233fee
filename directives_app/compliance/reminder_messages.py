"""The words of reminder messages: subject and plain-text body, Vietnamese via gettext.

One message per recipient and kind lists every report it is about, so a head with three
late reports, or a leader on the day ten communes pass the escalation threshold, reads
one message rather than ten.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from directives_app.models import ComplianceReport, ReminderKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@dataclass(frozen=True)
class DueReminder:
    """A reminder about one report: `working_days` are the days left (due soon), 0 (due
    today) or the days of delay (late, escalation)."""

    report: ComplianceReport
    kind: str
    working_days: int


def subject_for(kind: str, items: Sequence[DueReminder]) -> str:
    if len(items) == 1:
        report = items[0].report
        values = {"symbol": report.directive.symbol, "unit": report.unit.name}
        single = {
            ReminderKind.DUE_SOON: _("Sắp đến hạn báo cáo kết quả thực hiện văn bản số %(symbol)s"),
            ReminderKind.DUE_TODAY: _(
                "Hôm nay đến hạn báo cáo kết quả thực hiện văn bản số %(symbol)s"
            ),
            ReminderKind.LATE: _("Quá hạn báo cáo kết quả thực hiện văn bản số %(symbol)s"),
            ReminderKind.ESCALATION: _(
                "%(unit)s chậm báo cáo kết quả thực hiện văn bản số %(symbol)s"
            ),
        }
        return single[kind] % values
    several = {
        ReminderKind.DUE_SOON: _("Sắp đến hạn %(count)d báo cáo kết quả thực hiện"),
        ReminderKind.DUE_TODAY: _("Hôm nay đến hạn %(count)d báo cáo kết quả thực hiện"),
        ReminderKind.LATE: _("%(count)d báo cáo kết quả thực hiện đã quá hạn"),
        ReminderKind.ESCALATION: _("%(count)d báo cáo kết quả thực hiện chậm quá hạn"),
    }
    return several[kind] % {"count": len(items)}


def _intro(kind: str, escalate_after: int) -> str:
    return {
        ReminderKind.DUE_SOON: _(
            "Các báo cáo kết quả thực hiện dưới đây sắp đến hạn. Đề nghị đơn vị hoàn thiện "
            "kết quả, minh chứng và gửi báo cáo đúng hạn."
        ),
        ReminderKind.DUE_TODAY: _(
            "Hôm nay là hạn gửi các báo cáo kết quả thực hiện dưới đây. Đề nghị đơn vị hoàn "
            "thiện và gửi báo cáo trong ngày."
        ),
        ReminderKind.LATE: _(
            "Các báo cáo kết quả thực hiện dưới đây đã quá hạn mà đơn vị chưa gửi. Đề nghị "
            "đồng chí chỉ đạo hoàn thiện và gửi báo cáo ngay."
        ),
        ReminderKind.ESCALATION: _(
            "Các đơn vị dưới đây chưa gửi báo cáo kết quả thực hiện dù đã quá hạn từ "
            "%(days)d ngày làm việc trở lên. Kính báo cáo lãnh đạo để chỉ đạo."
        )
        % {"days": escalate_after},
    }[kind]


def _when(item: DueReminder, today: datetime.date) -> str:
    if item.kind == ReminderKind.DUE_SOON:
        return _("còn %(days)d ngày làm việc") % {"days": item.working_days}
    if item.kind == ReminderKind.DUE_TODAY:
        if item.report.due_date == today:
            return _("hạn là hôm nay")
        # The due date falls on a weekend or holiday: today is the last working day.
        return _("hôm nay là ngày làm việc cuối cùng trước hạn")
    return _("quá hạn %(days)d ngày làm việc") % {"days": item.working_days}


def report_url(report: ComplianceReport) -> str:
    path = reverse(ComplianceReport.snippet_viewset.get_url_name("edit"), args=[report.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def body_for(
    kind: str,
    recipient: AbstractBaseUser,
    items: Sequence[DueReminder],
    today: datetime.date,
    escalate_after: int,
) -> str:
    name = recipient.get_full_name().strip() or recipient.get_username()
    lines = [_("Kính gửi: %(name)s") % {"name": name}, "", _intro(kind, escalate_after), ""]
    for number, item in enumerate(items, start=1):
        report, directive = item.report, item.report.directive
        lines += [
            _("%(number)d. Văn bản số %(symbol)s ngày %(date)s: %(subject)s")
            % {
                "number": number,
                "symbol": directive.symbol,
                "date": f"{directive.issued_on:%d/%m/%Y}" if directive.issued_on else "",
                "subject": directive.subject_line,
            },
            "   " + _("Đơn vị báo cáo: %(unit)s") % {"unit": report.unit.name},
            "   "
            + _("Hạn báo cáo: %(date)s (%(when)s)")
            % {"date": f"{report.due_date:%d/%m/%Y}", "when": _when(item, today)},
            "   " + _("Mở báo cáo: %(url)s") % {"url": report_url(report)},
            "",
        ]
    lines += [
        "--",
        _("Thư gửi tự động từ %(site)s ngày %(date)s; xin đừng trả lời thư này.")
        % {"site": settings.WAGTAIL_SITE_NAME, "date": f"{today:%d/%m/%Y}"},
    ]
    return "\n".join(lines) + "\n"
