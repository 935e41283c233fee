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

from directives_app.scoping import UnitScopedPermissionPolicy

from .models import IncidentReport


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
        if not self._global(user, action) and not self._holds_role(user, action):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action: str, instance: Model) -> bool:
        if not self._global(user, action) and not self._holds_role(user, action):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

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
