"""What the editorial board may do with an article under review ("Biên tập tin bài").

While an article waits in its workflow, a board member has exactly two actions: approve
(which publishes it, WAGTAIL_FINISH_WORKFLOW_ACTION) and request changes. Wagtail would also
offer anyone holding "publish" a plain "Xuất bản" (bypassing the review record) and every
approver "Hủy quy trình"; both are refused here, not only hidden:

- `ArticlePermissionTester.can_publish()` is False while the article is in moderation, so
  Wagtail's edit view ignores a posted `action-publish` (it saves a draft instead) and the
  bulk "publish" action skips the article;
- `refuse_forged_actions` (hook `before_edit_page`) refuses a posted
  `action-cancel-workflow` from someone who may cancel only because they are an approver.

Administrators (superusers, "Quản trị hệ thống") keep every action. Whoever submitted the
article, or owns it, keeps Wagtail's own actions (saving a draft, cancelling their request).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page, PagePermissionTester

from iagrai_cms import roles

APPROVE = "approve"
REJECT = "reject"


def is_administrator(user) -> bool:
    if user.is_superuser:
        return True
    return user.is_authenticated and user.groups.filter(name=roles.ADMINISTRATORS).exists()


def in_review(page: Page) -> bool:
    """The article waits in a workflow task (not merely has a workflow)."""
    state = page.current_workflow_state
    return bool(state and state.current_task_state_id)


def reviews(user: AnonymousUser, page: Page) -> bool:
    """True if `user` meets this article as a reviewer: it is under review, the user may
    approve its current task, and is not an administrator."""
    if not user.is_authenticated or is_administrator(user) or not in_review(page):
        return False
    task = page.current_workflow_task
    return task is not None and any(
        name == APPROVE for name, _label, _modal in task.get_actions(page, user)
    )


def may_cancel_review(user, page: Page) -> bool:
    """Cancelling a review is for the one who asked for it (or owns the article) and for
    administrators; an approver requests changes instead."""
    state = page.current_workflow_state
    if state is None:
        return True  # nothing to cancel: Wagtail itself ignores the request
    if is_administrator(user):
        return True
    return user.pk is not None and user.pk in (state.requested_by_id, page.owner_id)


class ArticlePermissionTester(PagePermissionTester):
    def can_publish(self) -> bool:
        if not super().can_publish():
            return False
        # Under review only approval publishes; administrators may still publish at once.
        return not in_review(self.page) or is_administrator(self.user)
