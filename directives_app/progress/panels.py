"""The leaders' dashboard panel on the admin's home page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from directives_app.compliance.permissions import can_view_progress, is_reviewer
from directives_app.models import ComplianceReport, DirectivePage, ReportStatus

from .dashboard import build_matrix
from .status import PROGRESS_STATUSES, SHORT_LABELS, STATUS_LABELS


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
    return can_view_progress(user) and not is_reviewer(user)
