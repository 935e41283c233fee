"""Unit scope in Wagtail's admin, built once and reused (compliance reports, incident
reports, commune articles).

`UnitScopedPermissionPolicy` answers "may this user do this (to this object)?" from
guardian object permissions on the object's unit (granted by memberships), plus model-wide
Django permissions for the people who see every unit (reviewers, leaders). Wagtail 8 asks
the policy only model-wide questions in most snippet views, so `UnitScopedViewSet` enforces
the scope itself with the policy as the single source of truth (DESIGN §4): the listing is
filtered, every object URL outside the scope is a 404, every object URL inside it asks the
policy for the action that URL performs (403 when refused: a reviewer may view a unit's
report but never edit, lock, revert, publish or delete it), every chooser endpoint is
filtered, bulk delete is replaced, the unit field only offers the user's units, submitting
asks the policy, cancelling a workflow is for whoever holds "cancel_workflow"
(administrators), and the POSTs that save an object are serialised on its row so that a
double submission is a no-op.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.functional import classproperty
from django.utils.translation import gettext as _
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from directives_app.models import Unit, UnitUserObjectPermission


def units_with_permission(user, codename: str) -> QuerySet[Unit]:
    """Units on which the user holds the object permission `codename` (one query)."""
    return Unit.objects.filter(
        pk__in=UnitUserObjectPermission.objects.filter(
            user=user, permission__codename=codename
        ).values("content_object_id")
    )


class UnitScopedPermissionPolicy(BasePermissionPolicy):
    """
    unit_actions: action → codename of the object permission on the unit that allows it
        ("change" → "draft_report").
    global_actions: action → "app_label.codename" of a model-wide permission that allows it
        on every unit ("view" → "directives_app.review_compliancereport").
    Actions in neither (e.g. "publish", "delete", "add") are for superusers only.
    """

    def __init__(
        self,
        model,
        unit_field: str = "unit",
        unit_actions: dict[str, str] | None = None,
        global_actions: dict[str, list[str]] | None = None,
    ):
        super().__init__(model)
        self.unit_field = unit_field
        self.unit_actions = unit_actions or {}
        self.global_actions = global_actions or {}

    def _global(self, user, action: str) -> bool:
        return user.is_superuser or any(
            user.has_perm(perm) for perm in self.global_actions.get(action, [])
        )

    def _unit_codename(self, action: str) -> str | None:
        return self.unit_actions.get(action)

    def user_has_permission(self, user, action: str) -> bool:
        if not (user.is_active and user.is_authenticated):
            return False
        if self._global(user, action):
            return True
        codename = self._unit_codename(action)
        return bool(codename) and units_with_permission(user, codename).exists()

    def user_has_permission_for_instance(self, user, action: str, instance: Model) -> bool:
        if not (user.is_active and user.is_authenticated):
            return False
        if self._global(user, action):
            return True
        codename = self._unit_codename(action)
        unit_id = getattr(instance, f"{self.unit_field}_id", None)
        return (
            bool(codename and unit_id)
            and units_with_permission(user, codename).filter(pk=unit_id).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        manager = self.model._default_manager
        if not (user.is_active and user.is_authenticated):
            return manager.none()
        if any(self._global(user, action) for action in actions):
            return manager.all()
        codenames = [c for c in (self._unit_codename(a) for a in actions) if c]
        if not codenames:
            return manager.none()
        condition = Q()
        for codename in codenames:
            condition |= Q(**{f"{self.unit_field}__in": units_with_permission(user, codename)})
        return manager.filter(condition)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        condition = Q(is_superuser=True)
        for action in actions:
            for perm in self.global_actions.get(action, []):
                app_label, codename = perm.split(".")
                condition |= Q(
                    user_permissions__codename=codename,
                    user_permissions__content_type__app_label=app_label,
                ) | Q(
                    groups__permissions__codename=codename,
                    groups__permissions__content_type__app_label=app_label,
                )
            codename = self._unit_codename(action)
            if codename:
                condition |= Q(unituserobjectpermission__permission__codename=codename)
        return User.objects.filter(condition, is_active=True).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        User = get_user_model()
        condition = Q(is_superuser=True)
        unit_id = getattr(instance, f"{self.unit_field}_id", None)
        for action in actions:
            for perm in self.global_actions.get(action, []):
                app_label, codename = perm.split(".")
                condition |= Q(
                    groups__permissions__codename=codename,
                    groups__permissions__content_type__app_label=app_label,
                )
            codename = self._unit_codename(action)
            if codename and unit_id:
                condition |= Q(
                    unituserobjectpermission__permission__codename=codename,
                    unituserobjectpermission__content_object_id=unit_id,
                )
        return User.objects.filter(condition, is_active=True).distinct()


# -- views ------------------------------------------------------------------------------


class SubmitCheckMixin:
    """Ask the policy before a submission or a restart of the workflow is saved: Wagtail
    has no "submit" permission and would start the workflow for anyone who can edit.

    A submission of an object whose workflow is already in progress (a double tap, a
    second tab) is a no-op with a message: the POSTs that save an object run one at a time
    (`UnitScopedViewSet.serialised_url_names`), so the second one sees the first's
    workflow and saves nothing (no orphan revision, no unique-constraint error)."""

    def post(self, request, *args, **kwargs):
        wants_submit = "action-submit" in request.POST or "action-restart-workflow" in request.POST
        if wants_submit:
            instance = getattr(self, "object", None)
            policy = self.model.snippet_viewset.scoped_policy
            allowed = (
                policy.user_has_permission_for_instance(request.user, "submit", instance)
                if instance is not None and instance.pk
                else policy.user_has_permission(request.user, "submit")
            )
            if not allowed:
                # A plain 403 (Wagtail would turn PermissionDenied into a redirect home): the
                # button is hidden, so only a hand-made request gets here.
                return HttpResponseForbidden(
                    _("Bạn không có quyền gửi báo cáo này; chỉ thủ trưởng đơn vị được gửi.")
                )
            if (
                "action-submit" in request.POST
                and instance is not None
                and instance.pk
                and getattr(instance, "workflow_in_progress", False)
            ):
                messages.warning(
                    request,
                    _(
                        "Báo cáo này đã được gửi và đang chờ thẩm định; lần gửi này không "
                        "thay đổi gì."
                    ),
                )
                return redirect(self.get_edit_url())
        return super().post(request, *args, **kwargs)

    def get_available_actions(self):
        # Wagtail lets whoever requested the workflow (and whoever may approve) cancel or
        # restart it; here exactly the holders of "cancel_workflow" (administrators) may.
        workflow_actions = ("cancel-workflow", "restart-workflow")
        actions = [a for a in super().get_available_actions() if a not in workflow_actions]
        workflow_state = getattr(self, "workflow_state", None)
        if (
            self.request.method == "POST"
            and workflow_state is not None
            and workflow_state.is_active
            and self.model.snippet_viewset.scoped_policy.user_has_permission_for_instance(
                self.request.user, "cancel_workflow", self.object
            )
        ):
            actions.append("cancel-workflow")
            if not self.object.workflow_in_progress:
                actions.append("restart-workflow")
        return actions

    def form_invalid(self, form):
        if getattr(self, "produced_error_code", None) == "locked" and self.lock:
            # Say why in the lock's own words (under review, accepted…).
            self.produced_error_message = self.lock.get_description(self.request.user)
        response = super().form_invalid(form)
        if getattr(self, "produced_error_code", None) == "locked" and hasattr(
            response, "status_code"
        ):
            # A save refused because the object is locked (under review, accepted) is a
            # conflict, not a success: nothing was saved.
            response.status_code = 409
        return response


class ScopedEditView(SubmitCheckMixin, EditView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        limit_unit_field(form, self.model.snippet_viewset, self.request.user)
        return form


class ScopedCreateView(SubmitCheckMixin, CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        limit_unit_field(form, self.model.snippet_viewset, self.request.user)
        return form


def limit_unit_field(form, viewset, user) -> None:
    """A unit user cannot move an object to a unit that is not theirs."""
    field = form.fields.get(viewset.scoped_policy.unit_field)
    if field is not None and hasattr(field, "queryset"):
        policy = viewset.scoped_policy
        if not policy._global(user, "change"):
            field.queryset = units_with_permission(user, policy.unit_actions.get("change", ""))


class ScopedChooserMixin:
    """Every chooser endpoint (choose, results, chosen, chosen-multiple) reads objects
    through `scoped_objects`, so none can name or label an object outside the scope."""

    def scoped_objects(self) -> QuerySet:
        policy = self.model_class.snippet_viewset.scoped_policy
        return policy.instances_user_has_permission_for(self.request.user, "view")

    def _valid_pks(self, pks) -> list:
        field = self.model_class._meta.pk
        valid = []
        for pk in pks:
            try:
                valid.append(field.to_python(pk))
            except ValidationError:
                continue  # a malformed id names nothing (not a 500)
        return valid

    def get_object_list(self):
        return self.scoped_objects()

    def get_object(self, pk):
        pks = self._valid_pks([pk])
        if not pks:
            raise self.model_class.DoesNotExist
        return self.scoped_objects().get(pk=pks[0])

    def get_objects(self, pks):
        return self.scoped_objects().filter(pk__in=self._valid_pks(pks))


class ScopedChooseView(ScopedChooserMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    pass


class ScopedChosenView(ScopedChooserMixin, SnippetChosenView):
    pass


class ScopedChosenMultipleView(ScopedChooserMixin, SnippetChosenMultipleView):
    pass


class ScopedChooserViewSet(SnippetChooserViewSet):
    """The chooser's choose / results / chosen / chosen-multiple views see only objects in
    scope."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class UnitScopedViewSet(SnippetViewSet):
    """A snippet viewset whose every view is limited to the user's units."""

    scoped_policy: UnitScopedPermissionPolicy
    edit_view_class = ScopedEditView
    add_view_class = ScopedCreateView
    chooser_viewset_class = ScopedChooserViewSet
    select_related: tuple[str, ...] = ("unit",)

    #: URL name → the policy action the URL performs on its object. Any other object URL
    #: (history, usage, inspect, compare, workflow history…) needs "view".
    object_actions: dict[str, str] = {
        "edit": "change",
        "revisions_revert": "change",
        "preview_on_edit": "change",
        "workflow_action": "change",
        "collect_workflow_action_data": "change",
        "confirm_workflow_cancellation": "change",
        "lock": "lock",
        "unlock": "unlock",
        "delete": "delete",
        "unpublish": "publish",
        "revisions_unschedule": "publish",
        "copy": "add",
        "reorder": "change",
    }
    #: POSTs to these URLs save the object: they run one at a time per object (its row is
    #: locked first; on SQLite the transaction itself is exclusive), so a double submission
    #: sees the first one's result instead of racing it.
    serialised_url_names = ("edit", "revisions_revert")

    def get_queryset(self, request):
        return self.scoped_policy.instances_user_has_permission_for(
            request.user, "view"
        ).select_related(*self.select_related)

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = self.scope_object_view(pattern.callback, pattern.name)
        return patterns

    def scope_object_view(self, view, url_name: str | None):
        """Wrap an object view: out of scope → 404; in scope without the URL's action →
        403; saving POSTs serialised on the object's row."""
        policy = self.scoped_policy
        model = self.model
        action = self.object_actions.get(url_name, "view")
        serialised = url_name in self.serialised_url_names

        @wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is None:
                return view(request, *args, **view_kwargs)
            in_scope = policy.instances_user_has_permission_for(request.user, "view")
            instance = in_scope.filter(pk=pk).first()
            if instance is None:
                raise Http404
            if action != "view" and not policy.user_has_permission_for_instance(
                request.user, action, instance
            ):
                return HttpResponseForbidden(_("Bạn không có quyền thực hiện thao tác này."))
            if serialised and request.method == "POST":
                with transaction.atomic():
                    model._default_manager.select_for_update().filter(pk=instance.pk).first()
                    response = view(request, *args, **view_kwargs)
                    if hasattr(response, "render") and not response.is_rendered:
                        response.render()
                    return response
            return view(request, *args, **view_kwargs)

        scoped.view_class = getattr(view, "view_class", None)
        scoped.model = model
        return scoped


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete lists any `?id=` on its confirmation page; this one only
    considers objects in the user's scope (others are simply not there)."""

    @classproperty
    def models(cls):
        from wagtail.snippets.models import get_snippet_models

        return [
            model
            for model in get_snippet_models()
            if isinstance(getattr(model, "snippet_viewset", None), UnitScopedViewSet)
        ]

    def get_queryset(self, model, object_ids):
        policy = model.snippet_viewset.scoped_policy
        return policy.instances_user_has_permission_for(self.request.user, "view").filter(
            pk__in=object_ids
        )
