"""Memberships grant and revoke guardian object permissions on units."""

import pytest
from django.contrib.auth import get_user_model
from guardian.shortcuts import get_objects_for_user

from directives_app.models import Membership, Unit, UnitUserObjectPermission


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("nguoi-moi", password="x")


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)  # guardian caches per user object


@pytest.mark.django_db
def test_head_membership_grants_and_deletion_revokes(user):
    unit = Unit.objects.get(code="xa-ia-ba")
    other = Unit.objects.get(code="xa-ia-o")
    membership = Membership.objects.create(user=user, unit=unit, role=Membership.Role.HEAD)
    u = fresh(user)
    assert u.has_perm("directives_app.submit_report", unit)
    assert u.has_perm("directives_app.draft_report", unit)
    assert not u.has_perm("directives_app.submit_report", other)
    assert not u.has_perm("directives_app.submit_report")  # no model-wide permission
    # stored in the direct-FK table, not guardian's generic one
    assert UnitUserObjectPermission.objects.filter(user=user, content_object=unit).count() == 3
    membership.delete()
    u = fresh(user)
    assert not u.has_perm("directives_app.submit_report", unit)
    assert not u.has_perm("directives_app.view_unit", unit)


@pytest.mark.django_db
def test_focal_officer_may_draft_not_submit(user):
    unit = Unit.objects.get(code="xa-ia-ba")
    Membership.objects.create(user=user, unit=unit, role=Membership.Role.FOCAL)
    u = fresh(user)
    assert u.has_perm("directives_app.draft_report", unit)
    assert not u.has_perm("directives_app.submit_report", unit)


@pytest.mark.django_db
def test_role_change_and_unit_move_resync(user):
    ba, o = Unit.objects.get(code="xa-ia-ba"), Unit.objects.get(code="xa-ia-o")
    membership = Membership.objects.create(user=user, unit=ba, role=Membership.Role.HEAD)
    membership = Membership.objects.get(pk=membership.pk)
    membership.role = Membership.Role.FOCAL
    membership.save()
    assert not fresh(user).has_perm("directives_app.submit_report", ba)
    membership.unit = o
    membership.save()
    u = fresh(user)
    assert not u.has_perm("directives_app.draft_report", ba)
    assert u.has_perm("directives_app.draft_report", o)


@pytest.mark.django_db
def test_two_roles_in_one_unit_keep_permissions_until_both_go(user):
    unit = Unit.objects.get(code="xa-ia-ba")
    head = Membership.objects.create(user=user, unit=unit, role=Membership.Role.HEAD)
    Membership.objects.create(user=user, unit=unit, role=Membership.Role.FOCAL)
    head.delete()
    u = fresh(user)
    assert u.has_perm("directives_app.draft_report", unit)
    assert not u.has_perm("directives_app.submit_report", unit)


@pytest.mark.django_db
def test_demo_unit_users_scoped_to_their_unit():
    head = get_user_model().objects.get(username="xa-ia-ba.truong")
    units = get_objects_for_user(head, "directives_app.submit_report", klass=Unit)
    assert [u.code for u in units] == ["xa-ia-ba"]


@pytest.mark.django_db
def test_no_anonymous_user_row():
    assert not get_user_model().objects.filter(username="AnonymousUser").exists()
