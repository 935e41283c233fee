"""E-mail to the reviewers when a unit submits a report.

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
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier

from .models import ComplianceReport, ReviewTaskState


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
