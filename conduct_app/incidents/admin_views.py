"""Admin views of conduct_app beyond the snippet viewsets: acknowledging the Code of
Conduct, coverage per unit, statistics with export and the monthly PDF, and filing a report
from a unit. Each view asks for its permission; exports use Wagtail's spreadsheet export."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button
from wagtail.log_actions import log

from conduct_app.code.coverage import coverage_by_unit, overall_coverage
from conduct_app.models import CodeVersion, Source, acknowledge
from directives_app.register.pdf import pdf_response
from directives_app.units.scoping import units_with_permission

from .forms import StaffReportForm
from .intake import file_report
from .statistics import incident_statistics, month_range

COVERAGE_PERMISSION = "conduct_app.view_acknowledgement_coverage"
STATISTICS_PERMISSION = "conduct_app.view_incident_statistics"
FILE_PERMISSION = "conduct_app.file_incidentreport"


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class VietnameseExportMixin:
    """Wagtail's export buttons, labelled in Vietnamese."""

    @cached_property
    def header_more_buttons(self):
        return [
            Button(_("Tải XLSX"), url=self.xlsx_export_url, icon_name="download", priority=90),
            Button(_("Tải CSV"), url=self.csv_export_url, icon_name="download", priority=100),
        ]


# -- acknowledging the Code of Conduct -------------------------------------------------


@require_POST
def acknowledge_view(request: HttpRequest) -> HttpResponse:
    version = CodeVersion.objects.current()
    posted = request.POST.get("version", "")
    if not posted.isdigit() or version is None:
        return TemplateResponse(
            request,
            "conduct_app/admin/acknowledge_refused.html",
            {"message": _("Yêu cầu xác nhận không hợp lệ.")},
            status=400,
        )
    if int(posted) != version.pk:
        # The page was published again while the form was open: read the new version.
        messages.warning(
            request,
            _("Bộ quy tắc vừa có phiên bản mới (phiên bản %(number)s). Vui lòng đọc và xác nhận.")
            % {"number": version.number},
        )
        return redirect("wagtailadmin_home")
    _row, created = acknowledge(request.user, version)
    if created:
        log(
            instance=version.page,
            action="conduct_app.code.acknowledge",
            user=request.user,
            data={"version": version.number, "revision": version.revision_id},
        )
    messages.success(
        request,
        _("Đã ghi nhận: đồng chí đã đọc và cam kết thực hiện bộ quy tắc (phiên bản %(number)s).")
        % {"number": version.number},
    )
    return redirect("wagtailadmin_home")


# -- coverage per unit ------------------------------------------------------------------


