"""Admin registration of directives_app: the organisation and report viewsets, audit-log
actions, the report screen's actions, dashboard panels, menus and the reviewer's URLs.
The importer and the leaders' dashboard register theirs in their own modules (below)."""

from django.db import models
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.log_actions import LogFormatter
from wagtail.snippets.action_menu import CancelWorkflowMenuItem
from wagtail.snippets.models import register_snippet

from .compliance.permissions import REPORT_POLICY
from .compliance.viewsets import ComplianceReportViewSet
from .core.pages import VietnameseSlugInput
from .models import ComplianceReport
from .units.scoping import ScopedDeleteBulkAction
from .units.viewsets import OrganisationViewSetGroup

# Every slug field in the admin transliterates Vietnamese the way the server does.
register_form_field_override(
    models.SlugField, override={"widget": VietnameseSlugInput}, exact_class=True
)

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
    from .compliance.dashboard_panels import ReviewQueuePanel, UnitTasksPanel
    from .compliance.permissions import is_reviewer
    from .progress.panels import LeaderProgressPanel, is_leader
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
    from .compliance.permissions import can_view_progress
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
