"""Admin dashboard panels: "Việc của đơn vị" for unit staff, "Chờ thẩm định" for reviewers.
Each runs a fixed number of queries whatever the number of reports."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from directives_app.core.working_days import days_off
from directives_app.models import (
    ComplianceReport,
    ReportStatus,
    ReviewTask,
    ReviewTaskState,
    SupplementStatus,
)
from directives_app.units.scoping import units_with_permission

PANEL_LIMIT = 50


def _off_for(reports, today: datetime.date) -> set[datetime.date]:
    dates = [r.due_date for r in reports if r.due_date] + [today]
    dates += [r.submitted_at.date() for r in reports if r.submitted_at]
    return days_off(min(dates), max(dates))


def last_returns(reports: list[ComplianceReport]) -> dict[int, ReviewTaskState]:
    """report id → its latest return (checklist, comment), for the returned ones; one query."""
    returned = [str(r.pk) for r in reports if r.status == ReportStatus.RETURNED]
    if not returned:
        return {}
    found: dict[int, ReviewTaskState] = {}
    for state in (
        ReviewTaskState.objects.filter(
            workflow_state__object_id__in=returned,
            workflow_state__base_content_type__model="compliancereport",
            status=ReviewTaskState.STATUS_REJECTED,
        )
        .select_related("workflow_state")
        .order_by("finished_at")
    ):
        found[int(state.workflow_state.object_id)] = state  # the latest wins
    return found


class UnitTasksPanel(Component):
    """One card per report: directive, state, overdue mark, due date, the return's reasons;
    the whole card opens the report (cards, not a table: a phone shows every column)."""

    name = "unit_tasks"
    order = 50
    template_name = "directives_app/compliance/panel_unit_tasks.html"

    class Media:
        css = {"all": ["directives_app/css/report.css"]}

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
        returns = last_returns(reports)
        rows = [
            (report, report.days_left(today, off), returns.get(report.pk)) for report in reports
        ]
        return {
            "title": _("Việc của đơn vị"),
            "rows": rows,
            "today": today,
            "guide_url": reverse("directives_guide", args=["unit"]),
        }


class ReviewQueuePanel(Component):
    name = "review_queue"
    order = 60
    template_name = "directives_app/compliance/panel_review_queue.html"

    class Media:
        css = {"all": ["directives_app/css/report.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from directives_app.core.working_days import working_days_between

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
        return {
            "title": _("Chờ thẩm định"),
            "rows": rows,
            "guide_url": reverse("directives_guide", args=["review"]),
        }


def is_reviewer(user) -> bool:
    return (
        user.is_superuser
        or ReviewTask.objects.filter(active=True, groups__in=user.groups.all()).exists()
    )


class LeaderProgressPanel(Component):
    """The leaders' first panel: the progress matrix of the latest directives, its legend,
    the exports as labelled buttons, and the way to the full dashboard."""

    name = "leader_progress"
    order = 10
    template_name = "directives_app/progress/panel_leader.html"
    directives_shown = 5

    class Media:
        css = {"all": ["directives_app/css/progress.css"]}

    def get_context_data(self, parent_context=None):
        from directives_app.models import DirectivePage
        from directives_app.progress.dashboard import build_matrix
        from directives_app.progress.status import (
            PROGRESS_STATUSES,
            SHORT_LABELS,
            STATUS_LABELS,
        )

        today = timezone.localdate()
        directives = list(
            DirectivePage.objects.live()
            .filter(requires_reports=True)
            .select_related("issuer")
            .order_by("-issued_on", "-number", "-pk")[: self.directives_shown]
        )
        reports = ComplianceReport.objects.filter(directive__in=directives).exclude(
            status=ReportStatus.WITHDRAWN
        )
        matrix = build_matrix(reports, directives, today) if directives else {}
        dashboard = reverse("directives_progress")
        totals = matrix.get("totals", {})
        return {
            **matrix,
            "title": _("Tiến độ thực hiện"),
            "today": today,
            "legend": [
                (key, STATUS_LABELS[key], SHORT_LABELS[key], totals.get(key, 0))
                for key in PROGRESS_STATUSES
            ],
            "dashboard_url": dashboard,
            "xlsx_url": f"{dashboard}?export=xlsx",
            "csv_url": f"{dashboard}?export=csv",
        }


def is_leader(user) -> bool:
    """Sees every unit's progress but reviews nothing (the leaders' group)."""
    from directives_app.progress.dashboard import can_view_progress

    return can_view_progress(user) and not is_reviewer(user)
