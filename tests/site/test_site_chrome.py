"""The Site, its settings and the main menu are kept per process between requests, and
an edit of any of them shows on the very next request (iagrai_cms.caching.site_chrome)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from iagrai_cms.models import HomePage, SiteSettings


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.django_db
def test_second_request_reads_neither_site_nor_settings_nor_menu(client, uncached):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    sql = " ".join(q["sql"] for q in queries)
    assert '"wagtailcore_site"' not in sql
    assert '"iagrai_cms_sitesettings"' not in sql
    conditions = [q["sql"].partition("WHERE")[2] for q in queries]
    assert not any('"show_in_menus"' in where for where in conditions)  # the menu
    assert "0269 3845 001" in html  # still printed from the settings


@pytest.mark.django_db
def test_settings_edit_shows_on_the_next_request(client, uncached):
    assert "0999 000 111" not in client.get("/").content.decode()
    site_settings = SiteSettings.objects.get()
    site_settings.hotline = "0999 000 111"
    site_settings.save()
    assert "0999 000 111" in client.get("/").content.decode()


@pytest.mark.django_db
def test_menu_change_shows_on_the_next_request(client, uncached):
    home = HomePage.objects.get()
    page = Page.objects.child_of(home).live().filter(show_in_menus=False).first()
    if page is None:  # every child is in the menu: take one out instead
        page = Page.objects.child_of(home).live().first().specific
        expected_in_menu = False
    else:
        page = page.specific
        expected_in_menu = True
    link = f'href="{page.url}"'
    before = client.get("/").content.decode()
    nav_before = before.split('aria-label="Điều hướng chính"', 1)[1].split("</nav>", 1)[0]
    assert (link in nav_before) is not expected_in_menu
    page.show_in_menus = expected_in_menu
    page.save_revision().publish()
    after = client.get("/").content.decode()
    nav_after = after.split('aria-label="Điều hướng chính"', 1)[1].split("</nav>", 1)[0]
    assert (link in nav_after) is expected_in_menu


@pytest.mark.django_db
def test_the_copy_lasts_until_the_generation_changes(client, uncached):
    client.get("/")
    # A raw UPDATE sends no signal: the workers keep their copy...
    SiteSettings.objects.update(hotline="0888 222 333")
    assert "0888 222 333" not in client.get("/").content.decode()
    # ...until anything public changes (here a publish), then every worker reads again.
    home = HomePage.objects.get()
    home.save_revision().publish()
    assert "0888 222 333" in client.get("/").content.decode()
