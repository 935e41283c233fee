"""Progress of directives: each report's status as people read it, counts per status, and
the public progress page of a directive (`/van-ban/<slug>/tien-do/`).

"Overdue" is not stored: an open report (not started, draft, returned) past its due date
is overdue. The leaders' dashboard, its PDF report and the public page all classify with
`progress_status` / `status_counts`, so the three never disagree on a number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from directives_app.models import ComplianceReport, DirectivePage, ReportStatus
from directives_app.models.compliance import OPEN_STATUSES

OVERDUE = "overdue"

# Display order: from "nothing done" to "done", then the exception.
PROGRESS_STATUSES: tuple[str, ...] = (
    ReportStatus.NOT_STARTED,
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.RETURNED,
    ReportStatus.ACCEPTED,
    OVERDUE,
)
STATUS_LABELS = {
    ReportStatus.NOT_STARTED: ReportStatus.NOT_STARTED.label,
    ReportStatus.DRAFT: ReportStatus.DRAFT.label,
    ReportStatus.SUBMITTED: ReportStatus.SUBMITTED.label,
    ReportStatus.RETURNED: ReportStatus.RETURNED.label,
    ReportStatus.ACCEPTED: ReportStatus.ACCEPTED.label,
    OVERDUE: _("Quá hạn"),
}
# Cell text in the dashboard matrix: a word, so the status never rests on colour alone.
SHORT_LABELS = {
    ReportStatus.NOT_STARTED: _("Chưa làm"),
    ReportStatus.DRAFT: _("Đang soạn"),
    ReportStatus.SUBMITTED: _("Chờ TĐ"),
    ReportStatus.RETURNED: _("Trả lại"),
    ReportStatus.ACCEPTED: _("Đạt"),
    OVERDUE: _("Quá hạn"),
}


def progress_status(status: str, due_date: datetime.date | None, today: datetime.date) -> str:
    """The status shown to people: the stored one, or "overdue" for an open report whose
    due date has passed (the same rule as ComplianceReport.is_overdue)."""
    if status in OPEN_STATUSES and due_date is not None and due_date < today:
        return OVERDUE
    return status


def status_counts(today: datetime.date, prefix: str = "") -> dict[str, Count]:
    """Aggregates counting reports per progress status, for .aggregate() / .annotate().

    The categories are disjoint (an overdue draft counts as overdue, not as a draft), so
    they add up to the total. `prefix` reaches the reports through a relation
    ("reports__").
    """
    status, due = f"{prefix}status", f"{prefix}due_date"
    late = Q(**{f"{status}__in": OPEN_STATUSES, f"{due}__lt": today})
    counts = {
        key: Count(f"{prefix}pk", filter=Q(**{status: key}) & ~late)
        for key in PROGRESS_STATUSES
        if key != OVERDUE
    }
    counts[OVERDUE] = Count(f"{prefix}pk", filter=late)
    return counts


@dataclass
class ProgressRow:
    """One unit's line on the progress page and in the PDF report."""

    report_id: int
    unit_name: str
    status: str
    due_date: datetime.date | None
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def submitted_late(self) -> bool:
        """Sent, but after the due date (the latest submission counts)."""
        return (
            self.submitted_at is not None
            and self.due_date is not None
            and timezone.localdate(self.submitted_at) > self.due_date
        )

    @property
    def is_late(self) -> bool:
        return self.status == OVERDUE or self.submitted_late


@dataclass
class DirectiveProgress:
    directive: DirectivePage
    today: datetime.date
    rows: list[ProgressRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(PROGRESS_STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def count_items(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in display order, for templates."""
        counts = self.counts
        return [(key, str(STATUS_LABELS[key]), counts[key]) for key in PROGRESS_STATUSES]

    @property
    def accepted(self) -> int:
        return self.counts[ReportStatus.ACCEPTED]

    @property
    def accepted_percent(self) -> int:
        return round(100 * self.accepted / self.total) if self.total else 0

    @property
    def late_rows(self) -> list[ProgressRow]:
        return [row for row in self.rows if row.is_late]


def directive_progress(
    directive: DirectivePage, today: datetime.date | None = None
) -> DirectiveProgress:
    """Every addressed unit's status for `directive`, in Vietnamese name order (one query).
    Withdrawn reports (units no longer addressed) are left out."""
    today = today or timezone.localdate()
    reports = (
        ComplianceReport.objects.filter(directive=directive)
        .exclude(status=ReportStatus.WITHDRAWN)
        .order_by("unit__sort_name", "pk")
        .values_list("pk", "unit__name", "status", "due_date", "submitted_at", "decided_at")
    )
    rows = [
        ProgressRow(pk, unit_name, progress_status(status, due, today), due, submitted, decided)
        for pk, unit_name, status, due, submitted, decided in reports
    ]
    return DirectiveProgress(directive=directive, today=today, rows=rows)


PUBLIC_TEMPLATE = "directives_app/progress/public.html"


def serve_progress(page: DirectivePage, request: HttpRequest) -> HttpResponse:
    """The public progress page: share of units accepted and each unit's status and dates.
    Deliberately no evidence and no reviewer comments: those stay in the admin."""
    if not page.requires_reports:
        raise Http404("Văn bản này không yêu cầu báo cáo kết quả.")
    response = page.render(
        request,
        template=PUBLIC_TEMPLATE,
        context_overrides={"progress": directive_progress(page), "status_labels": STATUS_LABELS},
    )
    # Report statuses change without a page publish, so the page cache (which is only
    # invalidated by publishes) must not keep this page; "private" makes it skip it.
    patch_cache_control(response, private=True, no_cache=True)
    return response
