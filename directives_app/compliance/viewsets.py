"""The admin of compliance reports ("Báo cáo kết quả"): the unit-scoped snippet viewset and
the report screen."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column

from directives_app.models import ComplianceReport
from directives_app.units.scoping import ScopedEditView, UnitScopedViewSet

from .permissions import REPORT_POLICY
from .report_forms import ComplianceReportForm
from .report_panels import EvidencePanel, ReportEditHandler, ReportHeaderPanel, ResultsPanel


class ReportEditView(ScopedEditView):
    """The report screen: a sent report takes the head back to the dashboard, whose panel
    shows the new state; a refused one stays, listing what is missing (400).

    No autosave: Wagtail 8 posts the whole form every few seconds, files included, so each
    autosave would store the chosen photos again as new evidence."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False

    def get_success_url(self):
        if self.action in ("submit", "restart-workflow"):
            return reverse("wagtailadmin_home")
        return super().get_success_url()

    def get_success_message(self, instance=None):
        if self.action in ("submit", "restart-workflow"):
            return _("Đã gửi báo cáo của %(unit)s đến người thẩm định.") % {
                "unit": (instance or self.object).unit.name
            }
        return super().get_success_message(instance)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(form, "submission_refused", None):
            # Refused submission: the same screen, listing what is missing, as a 4xx.
            response.status_code = 400
        return response


class ComplianceReportViewSet(UnitScopedViewSet):
    model = ComplianceReport
    scoped_policy = REPORT_POLICY
    icon = "tasks"
    menu_label = _("Báo cáo kết quả")
    menu_name = "bao-cao-ket-qua"
    menu_order = 240
    add_to_admin_menu = True
    list_display = [
        "unit",
        # Labelled here: properties have no verbose name, Wagtail would print their names
        # in English ("Directive symbol", "Display status").
        Column("directive_symbol", label=_("Số, ký hiệu")),
        "due_date",
        Column("display_status", label=_("Trạng thái")),
    ]
    list_filter = ["status"]
    select_related = ("unit", "directive")
    inspect_view_enabled = True
    # What a reader needs, in Vietnamese; by default Wagtail lists every column, bookkeeping
    # included (live, locked, latest revision…), some of them without a verbose name.
    inspect_view_fields = [
        "directive",
        "unit",
        "status",
        "due_date",
        "summary",
        "submitted_at",
        "decided_at",
    ]
    copy_view_enabled = False
    edit_view_class = ReportEditView
    edit_handler = ReportEditHandler(
        [ReportHeaderPanel(), ResultsPanel(), FieldPanel("summary"), EvidencePanel()],
        base_form_class=ComplianceReportForm,
    )
