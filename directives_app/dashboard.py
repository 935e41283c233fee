"""Admin dashboard panels: "Việc của đơn vị" for unit staff, "Chờ thẩm định" for reviewers.
Each runs a fixed number of queries whatever the number of reports."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .models import ComplianceReport, ReportStatus, ReviewTask, SupplementStatus
from .scoping import units_with_permission
from .working_days import days_off

PANEL_LIMIT = 50


def _off_for(reports, today: datetime.date) -> set[datetime.date]:
    dates = [r.due_date for r in reports if r.due_date] + [today]
    dates += [r.submitted_at.date() for r in reports if r.submitted_at]
    return days_off(min(dates), max(dates))


class UnitTasksPanel(Component):
    name = "unit_tasks"
    order = 50
    template_name = "directives_app/compliance/panel_unit_tasks.html"

    def __init__(self, user):
        self.user = user

    def reports(self) -> list[ComplianceReport]:
        units = units_with_permission(self.user, "draft_report")
        return list(
            ComplianceReport.objects.filter(unit__in=units)
            .exclude(status=ReportStatus.WITHDRAWN)
            .select_related("directive", "unit")
            .order_by("status", "due_date")[:PANEL_LIMIT]
        )

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        reports = self.reports()
        off = _off_for(reports, today) if reports else set()
        rows = [(report, report.days_left(today, off)) for report in reports]
        return {"title": _("Việc của đơn vị"), "rows": rows, "today": today}


class ReviewQueuePanel(Component):
    name = "review_queue"
    order = 60
    template_name = "directives_app/compliance/panel_review_queue.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from .working_days import working_days_between

        today = timezone.localdate()
        reports = list(
            ComplianceReport.objects.filter(
                Q(status=ReportStatus.SUBMITTED) | Q(supplement=SupplementStatus.SUBMITTED)
            )
            .select_related("directive", "unit", "submitted_by")
            .order_by("submitted_at")[:PANEL_LIMIT]
        )
        off = _off_for(reports, today) if reports else set()
        rows = [
            (r, working_days_between(r.submitted_at.date(), today, off) if r.submitted_at else 0)
            for r in reports
        ]
        return {"title": _("Chờ thẩm định"), "rows": rows}


def is_reviewer(user) -> bool:
    return (
        user.is_superuser
        or ReviewTask.objects.filter(active=True, groups__in=user.groups.all()).exists()
    )
