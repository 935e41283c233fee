"""The leaders' dashboard "Tiến độ thực hiện": a directive × unit matrix of report statuses,
totals per directive and per unit, the overdue list, filters, and CSV/XLSX export.

Built on Wagtail's ReportView. Its queryset is the filtered *reports* (what the export
writes, one row per report); the screen paginates *directives* (DIRECTIVES_PER_PAGE columns,
every unit a row), draws the page's cells from one query, and reads per-unit totals from
the summary (progress_tally): the query count does not grow with units or directives.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton

from directives_app.compliance.permissions import can_view_progress
from directives_app.models import ComplianceReport, DirectivePage, ReportStatus, Unit
from directives_app.models.calendar import days_off, working_days_between
from directives_app.models.compliance import OPEN_STATUSES

from .export_formats import EXPORT_VALUE_FORMATS
from .filters import ProgressFilterSet
from .status import (
    OVERDUE,
    PROGRESS_STATUSES,
    SHORT_LABELS,
    STATUS_LABELS,
    progress_status,
    status_counts,
)
from .tally import tallied_directive_ids, tally_filters, unit_totals

DIRECTIVES_PER_PAGE = 20
OVERDUE_LIMIT = 100


def forbidden(request) -> TemplateResponse:
    # Wagtail turns PermissionDenied into a redirect to the dashboard with an English
    # message; a plain 403 with a Vietnamese explanation is clearer for a direct link.
    return TemplateResponse(
        request,
        "directives_app/progress/forbidden.html",
        {"page_title": _("Tiến độ thực hiện")},
        status=403,
    )


class ProgressMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_progress(request.user)


# -- the matrix -------------------------------------------------------------------------


@dataclass
class Cell:
    status: str
    label: str
    title: str
    url: str


@dataclass
class UnitRow:
    unit_id: int
    name: str
    counts: dict[str, int]
    cells: list[Cell | None] = field(default_factory=list)
    cells_html: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# A page has up to DIRECTIVES_PER_PAGE × units cells (4,000 for 200 units): rendered here
# in one pass instead of a template loop, which measured several times slower. Every
# value is escaped.
_CELL = '<td class="cell status--{status}"><a href="{url}" title="{title}">{label}</a></td>'
_EMPTY_CELL = '<td class="cell"><span aria-label="{label}">—</span></td>'


def cells_html(cells: list[Cell | None]) -> SafeString:
    empty = _EMPTY_CELL.format(label=escape(_("Không giao")))
    return mark_safe(  # built from escaped values only
        "".join(
            empty
            if cell is None
            else _CELL.format(
                status=escape(cell.status),
                url=escape(cell.url),
                title=escape(cell.title),
                label=escape(cell.label),
            )
            for cell in cells
        )
    )


@dataclass
class DirectiveColumn:
    directive: DirectivePage
    counts: dict[str, int]
    pdf_url: str

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _url_maker(url_name: str):
    """pk → URL without a reverse() per cell: one reverse with a marker, then str.replace
    (thousands of cells per page)."""
    marker = "987654321"
    template = reverse(url_name, args=[marker])
    return lambda pk: template.replace(marker, str(pk))


def build_matrix(
    reports: QuerySet[ComplianceReport],
    directives: list[DirectivePage],
    today: datetime.date,
    unit_totals: dict[int, dict[str, int]] | None = None,
) -> dict:
    """Rows (units), columns (this page's directives), cells and totals: the page's cells
    from the reports, and every unit's totals over all filtered directives, from the
    summary (`unit_totals`, see progress_tally) or, without it, from the reports."""
    # A cell opens the report read-only (results, evidence, history) on the review screen.
    inspect_url = _url_maker("directives_review_report")
    pdf_url = _url_maker("directives_progress_pdf")
    position = {directive.pk: index for index, directive in enumerate(directives)}
    symbols = [directive.symbol for directive in directives]

    # Grouped by the unit id alone: joining the unit's name into a GROUP BY over every
    # filtered report costs more than reading the (few hundred) names separately.
    if unit_totals is None:
        unit_totals = {
            values["unit_id"]: {key: values[key] for key in PROGRESS_STATUSES}
            for values in reports.order_by().values("unit_id").annotate(**status_counts(today))
        }
    names = Unit.objects.filter(pk__in=list(unit_totals)).values_list("pk", "name", "sort_name")
    rows: dict[int, UnitRow] = {}
    for pk, name, _sort_name in sorted(names, key=lambda unit: (unit[2], unit[0])):
        rows[pk] = UnitRow(
            unit_id=pk, name=name, counts=unit_totals[pk], cells=[None] * len(directives)
        )

    columns = [
        DirectiveColumn(directive, dict.fromkeys(PROGRESS_STATUSES, 0), pdf_url(directive.pk))
        for directive in directives
    ]
    cells = reports.filter(directive_id__in=list(position)).values_list(
        "pk", "directive_id", "unit_id", "status", "due_date"
    )
    # Translated once, not per cell (gettext was a third of the matrix's time).
    long, short, due_word = {k: str(v) for k, v in STATUS_LABELS.items()}, {}, str(_("hạn"))
    short.update((key, str(label)) for key, label in SHORT_LABELS.items())
    for pk, directive_id, unit_id, stored, due in cells.order_by():
        status = progress_status(stored, due, today)
        index = position[directive_id]
        columns[index].counts[status] += 1
        row = rows.get(unit_id)
        if row is None:  # cannot happen: both queries read the same filtered reports
            continue
        title = f"{row.name} – {symbols[index]}: {long[status]}"
        if due is not None:
            title += f" ({due_word} {due:%d/%m/%Y})"
        row.cells[index] = Cell(status, short[status], title, inspect_url(pk))

    totals = dict.fromkeys(PROGRESS_STATUSES, 0)
    for row in rows.values():
        row.cells_html = cells_html(row.cells)
        for key, count in row.counts.items():
            totals[key] += count
    return {
        "columns": columns,
        "unit_rows": list(rows.values()),
        "totals": totals,
        "total_reports": sum(totals.values()),
    }


def overdue_rows(
    reports: QuerySet[ComplianceReport], today: datetime.date, limit: int = OVERDUE_LIMIT
) -> list[tuple[ComplianceReport, int]]:
    """The oldest overdue reports first, with their working days late (three queries)."""
    # First the ids alone: sorting every overdue report is the cost, and sorting bare
    # (due_date, id) pairs is cheaper than sorting rows joined to directive, page and unit.
    ids = list(
        reports.filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .order_by("due_date", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    late = list(
        ComplianceReport.objects.filter(pk__in=ids)
        .select_related("directive", "unit")
        .order_by("due_date", "pk")
    )
    if not late:
        return []
    off = days_off(min(report.due_date for report in late), today)
    # Counted once per due date: the span is walked day by day (years for old reports).
    spans = {due: working_days_between(due, today, off) for due in {r.due_date for r in late}}
    return [(report, spans[report.due_date]) for report in late]


# -- the view ---------------------------------------------------------------------------


class ProgressDashboardView(ReportView):
    page_title = _("Tiến độ thực hiện")
    header_icon = "table"
    template_name = "directives_app/progress/dashboard.html"
    results_template_name = "directives_app/progress/dashboard_results.html"
    index_url_name = "directives_progress"
    index_results_url_name = "directives_progress_results"
    filterset_class = ProgressFilterSet
    paginate_by = DIRECTIVES_PER_PAGE
    verbose_name = _("văn bản")
    verbose_name_plural = _("văn bản")
    _reconciled = False  # the summary was brought up to date by paginate_queryset

    export_filename = "tien-do-thuc-hien"
    export_headings = {
        "directive__symbol": _("Số, ký hiệu"),
        "directive__issued_on": _("Ngày ban hành"),
        "directive__title": _("Trích yếu"),
        "unit__name": _("Đơn vị"),
        "progress_status": _("Trạng thái"),
        "due_date": _("Hạn báo cáo"),
        "submitted_at": _("Gửi lúc"),
        "decided_at": _("Thẩm định lúc"),
    }
    # Rows are dicts from .values() (see export_rows): keys are lookups, not dotted paths.
    list_export = list(export_headings)
    custom_value_preprocess = EXPORT_VALUE_FORMATS  # dates in Vietnamese time and order

    def dispatch(self, request, *args, **kwargs):
        if not can_view_progress(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()

    def get_base_queryset(self) -> QuerySet[ComplianceReport]:
        # "Directive is live" as a subquery of (few) ids rather than a join through
        # wagtailcore_page for every report: the aggregates below read every report.
        live = DirectivePage.objects.live().values("pk")
        return (
            ComplianceReport.objects.filter(directive_id__in=live)
            .exclude(status=ReportStatus.WITHDRAWN)
            .order_by("-directive__issued_on", "-directive_id", "unit__sort_name", "pk")
        )

    def get_filename(self) -> str:
        return f"{self.export_filename}-{self.today:%Y%m%d}"

    def paginate_queryset(self, queryset, page_size):
        """Paginate the directives the filtered reports belong to, not the reports."""
        condition = tally_filters(self.filters)
        ids = None if condition is None else tallied_directive_ids(condition)
        if ids is not None:
            # The summary's directives: a few thousand narrow rows, where an EXISTS over
            # the reports per directive grew with both tables.
            self._reconciled = True
            directives = DirectivePage.objects.filter(pk__in=ids)
        else:  # a unit filter: EXISTS per directive (an index probe on (directive, unit))
            has_reports = Exists(queryset.order_by().filter(directive_id=OuterRef("pk")))
            directives = DirectivePage.objects.filter(has_reports)
        directives = directives.select_related("issuer").order_by("-issued_on", "-number", "-pk")
        paginator = self.get_paginator(
            directives,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.is_export:
            return context
        directives = list(context["object_list"])
        context["object_list"] = directives
        matrix = build_matrix(
            self.object_list, directives, self.today, unit_totals=self._summary_totals()
        )
        context.update(matrix)
        context["overdue"] = overdue_rows(self.object_list, self.today)
        context["overdue_limit"] = OVERDUE_LIMIT
        context["legend"] = [
            (key, STATUS_LABELS[key], SHORT_LABELS[key], matrix["totals"][key])
            for key in PROGRESS_STATUSES
        ]
        context["today"] = self.today
        context["OVERDUE"] = OVERDUE
        return context

    def get(self, request, *args, **kwargs):
        if self.is_export:
            # Nothing to compute in the request: the listing's context would read every
            # report (110 s for 800,000); the worker builds the file from the query string.
            return self.as_spreadsheet(None, request.GET["export"])
        return super().get(request, *args, **kwargs)

    def _summary_totals(self) -> dict[int, dict[str, int]] | None:
        """Per-unit totals from the summary when every active filter maps onto it (None:
        build_matrix counts the filtered reports instead)."""
        condition = tally_filters(self.filters)
        if condition is None:
            return None
        return unit_totals(condition, self.today, PROGRESS_STATUSES, OVERDUE, self._reconciled)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Whole-table exports run in the task worker (issue 17): the request records what
        # to build and sends the user to a status page with a progress bar.
        from directives_app.background.prepared_files import request_file, status_url

        params = self.request.GET.copy()
        params.pop("export", None)
        params.pop(self.page_kwarg, None)
        label = "CSV" if spreadsheet_format == self.FORMAT_CSV else "XLSX"
        prepared = request_file(
            self.request.user,
            spreadsheet_format,
            {key: params.getlist(key) for key in params},
            title=f"{self.page_title} ({label})",
            filename=f"{self.get_filename()}.{spreadsheet_format}",
        )
        return redirect(status_url(prepared))

    def export_rows(self, queryset):
        """The rows of an export, streamed: plain values read in chunks, not model instances
        (a directive is a page of ~40 columns). Every column has a heading in
        export_headings, so get_heading never needs the queryset's model."""
        fields = [field for field in self.list_export if field != "progress_status"]
        return queryset.values(*fields, "status").iterator(chunk_size=5000)

    @cached_property
    def _status_labels(self) -> dict[str, str]:
        return {key: str(label) for key, label in STATUS_LABELS.items()}

    def to_row_dict(self, item: dict):
        item["progress_status"] = self._status_labels[
            progress_status(item["status"], item["due_date"], self.today)
        ]
        return super().to_row_dict(item)

    def stream_csv(self, queryset):
        # A byte-order mark, so that Excel opens the UTF-8 file with Vietnamese intact.
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)

    @cached_property
    def header_buttons(self):
        # Visible, labelled buttons (under Wagtail's "…" leaders did not find them).
        return [
            HeaderButton(
                _("Tải XLSX"), url=self.xlsx_export_url, icon_name="download", priority=90
            ),
            HeaderButton(_("Tải CSV"), url=self.csv_export_url, icon_name="download", priority=100),
        ]
