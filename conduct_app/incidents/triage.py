"""The triage of a report: new → assigned → in progress → resolved / dismissed / duplicate.

`apply` is the only way a report changes state: it checks that the step is allowed from
the current state and has what it needs (a handler unit, the action taken, the earlier
report), saves, and writes the step to Wagtail's audit log. Who may take a step on which
report is the permission policy's business (conduct_app.incidents.admin_views); this module holds
the rules of the steps themselves.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from conduct_app.models import (
    ActionTaken,
    Category,
    IncidentReport,
    IncidentRoutingSettings,
    Status,
)
from directives_app.models import Unit

from .signals import report_routed


class Step(models.TextChoices):
    ASSIGN = "assign", _("Chuyển đơn vị xử lý")
    START = "start", _("Bắt đầu xử lý")
    RESOLVE = "resolve", _("Hoàn thành xử lý")
    DISMISS = "dismiss", _("Không xử lý (không có căn cứ)")
    DUPLICATE = "duplicate", _("Đánh dấu trùng phản ánh trước")
    REOPEN = "reopen", _("Mở lại để xử lý tiếp")


ALLOWED_STEPS: dict[str, tuple[str, ...]] = {
    Status.NEW: (Step.ASSIGN, Step.DISMISS, Step.DUPLICATE),
    Status.ASSIGNED: (Step.START, Step.ASSIGN, Step.DISMISS, Step.DUPLICATE),
    Status.IN_PROGRESS: (Step.RESOLVE, Step.ASSIGN, Step.DISMISS, Step.DUPLICATE),
    Status.RESOLVED: (Step.REOPEN,),
    Status.DISMISSED: (Step.REOPEN,),
    Status.DUPLICATE: (Step.REOPEN,),
}
STEP_STATUS = {
    Step.ASSIGN: Status.ASSIGNED,
    Step.START: Status.IN_PROGRESS,
    Step.RESOLVE: Status.RESOLVED,
    Step.DISMISS: Status.DISMISSED,
    Step.DUPLICATE: Status.DUPLICATE,
    Step.REOPEN: Status.IN_PROGRESS,
}

# Which handler a category goes to: the police take accounts that break the law
# (impersonation, propaganda against the state, scams), the culture and information
# office what calls for information work (false or offensive content, anything else).
POLICE, CULTURE = "police", "culture"
ROUTES: dict[str, str] = {
    Category.IMPERSONATION: POLICE,
    Category.ANTI_STATE: POLICE,
    Category.SCAM: POLICE,
    Category.FALSE_INFORMATION: CULTURE,
    Category.OFFENSIVE: CULTURE,
    Category.OTHER: CULTURE,
}

LOG_PREFIX = "conduct_app.incident."


def handler_units() -> list[Unit]:
    """The units a report can be assigned to (from the routing settings)."""
    return IncidentRoutingSettings.load().handler_units()


def routed_unit(category: str) -> Unit | None:
    """The handler unit a report of `category` goes to, or None if not configured."""
    routing = IncidentRoutingSettings.load()
    unit = routing.police_unit if ROUTES.get(category, CULTURE) == POLICE else routing.culture_unit
    return unit if unit is not None and unit.active else None


def allowed_steps(report: IncidentReport) -> tuple[str, ...]:
    return ALLOWED_STEPS.get(report.status, ())


def check(
    report: IncidentReport,
    step: str,
    *,
    unit: Unit | None = None,
    action_taken: str = "",
    duplicate_of: IncidentReport | None = None,
) -> None:
    """Raise ValidationError (field → Vietnamese message) if the step cannot be taken."""
    if step not in allowed_steps(report):
        raise ValidationError(
            {
                "step": _("Không thể “%(step)s” khi phản ánh đang ở trạng thái “%(status)s”.")
                % {
                    "step": Step(step).label if step in Step.values else step,
                    "status": report.get_status_display(),
                }
            }
        )
    if step == Step.ASSIGN:
        if unit is None:
            raise ValidationError({"unit": _("Chọn đơn vị xử lý.")})
        if unit.pk not in {u.pk for u in handler_units()}:
            raise ValidationError({"unit": _("Đơn vị này không được giao xử lý phản ánh.")})
        if unit.pk == report.handler_unit_id:
            raise ValidationError({"unit": _("Phản ánh đang ở đơn vị này.")})
    if step == Step.RESOLVE and action_taken not in ActionTaken.values:
        raise ValidationError({"action_taken": _("Chọn biện pháp đã thực hiện.")})
    if step == Step.DUPLICATE:
        if duplicate_of is None:
            raise ValidationError({"duplicate_of": _("Chọn phản ánh đã tiếp nhận trước.")})
        if duplicate_of.pk == report.pk:
            raise ValidationError({"duplicate_of": _("Phản ánh không thể trùng với chính nó.")})
        if duplicate_of.status == Status.DUPLICATE:
            raise ValidationError(
                {"duplicate_of": _("Chọn phản ánh gốc, không chọn một phản ánh trùng.")}
            )


@transaction.atomic
def apply(
    report: IncidentReport,
    step: str,
    user: Any = None,
    *,
    unit: Unit | None = None,
    action_taken: str = "",
    duplicate_of: IncidentReport | None = None,
    public_outcome: str | None = None,
    note: str = "",
) -> IncidentReport:
    """Take `step` on `report` as `user` (None: the system, e.g. routing at intake)."""
    check(report, step, unit=unit, action_taken=action_taken, duplicate_of=duplicate_of)
    now = timezone.now()
    previous_status = report.status
    previous_unit = report.handler_unit
    data: dict[str, Any] = {"from": previous_status, "to": STEP_STATUS[step]}

    report.status = STEP_STATUS[step]
    if step == Step.ASSIGN:
        report.handler_unit = unit
        data["unit"] = unit.name
        if previous_unit is not None:
            data["from_unit"] = previous_unit.name
    if step == Step.RESOLVE:
        report.action_taken = action_taken
        data["action_taken"] = action_taken
    if step == Step.DUPLICATE:
        report.earlier_report = duplicate_of
        data["duplicate_of"] = duplicate_of.code
    if step == Step.REOPEN:
        report.closed_at = None
        report.action_taken = ""
    elif report.is_closed:
        report.closed_at = now
    if public_outcome is not None:
        report.public_outcome = public_outcome.strip()
    if user is not None and report.first_action_at is None:
        # Time to first action counts a person's step, not the automatic routing.
        report.first_action_at = now
    if note.strip():
        data["note"] = note.strip()
    report.save()
    log(instance=report, action=f"{LOG_PREFIX}{step}", user=user, data=data)
    if step == Step.ASSIGN:
        transaction.on_commit(
            lambda: report_routed.send(IncidentReport, report=report, unit=unit, user=user)
        )
    return report


def route(report: IncidentReport) -> IncidentReport:
    """Assign a new report (the system's step): a repeat goes to whoever handles the
    original, anything else to the handler of its category. Left new, for an
    administrator to assign, when no handler is configured."""
    earlier = report.earlier_report
    if earlier is not None and earlier.handler_unit_id and earlier.handler_unit in handler_units():
        unit, reason = earlier.handler_unit, _("Tự động: cùng đơn vị với phản ánh %(code)s")
        reason = reason % {"code": earlier.code}
    else:
        unit, reason = routed_unit(report.category), _("Tự động theo loại vi phạm")
    if unit is None:
        return report
    return apply(report, Step.ASSIGN, None, unit=unit, note=str(reason))
