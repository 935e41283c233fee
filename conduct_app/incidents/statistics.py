"""Statistics of reports for leaders: counts by category, platform, status, handler unit
and month, and the time from receipt to a person's first step (routing at intake is the
system's, not a first action). The admin page, its CSV/XLSX export and the monthly PDF
all read `incident_statistics`."""

from __future__ import annotations

import calendar
import datetime
import statistics as stats
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from conduct_app.models import Category, IncidentReport, Platform, Status


@dataclass(frozen=True)
class Row:
    group: str
    key: str
    label: str
    count: int
    total: int

    @property
    def share(self) -> str:
        if not self.total:
            return "—"
        return f"{self.count * 100 / self.total:.1f} %".replace(".", ",")


@dataclass
class FirstAction:
    count: int = 0
    pending: int = 0
    median_hours: float | None = None
    mean_hours: float | None = None
    within_24h: int = 0


@dataclass
class IncidentStatistics:
    start: datetime.date
    end: datetime.date
    total: int = 0
    by_category: list[Row] = field(default_factory=list)
    by_platform: list[Row] = field(default_factory=list)
    by_status: list[Row] = field(default_factory=list)
    by_unit: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)
    first_action: FirstAction = field(default_factory=FirstAction)

    def rows(self) -> list[Row]:
        """Every table in one list (the export)."""
        return [
            *self.by_category,
            *self.by_platform,
            *self.by_status,
            *self.by_unit,
            *self.by_month,
        ]


def month_range(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(
        year, month, calendar.monthrange(year, month)[1]
    )


def reports_between(start: datetime.date, end: datetime.date) -> QuerySet[IncidentReport]:
    """Reports received from the first moment of `start` to the last of `end`, local time."""
    zone = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = end + datetime.timedelta(days=1)
    finish = datetime.datetime.combine(after, datetime.time.min, tzinfo=zone)
    return IncidentReport.objects.filter(received_at__gte=begin, received_at__lt=finish)


def _counted(reports, field_name: str, choices, group: str, total: int) -> list[Row]:
    grouped = reports.order_by().values_list(field_name).annotate(n=Count("pk"))
    counts = dict(grouped.values_list(field_name, "n"))
    return [Row(group, value, str(label), counts.get(value, 0), total) for value, label in choices]


def incident_statistics(start: datetime.date, end: datetime.date) -> IncidentStatistics:
    reports = reports_between(start, end)
    result = IncidentStatistics(start=start, end=end)
    total = result.total = reports.count()
    result.by_category = _counted(reports, "category", Category.choices, _("Loại vi phạm"), total)
    result.by_platform = _counted(reports, "platform", Platform.choices, _("Nền tảng"), total)
    result.by_status = _counted(reports, "status", Status.choices, _("Trạng thái"), total)

    units = (
        reports.order_by()
        .values_list("handler_unit__name")
        .annotate(n=Count("pk"))
        .values_list("handler_unit__name", "n")
    )
    result.by_unit = sorted(
        (
            Row(_("Đơn vị xử lý"), name or "", name or _("Chưa giao"), count, total)
            for name, count in units
        ),
        key=lambda row: (-row.count, row.label),
    )

    zone = timezone.get_current_timezone()
    months = dict(
        reports.order_by()
        .annotate(month=TruncMonth("received_at", tzinfo=zone))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    counts_by_month = {
        (timezone.localtime(m, zone) if timezone.is_aware(m) else m).strftime("%Y-%m"): n
        for m, n in months.items()
    }
    month = start.replace(day=1)
    while month <= end:
        key = month.strftime("%Y-%m")
        label = _("Tháng %(month)d/%(year)d") % {"month": month.month, "year": month.year}
        result.by_month.append(Row(_("Tháng"), key, label, counts_by_month.get(key, 0), total))
        month = (month + datetime.timedelta(days=32)).replace(day=1)

    hours = [
        (first - received).total_seconds() / 3600
        for received, first in reports.filter(first_action_at__isnull=False).values_list(
            "received_at", "first_action_at"
        )
    ]
    result.first_action = FirstAction(
        count=len(hours),
        pending=total - len(hours),
        median_hours=round(stats.median(hours), 1) if hours else None,
        mean_hours=round(stats.fmean(hours), 1) if hours else None,
        within_24h=sum(1 for h in hours if h <= 24),
    )
    return result
