"""Admin registration for directives_app: units, addressee groups, memberships."""

from django.db import models
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import CancelWorkflowMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .compliance.report_forms import ComplianceReportForm
from .compliance.report_panels import (
    EvidencePanel,
    ReportEditHandler,
    ReportHeaderPanel,
    ResultsPanel,
)
from .core.pages import VietnameseSlugInput
from .models import AddresseeGroup, ComplianceReport, Membership, PublicHoliday, Unit
from .units.forms import AddresseeGroupForm
from .units.scoping import (
    ScopedDeleteBulkAction,
    ScopedEditView,
    UnitScopedPermissionPolicy,
    UnitScopedViewSet,
)

# Every slug field in the admin transliterates Vietnamese the way the server does.
register_form_field_override(
    models.SlugField, override={"widget": VietnameseSlugInput}, exact_class=True
)


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Đơn vị")
    # A yes/no icon; as a plain column Wagtail would print Python's True/False.
    list_display = [
        "name",
        "code",
        "kind",
        "abbreviation",
        "parent",
        BooleanColumn("active", label=Unit._meta.get_field("active").verbose_name),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code", "abbreviation"]
    ordering = ["sort_name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("short_name"), FieldPanel("abbreviation")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("subkind")]),
        FieldPanel("parent"),
        FieldPanel("header_lines"),
        FieldRowPanel([FieldPanel("place_name"), FieldPanel("email")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("active"), FieldPanel("valid_from"), FieldPanel("valid_to")]
                )
            ],
            heading=_("Hiệu lực"),
        ),
        FieldPanel("notes"),
    ]

    def get_queryset(self, request):
        return Unit.objects.select_related("parent")


class AddresseeGroupViewSet(SnippetViewSet):
    model = AddresseeGroup
    icon = "list-ul"
    menu_label = _("Nhóm nơi nhận")
    list_display = ["name", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("kinds"),
            FieldPanel("within"),
            FieldPanel("units"),
            FieldPanel("aliases"),
        ],
        base_form_class=AddresseeGroupForm,
    )


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Thành viên đơn vị")
    # Headings here: the two foreign keys have no verbose name, and Wagtail would show their
    # field names in English ("User", "Unit").
    list_display = [
        Column("user", label=_("Người dùng")),
        Column("unit", label=_("Đơn vị")),
        "role",
    ]
    list_filter = ["role"]
    panels = [
        FieldPanel("user", heading=_("Người dùng")),
        FieldPanel("unit", heading=_("Đơn vị")),
        FieldPanel("role"),
    ]

    def get_queryset(self, request):
        return Membership.objects.select_related("user", "unit")


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = _("Ngày nghỉ lễ")
    list_display = ["date", "name"]


class OrganisationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Tổ chức")
    menu_icon = "group"
    menu_order = 250
    items = (UnitViewSet, AddresseeGroupViewSet, MembershipViewSet, PublicHolidayViewSet)


register_snippet(OrganisationViewSetGroup)


@hooks.register("register_log_actions")
def register_directive_log_actions(actions):
    @actions.register_action("directives_app.issue")
    class IssueFormatter(LogFormatter):
        label = _("Ban hành văn bản")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Ban hành số %(symbol)s ngày %(date)s") % {
                "symbol": data.get("symbol", ""),
                "date": data.get("issued_on", ""),
            }

    @actions.register_action("directives_app.report_created")
    class ReportCreatedFormatter(LogFormatter):
        label = _("Giao báo cáo cho đơn vị")

    @actions.register_action("directives_app.report_withdrawn")
    class ReportWithdrawnFormatter(LogFormatter):
        label = _("Thôi giao báo cáo")

    @actions.register_action("directives_app.supplement_started")
    class SupplementStartedFormatter(LogFormatter):
        label = _("Bắt đầu bổ sung báo cáo đã chấp nhận")

    @actions.register_action("directives_app.review_attempt")
    class ReviewAttemptFormatter(LogFormatter):
        label = _("Thao tác thẩm định")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            verb = _("chấp nhận") if data.get("action") == "approve" else _("trả lại")
            if data.get("accepted"):
                return _("Thẩm định: %(verb)s") % {"verb": verb}
            return _(
                "Thẩm định: %(verb)s bị từ chối vì báo cáo đã được người khác xử lý hoặc đơn "
                "vị đã gửi bản khác"
            ) % {"verb": verb}


