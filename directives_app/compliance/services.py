"""Compliance services: reports created when a directive is issued, their due dates, the
reviewers' decisions (with row locking), and the status kept in step with the workflow.

Signal handlers call these; views and commands never change a report's status themselves.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from directives_app.core.working_days import add_working_days
from directives_app.models import (
    ComplianceReport,
    ComplianceSettings,
    DirectivePage,
    Evidence,
    ReportStatus,
    ReviewTaskState,
    SupplementStatus,
    TaskResult,
)


def unit_tasks(page: DirectivePage) -> dict[int, list]:
    """unit id → the directive's tasks that address it (groups expanded on the issue date)."""
    assigned: dict[int, list] = {}
    for task in page.tasks.prefetch_related("addressee_units", "addressee_groups"):
        for unit in task.resolved_units(page.issued_on):
            assigned.setdefault(unit.pk, []).append(task)
    return assigned


def due_date_for(page: DirectivePage, tasks: list, default_days: int) -> datetime.date | None:
    deadlines = [d for d in (task.due_date(page.issued_on) for task in tasks) if d]
    if deadlines:
        return min(deadlines)
    if page.issued_on:
        return add_working_days(page.issued_on, default_days)
    return None


@transaction.atomic
def sync_reports(page: DirectivePage) -> None:
    """One report per addressed unit; idempotent. A unit added by an amendment gets its
    report; a unit no longer addressed keeps its report, marked withdrawn."""
    if not page.requires_reports:
        return
    settings = ComplianceSettings.load()
    assigned = unit_tasks(page)
    existing = {
        report.unit_id: report for report in ComplianceReport.objects.filter(directive=page)
    }
    for unit_id, tasks in assigned.items():
        report = existing.get(unit_id)
        due = due_date_for(page, tasks, settings.default_due_working_days)
        if report is None:
            report = ComplianceReport.objects.create(
                directive=page, unit_id=unit_id, due_date=due, live=False
            )
            log(instance=report, action="directives_app.report_created", user=None)
        else:
            changes = {}
            if report.due_date != due:
                changes["due_date"] = due
            if report.status == ReportStatus.WITHDRAWN:
                changes["status"] = (
                    ReportStatus.DRAFT if report.latest_revision_id else (ReportStatus.NOT_STARTED)
                )
            if changes:
                ComplianceReport.objects.filter(pk=report.pk).update(**changes)
        have = set(TaskResult.objects.filter(report=report).values_list("task_id", flat=True))
        TaskResult.objects.bulk_create(
            [TaskResult(report=report, task=task) for task in tasks if task.pk not in have]
        )
    for unit_id, report in existing.items():
        if unit_id not in assigned and report.status != ReportStatus.WITHDRAWN:
            ComplianceReport.objects.filter(pk=report.pk).update(status=ReportStatus.WITHDRAWN)
            log(instance=report, action="directives_app.report_withdrawn", user=None)


def on_submitted(report: ComplianceReport, task_state: ReviewTaskState, user) -> None:
    """The head submitted: freeze the evidence sent so far and record who and when. A
    supplement of an accepted report leaves it accepted (its accepted revision stays live)
    until the supplement is decided."""
    now = timezone.now()
    reports = ComplianceReport.objects.filter(pk=report.pk)
    if reports.filter(status=ReportStatus.ACCEPTED).exists():
        reports.update(supplement=SupplementStatus.SUBMITTED, submitted_at=now, submitted_by=user)
        report.supplement = SupplementStatus.SUBMITTED
    else:
        reports.update(status=ReportStatus.SUBMITTED, submitted_at=now, submitted_by=user)
        report.status = ReportStatus.SUBMITTED
    Evidence.objects.filter(report=report, submitted_at__isnull=True).update(
        submitted_at=now, submitted_in=task_state
    )
    report.submitted_at, report.submitted_by = now, user


def on_returned(report: ComplianceReport) -> None:
    reports = ComplianceReport.objects.filter(pk=report.pk)
    # A returned supplement does not undo the acceptance of what was accepted before.
    if not reports.filter(status=ReportStatus.ACCEPTED).update(
        supplement=SupplementStatus.RETURNED
    ):
        reports.update(status=ReportStatus.RETURNED, decided_at=timezone.now())


def on_accepted(report: ComplianceReport) -> None:
    ComplianceReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.ACCEPTED, supplement=SupplementStatus.NONE, decided_at=timezone.now()
    )


class SupplementRefused(Exception):
    """A supplement cannot start: the report is not accepted, or one is already open."""


def start_supplement(report: ComplianceReport, user) -> ComplianceReport:
    """ "Bổ sung": open an accepted report for a new submission through the same review.
    The accepted revision stays live and the status stays accepted until the supplement is
    accepted; a second click (or a stale page) changes nothing."""
    with transaction.atomic():
        current = ComplianceReport.objects.select_for_update().get(pk=report.pk)
        if current.status != ReportStatus.ACCEPTED or current.supplement:
            raise SupplementRefused
        ComplianceReport.objects.filter(pk=current.pk).update(supplement=SupplementStatus.DRAFT)
        current.supplement = SupplementStatus.DRAFT
        log(instance=current, action="directives_app.supplement_started", user=user)
    return current


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


def last_return(report: ComplianceReport) -> ReviewTaskState | None:
    """The latest return (checklist and comment) of this report, if any."""
    return (
        ReviewTaskState.objects.filter(
            workflow_state__object_id=str(report.pk),
            workflow_state__base_content_type__model="compliancereport",
            status=ReviewTaskState.STATUS_REJECTED,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
