"""Who may see and triage which incident reports: the permission policy that Wagtail's
views and ours ask (registered for IncidentReport in wagtail_hooks).

A handler is someone who both holds the handler's model permission (the group "Xử lý phản
ánh") and belongs to the report's handler unit (guardian object permission `view_unit` on
the unit, granted by a membership). Either alone is not enough: a police officer who only
drafts compliance reports for the police unit does not see citizens' reports, and a
handler of the culture office does not see what the police handle. Administrators with
`handle_all_incidentreports` see every report, including new ones not yet assigned.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

from conduct_app.models import IncidentReport
from directives_app.units.scoping import UnitScopedPermissionPolicy, units_with_permission


class HandlerPermissionPolicy(UnitScopedPermissionPolicy):
    """UnitScopedPermissionPolicy, plus a model permission the user must hold for an action
    on their unit's objects (`required_permissions`: action → "app.codename")."""

    def __init__(self, *args, required_permissions: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.required_permissions = required_permissions or {}

    def _holds_role(self, user, action: str) -> bool:
        permission = self.required_permissions.get(action)
        return permission is None or user.has_perm(permission)

    def user_has_permission(self, user, action: str) -> bool:
        if not (user.is_active and user.is_authenticated):
            return False
        if self._global(user, action):
            return True
        codename = self._unit_codename(action)
        if not (codename and self._holds_role(user, action)):
            return False
        return bool(self._unit_ids(user, codename))

    def user_has_permission_for_instance(self, user, action: str, instance: Model) -> bool:
        if not (user.is_active and user.is_authenticated):
            return False
        if self._global(user, action):
            return True
        codename = self._unit_codename(action)
        unit_id = getattr(instance, f"{self.unit_field}_id", None)
        if not (codename and unit_id and self._holds_role(user, action)):
            return False
        return unit_id in self._unit_ids(user, codename)

    @staticmethod
    def _unit_ids(user, codename: str) -> set[int]:
        """The user's units for `codename`, read once per user object (one request): a
        listing asks for every row and every button, which would be a query each."""
        cache = getattr(user, "_scoped_unit_ids", None)
        if cache is None:
            cache = {}
            user._scoped_unit_ids = cache
        if codename not in cache:
            units = units_with_permission(user, codename).values_list("pk", flat=True)
            cache[codename] = set(units)
        return cache[codename]

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if not (user.is_active and user.is_authenticated):
            return self.model._default_manager.none()
        allowed = [a for a in actions if self._global(user, a) or self._holds_role(user, a)]
        if not allowed:
            return self.model._default_manager.none()
        return super().instances_user_has_any_permission_for(user, allowed)


HANDLE_ALL = "conduct_app.handle_all_incidentreports"

INCIDENT_POLICY = HandlerPermissionPolicy(
    IncidentReport,
    unit_field="handler_unit",
    unit_actions={"view": "view_unit", "change": "view_unit"},
    required_permissions={
        "view": "conduct_app.view_incidentreport",
        "change": "conduct_app.change_incidentreport",
    },
    global_actions={"view": [HANDLE_ALL], "change": [HANDLE_ALL]},
)
