"""WAGTAIL_FINISH_WORKFLOW_ACTION: approval is what publishes (issues) the object.

Wagtail would publish as the last approver and refuse when that approver lacks the publish
permission; leaders approve directives without holding "publish" on the register, so the
approved revision is published with permission checks skipped. Models that set
`publish_reviewed_revision` get the revision of the approved task state, not the latest.
Kept free of `wagtail.models` imports at module level: settings name this module.
"""

from __future__ import annotations


def publish_approved(workflow_state, user=None) -> None:
    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    if getattr(obj, "publish_reviewed_revision", False) and workflow_state.current_task_state:
        # Compliance reports: exactly the revision the reviewer saw and accepted, even if a
        # later revision exists (e.g. one saved by a request that then failed).
        revision = workflow_state.current_task_state.revision
    revision.publish(user=user, skip_permission_checks=True)
