"""Admin views of the Code of Conduct: acknowledging the current version, and who has
acknowledged it, per unit (with Wagtail's spreadsheet export)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log

from conduct_app.models import CodeVersion, acknowledge
from directives_app.core.admin_exports import VietnameseExportMixin

from .coverage import coverage_by_unit, overall_coverage

COVERAGE_PERMISSION = "conduct_app.view_acknowledgement_coverage"


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


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
