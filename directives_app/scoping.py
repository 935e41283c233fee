"""Unit scope in Wagtail's admin, built once and reused (compliance reports, incident
reports, commune articles).

`UnitScopedPermissionPolicy` answers "may this user do this (to this object)?" from
guardian object permissions on the object's unit (granted by memberships), plus model-wide
Django permissions for the people who see every unit (reviewers, leaders). Wagtail 8 asks
the policy only model-wide questions in most snippet views, so `UnitScopedViewSet` enforces
the scope itself with the policy as the single source of truth (DESIGN §4): the listing is
filtered, every object URL outside the scope is a 404, the chooser is filtered, bulk delete
is replaced, the unit field only offers the user's units, and submitting asks the policy.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpResponseForbidden
from django.utils.functional import classproperty
from django.utils.translation import gettext as _
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from .models import Unit, UnitUserObjectPermission


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
    has no "submit" permission and would start the workflow for anyone who can edit."""

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
        return super().post(request, *args, **kwargs)


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
    def get_object_list(self):
        policy = self.model_class.snippet_viewset.scoped_policy
        return policy.instances_user_has_permission_for(self.request.user, "view")


class ScopedChooseView(ScopedChooserMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    pass


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        policy = self.model_class.snippet_viewset.scoped_policy
        return policy.instances_user_has_permission_for(self.request.user, "view").get(pk=pk)


class ScopedChooserViewSet(SnippetChooserViewSet):
    """The chooser's choose / results / chosen views see only objects in scope."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView


class UnitScopedViewSet(SnippetViewSet):
    """A snippet viewset whose every view is limited to the user's units."""

    scoped_policy: UnitScopedPermissionPolicy
    edit_view_class = ScopedEditView
    add_view_class = ScopedCreateView
    chooser_viewset_class = ScopedChooserViewSet
    select_related: tuple[str, ...] = ("unit",)

    def get_queryset(self, request):
        return self.scoped_policy.instances_user_has_permission_for(
            request.user, "view"
        ).select_related(*self.select_related)

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        policy = self.scoped_policy
        model = self.model

        @wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                in_scope = policy.instances_user_has_permission_for(request.user, "view")
                if not in_scope.filter(pk=pk).exists():
                    raise Http404
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
