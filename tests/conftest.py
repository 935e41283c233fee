"""Shared fixtures: the demo data is loaded once per test session into the test database;
each test then runs inside a transaction that is rolled back."""

import os
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from factories import build_directive, directive_form_data

DEMO_PASSWORD = "iagrai-demo"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The demo Site's root URL (every absolute address) is the test client's host.
    with (
        django_db_blocker.unblock(),
        mock.patch.dict(os.environ, {"DEMO_HOSTNAME": "testserver", "PORT": "80"}),
    ):
        call_command("load_demo", stdout=StringIO())


@pytest.fixture
def client_for(db):
    """client_for("bientap") → a test client logged in as that demo user."""

    def make(username: str) -> Client:
        client = Client()
        assert client.login(username=username, password=DEMO_PASSWORD), username
        return client

    return make


@pytest.fixture
def home(db):
    from iagrai_cms.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(autouse=True)
def _clear_cache():
    """The database rolls back after each test; the caches must forget with it."""
    from django.core.cache import cache

    from iagrai_cms.caching import site_chrome

    cache.clear()
    site_chrome.clear()
    yield


# -- directives -------------------------------------------------------------------------


@pytest.fixture
def register(db):
    from directives_app.models import DirectiveIndexPage

    return DirectiveIndexPage.objects.get()


@pytest.fixture
def make_directive(register):
    """make_directive(title=..., publish=True, units=[codes], **fields) → DirectivePage."""

    def make(*args, **kwargs):
        return build_directive(register, *args, **kwargs)

    return make


@pytest.fixture
def form_data(db):
    return directive_form_data
