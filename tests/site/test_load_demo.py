"""`load_demo` is idempotent: a second run changes no row (timestamps aside) and no group
membership. The session fixture has already run it once; each test runs it again."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models

# Rows that record *when* something happened rather than what the demo holds; the page
# cache's generation is a counter of saves (bumped by any save of a site setting).
SKIPPED_MODELS = {"sessions.session", "admin.logentry", "iagrai_cms.pagecachegeneration"}


def dump() -> dict[str, list[tuple]]:
    """Every model's rows (sorted), without date-time columns."""
    tables: dict[str, list[tuple]] = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in SKIPPED_MODELS or model._meta.proxy:
            continue
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if not isinstance(field, models.DateTimeField)
        ]
        fields = [model._meta.get_field(name) for name in names]
        rows = model._base_manager.order_by("pk").values_list(*names)
        # get_prep_value: a StreamField's value as its JSON, not an object's repr.
        tables[label] = [
            tuple(repr(f.get_prep_value(value)) for f, value in zip(fields, row, strict=True))
            for row in rows
        ]
    return tables


def memberships() -> dict[str, list[str]]:
    users = get_user_model().objects.prefetch_related("groups").order_by("username")
    return {user.username: sorted(group.name for group in user.groups.all()) for user in users}


def changed_tables(before: dict, after: dict) -> dict[str, dict[str, list[tuple]]]:
    """Per changed table, the rows only before and the rows only after (a readable diff)."""
    changed = {}
    for label in sorted(set(before) | set(after)):
        old, new = before.get(label, []), after.get(label, [])
        if old != new:
            changed[label] = {
                "gone": [row for row in old if row not in new][:3],
                "new": [row for row in new if row not in old][:3],
            }
    return changed


@pytest.fixture(autouse=True)
def same_address_as_the_suite(monkeypatch):
    # tests/conftest.py loads the demo for the test client's host; so do these runs.
    monkeypatch.setenv("DEMO_HOSTNAME", "testserver")
    monkeypatch.setenv("PORT", "80")


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    before, groups_before = dump(), memberships()
    # The demo's commune heads and focal officers write in their commune's news section.
    assert "Tin bài – Xã Ia Bă" in groups_before["xa-ia-ba.truong"]
    assert "Tin bài – Xã Ia Bă" in groups_before["xa-ia-ba.canbo"]
    call_command("load_demo", stdout=StringIO())
    assert memberships() == groups_before
    after = dump()
    assert changed_tables(before, after) == {}
    call_command("load_demo", stdout=StringIO())
    assert dump() == before
    assert memberships() == groups_before


@pytest.mark.django_db
def test_load_demo_again_keeps_commune_news_writing(client_for):
    from iagrai_cms.models import CommuneNewsIndexPage

    call_command("load_demo", stdout=StringIO())
    section = CommuneNewsIndexPage.objects.get(unit__code="xa-ia-ba")
    response = client_for("xa-ia-ba.canbo").get(
        f"/admin/pages/add/iagrai_cms/articlepage/{section.pk}/"
    )
    assert response.status_code == 200
