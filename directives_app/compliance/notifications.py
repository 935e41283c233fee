"""E-mail to the reviewers when a unit submits a report, and to the unit when a report is
returned for completion.

Wagtail's own notice to a review group (GroupApprovalTaskStateSubmissionEmailNotifier) is
connected only for its base TaskState, and picks its templates by the class name of the
task state; the review task keeps its checklist on ReviewTaskState, so Wagtail never
sends that notice for reports. This notifier is Wagtail's, connected for ReviewTaskState:
the group members (and superusers, per WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS)
who allow "submitted" notices in their profile and have an address get it, in their
admin language, with the reviewer screen's link instead of the generic edit link
(templates wagtailadmin/notifications/review_task_state_submitted*).
"""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)

from directives_app.models import ComplianceReport, ReviewTaskState


class ReportSubmittedNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def __init__(self) -> None:
        super().__init__()
        self.valid_classes = (ReviewTaskState,)

    def can_handle(self, instance, **kwargs) -> bool:
        return super().can_handle(instance, **kwargs) and isinstance(
            instance.workflow_state.content_object, ComplianceReport
        )

    def get_context(self, task_state: ReviewTaskState, **kwargs) -> dict:
        context = super().get_context(task_state, **kwargs)
        report = context["object"]
        context["report"] = report
        context["review_url"] = reverse("directives_review_report", args=[report.pk])
        context["submitted_by"] = kwargs.get("user")
        return context


report_submitted_notifier = ReportSubmittedNotifier()


class ReportReturnedNotifier(WorkflowStateRejectionEmailNotifier):
    """Wagtail's notice to the submitter when a workflow is rejected, with the report's
    own words for a report: "trả lại để bổ sung" (never "từ chối"), the ticked reasons,
    the comment and the report screen's link. Other objects (articles) keep Wagtail's
    templates. Connected in place of Wagtail's notifier (same dispatch_uid)."""

    def get_template_set(self, instance, **kwargs) -> dict:
        if isinstance(instance.content_object, ComplianceReport):
            base = "directives_app/compliance/mail/report_returned"
            return {
                "subject": f"{base}_subject.txt",
                "text": f"{base}.txt",
                "html": f"{base}.html",
            }
        return super().get_template_set(instance, **kwargs)

    def get_context(self, workflow_state, **kwargs) -> dict:
        context = super().get_context(workflow_state, **kwargs)
        report = context["object"]
        if isinstance(report, ComplianceReport):
            context["report"] = report
            context["checklist"] = getattr(context["task_state"], "checklist", []) or []
            context["report_url"] = reverse(
                "wagtailsnippets_directives_app_compliancereport:edit", args=[report.pk]
            )
        return context


report_returned_notifier = ReportReturnedNotifier()