# -- compliance reports ------------------------------------------------------------------

REPORT_POLICY = UnitScopedPermissionPolicy(
    ComplianceReport,
    unit_field="unit",
    unit_actions={
        "view": "view_unit",
        "change": "draft_report",
        "lock": "draft_report",
        "unlock": "draft_report",
        "submit": "submit_report",
    },
    global_actions={
        "view": ["directives_app.review_compliancereport", "directives_app.view_compliancereport"]
    },
)
# Before register_snippet: after it, Wagtail has already bound its own policy.
register_permission_policy(ComplianceReport, REPORT_POLICY)


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


register_snippet(ComplianceReportViewSet)


# Registered after Wagtail's own delete action, which it replaces for scoped models.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=1000)


@hooks.register("construct_snippet_action_menu")
def report_actions_for_units(menu_items, request, context):
    """Unit users get "Gửi báo cáo" (heads) and "Lưu nháp", never the workflow's own
    vocabulary; only the head may send (the policy's "submit")."""
    from .compliance.report_actions import WORKFLOW_JARGON, SendReportMenuItem

    instance = context.get("instance")
    if not isinstance(instance, ComplianceReport):
        return
    may_submit = REPORT_POLICY.user_has_permission_for_instance(request.user, "submit", instance)
    hidden = set(WORKFLOW_JARGON) if not request.user.is_superuser else set()
    if not may_submit:
        hidden |= {"action-submit", "action-restart-workflow"}
    submit = next((item for item in menu_items if item.name == "action-submit"), None)
    menu_items[:] = [item for item in menu_items if item.name not in hidden]
    if may_submit and submit is not None:
        # The send button carries "Lưu nháp" beside it: one row, no arrow to find.
        menu_items[:] = [SendReportMenuItem()] + [
            item for item in menu_items if item.name not in ("action-submit", "action-save")
        ]
    # Cancelling (or restarting) a workflow is for administrators only, whom Wagtail would
    # not offer it (scoping.SubmitCheckMixin decides what the edit view accepts).
    may_cancel = REPORT_POLICY.user_has_permission_for_instance(
        request.user, "cancel_workflow", instance
    )
    names = {item.name for item in menu_items}
    if not may_cancel:
        menu_items[:] = [
            item
            for item in menu_items
            if item.name not in ("action-cancel-workflow", "action-restart-workflow")
        ]
    elif "action-cancel-workflow" not in names and instance.current_workflow_state:
        menu_items.append(CancelWorkflowMenuItem(order=50))


@hooks.register("construct_homepage_panels")
def compliance_panels(request, panels):
    from .compliance.dashboard_panels import (
        LeaderProgressPanel,
        ReviewQueuePanel,
        UnitTasksPanel,
        is_leader,
        is_reviewer,
    )
    from .units.scoping import units_with_permission

    if is_leader(request.user):
        panels.append(LeaderProgressPanel())
    if units_with_permission(request.user, "draft_report").exists():
        panels.append(UnitTasksPanel(request.user))
    if is_reviewer(request.user):
        panels.append(ReviewQueuePanel(request.user))


@hooks.register("construct_main_menu")
def unit_users_see_what_they_need(request, menu_items):
    """Unit staff report through "Báo cáo kết quả"; Wagtail's "Báo cáo" menu (site history,
    workflows, aging pages) beside it only confuses them."""
    from .progress.dashboard import can_view_progress
    from .units.scoping import units_with_permission

    user = request.user
    if user.is_superuser or can_view_progress(user):
        return
    if units_with_permission(user, "draft_report").exists():
        menu_items[:] = [item for item in menu_items if item.name != "reports"]


@hooks.register("register_admin_urls")
def review_urls():
    from .compliance.review_views import guide, review_report, start_supplement_view

    return [
        path("bao-cao/<int:pk>/tham-dinh/", review_report, name="directives_review_report"),
        path(
            "bao-cao/<int:pk>/bo-sung/", start_supplement_view, name="directives_report_supplement"
        ),
        path("huong-dan/<slug:audience>/", guide, name="directives_guide"),
    ]


# The letter importer registers its admin views in its own module.
# Dashboard, exports, progress PDF and submission receipt register in their own module.
from .importer import hooks as importer_hooks  # noqa: E402, F401
from .progress import hooks as reporting_hooks  # noqa: E402, F401
