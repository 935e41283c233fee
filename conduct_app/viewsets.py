"""The admin of conduct_app as Wagtail viewsets, grouped in one menu "Mạng xã hội":
reports (triage, scoped to the handler's unit by directives_app.units.scoping), filing a report,
statistics, coverage of the Code, official channels."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directives_app.units.scoping import ScopedCreateView, ScopedEditView, UnitScopedViewSet

from .incidents import admin_views, triage
from .incidents.forms import TriageForm
from .incidents.panels import ReportDetailsPanel, TriagePanel
from .incidents.permissions import INCIDENT_POLICY
from .models import IncidentReport, OfficialChannel


class TriageEditView(ScopedEditView):
    """The edit view of a report is its triage: the form's step goes through
    `triage.apply`, which validates, saves and writes the audit log (instead of Wagtail's
    generic "edit" entry)."""

    success_message = _("Đã cập nhật phản ánh %(object)s.")
    error_message = _("Chưa cập nhật được phản ánh: xem các lỗi bên dưới.")
    submit_button_label = _("Cập nhật")

    def save_instance(self):
        data = self.form.cleaned_data
        return triage.apply(
            self.object,
            data["step"],
            self.request.user,
            unit=data.get("unit"),
            action_taken=data.get("measure", ""),
            duplicate_of=data.get("duplicate_of"),
            public_outcome=data.get("outcome", ""),
            note=data.get("note", ""),
        )

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])

    def get_success_message(self):
        return gettext("Đã cập nhật phản ánh %(code)s: %(status)s.") % {
            "code": self.object.code,
            "status": self.object.get_status_display(),
        }


class FileInsteadCreateView(ScopedCreateView):
    """Reports are filed through the filing form (screenshots, routing), not created as
    bare rows."""

    def dispatch(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("conduct_file:index"))


class IncidentReportViewSet(UnitScopedViewSet):
    model = IncidentReport
    scoped_policy = INCIDENT_POLICY
    icon = "warning"
    menu_label = _("Phản ánh")
    menu_name = "phan-anh"
    menu_order = 100
    list_display = ["code", "received_at", "category", "platform", "status", "handler_unit"]
    list_filter = ["status", "category", "platform"]
    search_fields = ["code", "description", "impersonated"]
    select_related = ("handler_unit",)
    ordering = ["-received_at", "-pk"]
    edit_view_class = TriageEditView
    add_view_class = FileInsteadCreateView
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            ReportDetailsPanel(heading=_("Nội dung phản ánh")),
            TriagePanel(heading=_("Xử lý")),
        ],
        base_form_class=TriageForm,
    )


class OfficialChannelViewSet(SnippetViewSet):
    model = OfficialChannel
    icon = "site"
    menu_label = _("Kênh chính thức")
    menu_name = "kenh-chinh-thuc"
    menu_order = 140
    # "active" as a yes/no icon; as a plain column Wagtail would print Python's True/False.
    list_display = [
        "name",
        "platform",
        "unit",
        "verified_on",
        BooleanColumn("active", label=OfficialChannel._meta.get_field("active").verbose_name),
    ]
    list_filter = ["platform", "active"]
    search_fields = ["name", "url"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("platform"), FieldPanel("name")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("verified_on"), FieldPanel("active")]),
        FieldPanel("notes"),
    ]

    def get_queryset(self, request):
        return OfficialChannel.objects.select_related("unit")


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


class PermissionViewSet(ViewSet):
    """An admin page (or a few) with a menu item shown to holders of `permission`."""

    permission = ""
    # Shown inside the "Mạng xã hội" group only (the group asks for the menu item).
    add_to_admin_menu = False

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
            permission=self.permission,
        )


class FileReportViewSet(PermissionViewSet):
    name = "conduct_file"
    url_prefix = "gui-phan-anh"
    icon = "plus"
    menu_label = _("Gửi phản ánh")
    menu_order = 110
    permission = admin_views.FILE_PERMISSION

    def get_urlpatterns(self):
        return [path("", admin_views.FileReportView.as_view(), name="index")]


class StatisticsViewSet(PermissionViewSet):
    name = "conduct_statistics"
    url_prefix = "thong-ke-phan-anh"
    icon = "table"
    menu_label = _("Thống kê phản ánh")
    menu_order = 120
    permission = admin_views.STATISTICS_PERMISSION

    def get_urlpatterns(self):
        return [
            path("", admin_views.StatisticsView.as_view(), name="index"),
            path("bao-cao-thang/", admin_views.monthly_pdf_view, name="monthly_pdf"),
        ]


class CoverageViewSet(PermissionViewSet):
    name = "conduct_coverage"
    url_prefix = "xac-nhan-quy-tac"
    icon = "tick-inverse"
    menu_label = _("Xác nhận bộ quy tắc")
    menu_order = 130
    permission = admin_views.COVERAGE_PERMISSION

    def get_urlpatterns(self):
        return [path("", admin_views.CoverageView.as_view(), name="index")]


class ConductViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Mạng xã hội")
    menu_name = "mang-xa-hoi"
    menu_icon = "warning"
    menu_order = 260
    items = (
        IncidentReportViewSet,
        FileReportViewSet,
        StatisticsViewSet,
        CoverageViewSet,
        OfficialChannelViewSet,
    )
