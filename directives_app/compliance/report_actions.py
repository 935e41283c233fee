"""The report screen's actions for unit users: "Gửi báo cáo" first, with a confirmation
naming who receives the report, and "Lưu nháp" beside it; no workflow vocabulary.

Wagtail's menu offers "Lưu nháp" as the main button and hides "Gửi duyệt theo <workflow>"
under the arrow, next to "Hủy quy trình" and "Bắt đầu lại quy trình"; the hook in
wagtail_hooks.py swaps those for `SendReportMenuItem` (the same `action-submit` POST, so
the workflow engine still does the submitting).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.snippets.action_menu import SubmitForModerationMenuItem

from directives_app.models import ComplianceReport, ReviewTask

# Workflow actions a unit user is never offered.
WORKFLOW_JARGON = ("action-cancel-workflow", "action-restart-workflow")


def recipients_text(report: ComplianceReport) -> str:
    """Who receives the report when it is sent: the reviewer groups of its workflow, and
    their members' names (a few)."""
    workflow = report.get_workflow()
    groups = []
    if workflow is not None:
        tasks = ReviewTask.objects.filter(
            workflow_tasks__workflow=workflow, active=True
        ).prefetch_related("groups")
        groups = [group for task in tasks for group in task.groups.all()]
    if not groups:
        return _("người thẩm định")
    people = (
        get_user_model()
        .objects.filter(groups__in=groups, is_active=True, is_superuser=False)
        .distinct()
        .order_by("last_name", "first_name")[:5]
    )
    names = [person.get_full_name().strip() or person.username for person in people]
    text = ", ".join(f"“{group.name}”" for group in groups)
    return _("nhóm thẩm định %(groups)s (%(names)s)") % {
        "groups": text,
        "names": ", ".join(names) or "—",
    }


class SendReportMenuItem(SubmitForModerationMenuItem):
    """The main button of the report screen for a unit head: "Gửi báo cáo" (or "Gửi lại
    báo cáo" after a return), with "Lưu nháp" beside it."""

    template_name = "directives_app/compliance/action_send.html"
    order = -10

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        report = parent_context["instance"]
        returned = report.status == "returned"
        context["label"] = _("Gửi lại báo cáo") if returned else _("Gửi báo cáo")
        context["confirm_text"] = _(
            "Gửi báo cáo này đến %(who)s? Người thẩm định sẽ chấp nhận hoặc trả lại để bổ sung."
        ) % {"who": recipients_text(report)}
        return context