class CoverageView(VietnameseExportMixin, ReportView):
    page_title = gettext_lazy("Xác nhận bộ quy tắc theo đơn vị")
    header_icon = "group"
    template_name = "conduct_app/admin/coverage.html"
    results_template_name = "conduct_app/admin/coverage_results.html"
    paginate_by = None
    columns = [
        Column("unit_name", label=gettext_lazy("Đơn vị")),
        Column("members", label=gettext_lazy("Số thành viên")),
        Column("acknowledged", label=gettext_lazy("Đã xác nhận")),
        Column("missing", label=gettext_lazy("Chưa xác nhận")),
        Column("share_text", label=gettext_lazy("Tỉ lệ")),
    ]
    list_export = ["unit_name", "unit_code", "members", "acknowledged", "missing", "share_text"]
    export_headings = {
        "unit_name": gettext_lazy("Đơn vị"),
        "unit_code": gettext_lazy("Mã đơn vị"),
        "members": gettext_lazy("Số thành viên"),
        "acknowledged": gettext_lazy("Đã xác nhận"),
        "missing": gettext_lazy("Chưa xác nhận"),
        "share_text": gettext_lazy("Tỉ lệ"),
    }

    def dispatch(self, request, *args, **kwargs):
        _require(request, COVERAGE_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def version(self) -> CodeVersion | None:
        return CodeVersion.objects.current()

    def get_filename(self) -> str:
        number = self.version.number if self.version else 0
        return f"xac-nhan-quy-tac-phien-ban-{number}-{timezone.localdate():%Y%m%d}"

    def get_queryset(self) -> list[dict]:
        if self.version is None:
            return []
        return [
            {
                "unit_name": row.unit.name,
                "unit_code": row.unit.code,
                "members": row.members,
                "acknowledged": row.acknowledged,
                "missing": row.missing,
                "share_text": row.share_text,
            }
            for row in coverage_by_unit(self.version)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["version"] = self.version
        context["overall"] = overall_coverage(self.version) if self.version else None
        return context


# -- statistics -------------------------------------------------------------------------


class PeriodError(ValueError):
    pass


def _period(request: HttpRequest) -> tuple[int, int | None]:
    """(year, month or None) from ?nam=&thang=; PeriodError with a Vietnamese message."""
    today = timezone.localdate()
    year_text = request.GET.get("nam", "").strip() or str(today.year)
    month_text = request.GET.get("thang", "").strip()
    if not year_text.isdigit() or not 2000 <= int(year_text) <= today.year + 1:
        raise PeriodError(_("Năm không hợp lệ."))
    if month_text and (not month_text.isdigit() or not 1 <= int(month_text) <= 12):
        raise PeriodError(_("Tháng phải từ 1 đến 12."))
    return int(year_text), int(month_text) if month_text else None


class StatisticsView(VietnameseExportMixin, ReportView):
    page_title = gettext_lazy("Thống kê phản ánh")
    header_icon = "table"
    template_name = "conduct_app/admin/statistics.html"
    results_template_name = "conduct_app/admin/statistics_results.html"
    paginate_by = None
    list_export = ["group", "label", "count", "share"]
    export_headings = {
        "group": gettext_lazy("Nhóm"),
        "label": gettext_lazy("Mục"),
        "count": gettext_lazy("Số phản ánh"),
        "share": gettext_lazy("Tỉ lệ"),
    }

    def dispatch(self, request, *args, **kwargs):
        _require(request, STATISTICS_PERMISSION)
        try:
            self.year, self.month = _period(request)
        except PeriodError as error:
            return TemplateResponse(
                request,
                "conduct_app/admin/statistics.html",
                {"period_error": str(error), "page_title": self.page_title, "years": _years()},
                status=400,
            )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def stats(self):
        if self.month:
            start, end = month_range(self.year, self.month)
        else:
            start, end = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
        return incident_statistics(start, end)

    def get_filename(self) -> str:
        period = f"{self.year}-{self.month:02d}" if self.month else str(self.year)
        return f"thong-ke-phan-anh-{period}"

    def get_queryset(self) -> list:
        return self.stats.rows()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(stats=self.stats, year=self.year, month=self.month, years=_years())
        context["months"] = range(1, 13)
        return context


def _years() -> range:
    today = timezone.localdate()
    return range(today.year, today.year - 6, -1)


def monthly_pdf_view(request: HttpRequest) -> HttpResponse:
    from .pdf import render_monthly_report

    _require(request, STATISTICS_PERMISSION)
    try:
        year, month = _period(request)
        if month is None:
            raise PeriodError(_("Chọn tháng cần báo cáo."))
    except PeriodError as error:
        return TemplateResponse(
            request,
            "conduct_app/admin/statistics.html",
            {"period_error": str(error), "page_title": _("Thống kê phản ánh"), "years": _years()},
            status=400,
        )
    return pdf_response(
        render_monthly_report(year, month), f"bao-cao-phan-anh-{year}-{month:02d}.pdf"
    )


# -- filing a report from a unit --------------------------------------------------------


class FileReportView(WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Gửi phản ánh của đơn vị")
    header_icon = "warning"
    template_name = "conduct_app/admin/file_report.html"
    form_class = StaffReportForm

    def dispatch(self, request, *args, **kwargs):
        _require(request, FILE_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        # The slim header names the page by its last breadcrumb.
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    @cached_property
    def units(self) -> QuerySet:
        return units_with_permission(self.request.user, "view_unit").order_by("sort_name")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["units"] = self.units
        return kwargs

    def form_valid(self, form) -> HttpResponse:
        report = file_report(
            form.submission(),
            source=Source.STAFF,
            submitted_by=self.request.user,
            reporting_unit=form.cleaned_data["reporting_unit"],
        )
        messages.success(
            self.request,
            _("Đã gửi phản ánh %(code)s. Đơn vị xử lý: %(unit)s.")
            % {
                "code": report.code,
                "unit": report.handler_unit.name if report.handler_unit else _("chờ phân công"),
            },
        )
        return HttpResponseRedirect(reverse("conduct_file:index"))

    def form_invalid(self, form) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response
