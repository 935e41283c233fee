"""Who may do what with compliance reports beyond the per-object policy of a unit's
reports (units.scoping): who reviews, and who sees the whole progress picture."""

from __future__ import annotations

from directives_app.models import ComplianceReport, ReviewTask
from directives_app.units.scoping import UnitScopedPermissionPolicy

VIEW_PERMISSIONS = (
    "directives_app.view_compliancereport",
    "directives_app.review_compliancereport",
)


def can_view_progress(user) -> bool:
    """Leaders (view_compliancereport), reviewers (review_compliancereport), superusers.
    Unit staff see their own reports only, never the whole picture."""
    return bool(
        user.is_active
        and user.is_authenticated
        and (user.is_superuser or any(user.has_perm(perm) for perm in VIEW_PERMISSIONS))
    )


def is_reviewer(user) -> bool:
    """A member of a group of an active review task (or a superuser)."""
    return (
        user.is_superuser
        or ReviewTask.objects.filter(active=True, groups__in=user.groups.all()).exists()
    )


# The per-object policy of reports, registered for ComplianceReport in AppConfig.ready
# (before the admin binds a policy to its snippet viewset).
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
