"""The review of compliance reports on Wagtail's workflow engine: the reviewers' task, its
locks and task state, and the decision itself (accept or return), taken under a row lock
against the revision the reviewer saw."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.locks import BaseLock, WorkflowLock
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, TaskState


class ReviewTask(AbstractGroupApprovalTask):
    """Reviewers accept a report or return it with a checklist of what is missing."""

    checklist_items = models.TextField(
        _("danh mục trả lại"),
        default=(
            "Thiếu kết quả của nhiệm vụ\n"
            "Minh chứng chưa đủ hoặc không liên quan\n"
            "Ảnh không rõ, không đúng nội dung\n"
            "Thiếu đường dẫn bài đăng trên kênh thông tin\n"
            "Số liệu chưa chính xác"
        ),
        help_text=_("Mỗi dòng một lý do người thẩm định có thể chọn khi trả lại báo cáo."),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["checklist_items"]

    class Meta:
        verbose_name = _("thẩm định báo cáo")
        verbose_name_plural = _("thẩm định báo cáo")

    @property
    def checklist(self) -> list[str]:
        return [line.strip() for line in self.checklist_items.splitlines() if line.strip()]

    # Reviewers decide on the reviewer screen and do nothing else (directives_app.
    # review_views). Wagtail's group-approval defaults would let the group open the unit's
    # editor, save revisions, lock it, cancel its workflow (cancelling is offered to whoever
    # may "approve") and approve from its dashboard panel or workflow URLs, with no check of
    # the revision the reviewer saw. So, to Wagtail, this task offers no action at all.

    def start(self, workflow_state, user=None):
        # Wagtail takes the step's revision from the workflow state's cached object; on a
        # resubmission that object was loaded before the edit view saved the new revision,
        # so the step would point at the returned revision (what the reviewer already saw)
        # instead of what the unit has just sent.
        workflow_state.content_object.refresh_from_db(fields=["latest_revision"])
        return super().start(workflow_state, user=user)

    def user_can_access_editor(self, obj, user) -> bool:
        return False

    def locked_for_user(self, obj, user) -> bool:
        # Nobody edits what is under review: the reviewer decides on exactly what was sent.
        return True

    def user_can_lock(self, obj, user) -> bool:
        return False

    def user_can_unlock(self, obj, user) -> bool:
        return False

    def get_actions(self, obj, user):
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # Keeps report reviews out of Wagtail's "Awaiting your review" panel and report
        # filter: the reviewers' queue is the "Chờ thẩm định" panel.
        return TaskState.objects.none()

    def review_actions(self, user) -> list[tuple[str, str]]:
        """(action, label) the user may take on the reviewer screen."""
        if user.is_superuser or self._user_in_groups(user):
            return [("reject", _("Trả lại")), ("approve", _("Chấp nhận"))]
        return []

    def get_form_for_action(self, action):
        from directives_app.compliance.review_forms import form_for_review_action

        return form_for_review_action(self, action)

    def on_action(self, task_state, user, action_name, **kwargs):
        return decide(self, task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Người thẩm định chấp nhận hoặc trả lại báo cáo kèm danh mục còn thiếu")


class ReviewLock(WorkflowLock):
    """While a report is under review nobody edits it (the reviewers decide on the screen
    made for it); Wagtail's message would say that reviewers may edit."""

    def get_message(self, user):
        return _(
            "Báo cáo đã được gửi và đang chờ thẩm định; không thể sửa cho đến khi có kết quả "
            "thẩm định."
        )

    def get_locked_by(self, user, can_lock=False):
        return _("Đang chờ thẩm định")

    def get_description(self, user, can_lock=False):
        return _("Báo cáo đang chờ thẩm định: không ai sửa được cho đến khi có kết quả.")


class AcceptedReportLock(BaseLock):
    """An accepted report is read-only; its unit adds to it through "Bổ sung", which starts
    a new submission (compliance.start_supplement)."""

    def for_user(self, user) -> bool:
        return True

    def get_message(self, user):
        from django.urls import reverse
        from django.utils.html import format_html

        message = _(
            "Báo cáo đã được chấp nhận nên chỉ xem, không sửa được. Muốn gửi thêm kết quả "
            "hoặc minh chứng, bấm “Bổ sung”: bản bổ sung được gửi thẩm định lại, bản đã "
            "chấp nhận vẫn giữ nguyên cho đến khi bản bổ sung được chấp nhận."
        )
        policy = type(self.object).snippet_viewset.scoped_policy
        if not policy.user_has_permission_for_instance(user, "change", self.object):
            return message
        return format_html(
            '{} <span class="buttons"><button type="button" class="button button-small '
            'button-secondary" data-controller="w-action" data-action="w-action#post" '
            'data-w-action-url-value="{}">{}</button></span>',
            message,
            reverse("directives_report_supplement", args=[self.object.pk]),
            _("Bổ sung"),
        )

    def get_locked_by(self, user):
        return _("Đã chấp nhận")

    def get_description(self, user):
        return _(
            "Báo cáo đã được chấp nhận nên chỉ xem, không sửa được; bấm “Bổ sung” để gửi thêm."
        )


ReviewTask.lock_class = ReviewLock


class ReviewTaskState(TaskState):
    """A review step, with the checklist the reviewer ticked when returning."""

    checklist = models.JSONField(default=list, blank=True)


ReviewTask.task_state_class = ReviewTaskState


def decide(task, task_state, user, action_name: str, **kwargs) -> None:
    """A reviewer's accept or return. The task state row is locked so that when two
    reviewers act at once exactly one decision stands; every attempt is logged.

    `revision_id` (the revision the reviewer saw) is checked against the task state's under
    the lock: a decision never applies to content the reviewer did not see."""
    checklist = kwargs.pop("checklist", []) or []
    seen_revision = kwargs.pop("revision_id", None)
    report = task_state.workflow_state.content_object
    with transaction.atomic():
        current = ReviewTaskState.objects.select_for_update().get(pk=task_state.pk)
        stands = current.status == ReviewTaskState.STATUS_IN_PROGRESS and (
            seen_revision is None or current.revision_id == seen_revision
        )
        if stands:
            _log_attempt(report, user, action_name, task_state, accepted=True)
            if action_name == "reject":
                current.checklist = list(checklist)
                current.save(update_fields=["checklist"])
                current.reject(user=user, **kwargs)
            elif action_name == "approve":
                current.approve(user=user, **kwargs)
    if not stands:
        # Logged outside the transaction above, so the refused attempt is kept.
        _log_attempt(report, user, action_name, task_state, accepted=False)
        raise PermissionDenied("This review step was already decided, or the report changed.")


def _log_attempt(report, user, action_name: str, task_state, accepted: bool) -> None:
    log(
        instance=report,
        action="directives_app.review_attempt",
        user=user,
        data={"action": action_name, "accepted": accepted, "task_state": task_state.pk},
    )
