"""Which object permissions on a unit each membership role carries, and keeping the
guardian tables in step with memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from guardian.shortcuts import assign_perm, get_user_perms, remove_perm

from directives_app.models import Membership, Unit

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Membership.Role.HEAD: {"view_unit", "draft_report", "submit_report"},
    Membership.Role.FOCAL: {"view_unit", "draft_report"},
    Membership.Role.STAFF: {"view_unit"},
}
MANAGED_PERMISSIONS = set().union(*ROLE_PERMISSIONS.values())


def sync_unit_permissions(user: AbstractBaseUser, unit: Unit) -> None:
    """Make the user's object permissions on `unit` exactly what their roles grant."""
    roles = Membership.objects.filter(user=user, unit=unit).values_list("role", flat=True)
    wanted = set().union(set(), *(ROLE_PERMISSIONS[role] for role in roles))
    held = set(get_user_perms(user, unit)) & MANAGED_PERMISSIONS
    for codename in wanted - held:
        assign_perm(f"directives_app.{codename}", user, unit)
    for codename in held - wanted:
        remove_perm(f"directives_app.{codename}", user, unit)
