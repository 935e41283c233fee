"""Who has acknowledged the current version of the Code: staff users (everyone who can
reach the admin) and the share of each unit's members (from memberships)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

from conduct_app.models import Acknowledgement, CodeVersion
from directives_app.models import Membership, Unit, UnitKind


def staff_users() -> QuerySet:
    """Active users who can open the admin: the people asked to acknowledge the Code."""
    User = get_user_model()
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=access)
            | Q(user_permissions__in=access)
        )
        .distinct()
    )


@dataclass(frozen=True)
class UnitCoverage:
    unit: Unit | None  # None: every staff user together
    members: int
    acknowledged: int

    @property
    def share(self) -> float | None:
        return self.acknowledged / self.members if self.members else None

    @property
    def share_text(self) -> str:
        """ "80,0 %" (Vietnamese decimal comma); "—" for a unit without members."""
        if self.share is None:
            return "—"
        return f"{self.share * 100:.1f} %".replace(".", ",")

    @property
    def missing(self) -> int:
        return self.members - self.acknowledged


def coverage_by_unit(version: CodeVersion) -> list[UnitCoverage]:
    """One row per active reporting unit, in Vietnamese order; three queries in all."""
    units = list(Unit.objects.active_on().exclude(kind=UnitKind.GROUP).order_by("sort_name"))
    members: dict[int, set[int]] = {}
    for unit_id, user_id in Membership.objects.filter(user__is_active=True).values_list(
        "unit_id", "user_id"
    ):
        members.setdefault(unit_id, set()).add(user_id)
    acknowledged = set(
        Acknowledgement.objects.filter(version=version).values_list("user_id", flat=True)
    )
    return [
        UnitCoverage(
            unit=unit,
            members=len(members.get(unit.pk, ())),
            acknowledged=len(members.get(unit.pk, set()) & acknowledged),
        )
        for unit in units
    ]


def overall_coverage(version: CodeVersion) -> UnitCoverage:
    """All staff users together (not only unit members)."""
    staff = set(staff_users().values_list("pk", flat=True))
    done = set(
        Acknowledgement.objects.filter(version=version, user_id__in=staff).values_list(
            "user_id", flat=True
        )
    )
    return UnitCoverage(unit=None, members=len(staff), acknowledged=len(done))
