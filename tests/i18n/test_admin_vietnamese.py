"""The admin speaks Vietnamese (DESIGN §7; issue 8).

- Every screen the staff use, rendered with the test client as the people who use it
  (unit head, reviewer, clerk, leader, and the administrator for users and groups), shows
  no English admin word (tests/admin_english.py: the word list and the allow-list).
- Vietnamese is the default for a user without a preference; a user switches to English in
  the account settings and the admin follows.

E-mail and the catalogues: test_vietnamese_mail_and_catalogues.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from admin_english import findings, sidebar_labels, visible_texts
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from screen_context import CLERK, HEAD, SNIPPET, Context

BASE_DIR = Path(__file__).resolve().parents[2]
RETURNED_HEAD = "xa-ia-o.truong"  # head of the unit whose report was returned
REVIEWER = "thamdinh"
LEADER = "lanhdao"
ADMIN = "admin"


# -- the screens ------------------------------------------------------------------------


@dataclass(frozen=True)
class Screen:
    name: str
    users: tuple[str | None, ...]  # None: not logged in
    url: Callable[[Context], str]


def fixed(url: str) -> Callable[[Context], str]:
    return lambda ctx: url


def named(name: str, *args) -> Callable[[Context], str]:
    return lambda ctx: reverse(name, args=args)


STAFF = (HEAD, REVIEWER, CLERK, LEADER)


def _report_compare(ctx: Context) -> str:
    report = ctx.submitted_own_report()
    a, b = ctx.report_revisions(report)
    return reverse(f"{SNIPPET}:revisions_compare", args=[report.pk, a, b])


SCREENS = [
    Screen("login", (None,), named("wagtailadmin_login")),
    Screen("password reset", (None,), named("wagtailadmin_password_reset")),
    Screen("password reset sent", (None,), named("wagtailadmin_password_reset_done")),
    Screen("dashboard", (*STAFF, ADMIN), named("wagtailadmin_home")),
    Screen("account settings", (*STAFF, ADMIN), named("wagtailadmin_account")),
    Screen("page explorer", (ADMIN,), fixed("/admin/pages/")),
    Screen(
        "page explorer: the register",
        (CLERK,),
        lambda ctx: reverse("wagtailadmin_explore", args=[ctx.directive.get_parent().pk]),
    ),
    Screen(
        "page editor: directive",
        (CLERK, ADMIN),
        lambda ctx: reverse("wagtailadmin_pages:edit", args=[ctx.directive.pk]),
    ),
    Screen(
        "page history",
        (CLERK, ADMIN),
        lambda ctx: reverse("wagtailadmin_pages:history", args=[ctx.directive.pk]),
    ),
    Screen(
        "page workflow history",
        (CLERK, ADMIN),
        lambda ctx: reverse("wagtailadmin_pages:workflow_history", args=[ctx.directive.pk]),
    ),
    Screen(
        "page revisions compare",
        (CLERK, ADMIN),
        lambda ctx: reverse(
            "wagtailadmin_pages:revisions_compare", args=[ctx.directive.pk, *ctx.page_revisions()]
        ),
    ),
    Screen(
        "page search",
        (HEAD, CLERK, ADMIN),
        fixed("/admin/pages/search/?q=" + quote("mạng xã hội")),
    ),
    Screen("reports: listing", (HEAD, REVIEWER, LEADER, ADMIN), named(f"{SNIPPET}:list")),
    Screen(
        "reports: listing, searched",
        (HEAD, REVIEWER),
        lambda ctx: reverse(f"{SNIPPET}:list") + "?q=Ia",
    ),
    Screen(
        "report editor",
        (HEAD,),
        lambda ctx: reverse(f"{SNIPPET}:edit", args=[ctx.report("xa-ia-ba").pk]),
    ),
    Screen(
        "report editor: submitted",
        (HEAD,),
        lambda ctx: reverse(f"{SNIPPET}:edit", args=[ctx.submitted_own_report().pk]),
    ),
    Screen(
        "report history",
        (HEAD,),
        lambda ctx: reverse(f"{SNIPPET}:history", args=[ctx.submitted_own_report().pk]),
    ),
    Screen(
        "report workflow history",
        (HEAD,),
        lambda ctx: reverse(f"{SNIPPET}:workflow_history", args=[ctx.submitted_own_report().pk]),
    ),
    Screen("report revisions compare", (HEAD,), _report_compare),
    Screen(
        "report inspect",
        (REVIEWER, LEADER),
        lambda ctx: reverse(f"{SNIPPET}:inspect", args=[ctx.report("xa-ia-to").pk]),
    ),
    Screen(
        "report history: returned",
        (RETURNED_HEAD,),
        lambda ctx: reverse(f"{SNIPPET}:history", args=[ctx.report("xa-ia-o").pk]),
    ),
    Screen(
        "report workflow history: returned",
        (RETURNED_HEAD,),
        lambda ctx: reverse(f"{SNIPPET}:workflow_history", args=[ctx.report("xa-ia-o").pk]),
    ),
    Screen(
        "review screen",
        (REVIEWER,),
        lambda ctx: reverse("directives_review_report", args=[ctx.report("xa-ia-to").pk]),
    ),
    Screen("progress dashboard", (LEADER,), named("directives_progress")),
    Screen("letter importer", (CLERK,), named("directives_import")),
    Screen("incident report form", (HEAD, REVIEWER), fixed("/admin/gui-phan-anh/")),
    Screen("incident statistics", (LEADER,), named("conduct_statistics:index")),
    Screen("code of conduct acknowledgements", (LEADER,), named("conduct_coverage:index")),
    Screen("incident reports", (ADMIN,), named("wagtailsnippets_conduct_app_incidentreport:list")),
    Screen("units", (ADMIN,), named("wagtailsnippets_directives_app_unit:list")),
    Screen("site history", (*STAFF, ADMIN), named("wagtailadmin_reports:site_history")),
    Screen("workflows report", (HEAD, CLERK, ADMIN), named("wagtailadmin_reports:workflow")),
    Screen(
        "workflow tasks report", (HEAD, CLERK, ADMIN), named("wagtailadmin_reports:workflow_tasks")
    ),
    Screen("locked pages report", (ADMIN,), named("wagtailadmin_reports:locked_pages")),
    Screen("aging pages report", (ADMIN,), named("wagtailadmin_reports:aging_pages")),
    Screen("page types usage", (ADMIN,), named("wagtailadmin_reports:page_types_usage")),
    Screen("workflows", (ADMIN,), named("wagtailadmin_workflows:index")),
    Screen("workflow tasks", (ADMIN,), named("wagtailadmin_workflows:task_index")),
    Screen("images", (HEAD, ADMIN), named("wagtailimages:index")),
    Screen("images: upload", (ADMIN,), named("wagtailimages:add_multiple")),
    Screen("documents", (CLERK, ADMIN), named("wagtaildocs:index")),
    Screen("documents: upload", (CLERK, ADMIN), named("wagtaildocs:add_multiple")),
    Screen("collections", (ADMIN,), named("wagtailadmin_collections:index")),
    Screen("users", (ADMIN,), named("wagtailusers_users:index")),
    Screen(
        "user editor",
        (ADMIN,),
        lambda ctx: reverse(
            "wagtailusers_users:edit", args=[get_user_model().objects.get(username=CLERK).pk]
        ),
    ),
    Screen("groups", (ADMIN,), named("wagtailusers_groups:index")),
    Screen(
        "group editor",
        (ADMIN,),
        lambda ctx: reverse(
            "wagtailusers_groups:edit",
            args=[get_user_model().objects.get(username=CLERK).groups.get().pk],
        ),
    ),
    Screen("redirects", (ADMIN,), named("wagtailredirects:index")),
]

CASES = [
    pytest.param(screen, user, id=f"{screen.name} [{user or 'anonymous'}]")
    for screen in SCREENS
    for user in screen.users
]


@pytest.mark.parametrize(("screen", "user"), CASES)
def test_screen_has_no_english(screen: Screen, user: str | None, client_for) -> None:
    ctx = Context(client_for)
    url = screen.url(ctx)
    client = client_for(user) if user else Client()
    response = client.get(url)
    assert response.status_code == 200, f"{screen.name} as {user}: {url} → {response.status_code}"
    html = response.content.decode()
    assert '<html lang="vi"' in html or 'lang="vi"' in html[:500], f"{url}: not lang=vi"
    found = findings(visible_texts(html))
    assert not found, f"English on “{screen.name}” ({url}) as {user or 'anonymous'}:\n" + "\n".join(
        f"  {finding}" for finding in found
    )


def english_on(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, f"{url} → {response.status_code}"
    return [f"{url}: {finding}" for finding in findings(visible_texts(response.content.decode()))]


def test_every_snippet_listing_and_editor_as_administrator(client_for) -> None:
    """Beyond the screens above: each snippet type the administrator manages (units,
    memberships, incident reports, channels, categories…), its listing and an editor."""
    from wagtail.snippets.models import get_snippet_models

    client = client_for(ADMIN)
    found, seen = [], 0
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        found += english_on(client, reverse(viewset.get_url_name("list")))
        instance = model.objects.first()
        if instance is not None:
            found += english_on(client, reverse(viewset.get_url_name("edit"), args=[instance.pk]))
            seen += 1
    assert seen >= 6, seen
    assert not found, "\n".join(found)


def test_every_page_type_editor_as_administrator(client_for) -> None:
    from wagtail.models import Page

    client = client_for(ADMIN)
    found, types = [], set()
    for page in Page.objects.filter(depth__gt=1).specific():
        if type(page) in types:
            continue
        types.add(type(page))
        found += english_on(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert len(types) >= 8, types
    assert not found, "\n".join(found)


# -- Vietnamese by default, English on request ------------------------------------------


def account_form_data(html: str) -> dict[str, str]:
    """What a browser would post from the account settings page as it is (every panel)."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", attrs={"method": re.compile("^post$", re.IGNORECASE)})
    data: dict[str, str] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        kind = field.get("type", "")
        if not name or kind in ("file", "submit", "button"):
            continue
        if field.name == "select":
            option = field.find("option", selected=True) or field.find("option")
            data[name] = option.get("value", "") if option else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def menu_labels(html: str) -> list[str]:
    props = BeautifulSoup(html, "html.parser").find("script", id="wagtail-sidebar-props")
    return sidebar_labels(json.loads(props.string))


def set_preferred_language(client: Client, language: str):
    page = client.get(reverse("wagtailadmin_account"))
    data = account_form_data(page.content.decode())
    assert "locale-preferred_language" in data, "no language choice in the account settings"
    data["locale-preferred_language"] = language
    return client.post(reverse("wagtailadmin_account"), data, follow=True)


def test_vietnamese_by_default_english_on_request(client_for) -> None:
    from wagtail.users.models import UserProfile

    head = get_user_model().objects.get(username=HEAD)
    assert not UserProfile.objects.filter(user=head).exclude(preferred_language="").exists()
    client = client_for(HEAD)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="vi"' in dashboard and "Trang tổng quan" in dashboard

    account = client.get(reverse("wagtailadmin_account")).content.decode()
    choices = BeautifulSoup(account, "html.parser").find(
        "select", attrs={"name": "locale-preferred_language"}
    )
    assert {option["value"] for option in choices.find_all("option")} >= {"vi", "en"}

    response = set_preferred_language(client, "en")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()  # the page after saving
    assert UserProfile.get_for_user(head).preferred_language == "en"

    english = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in english and "Dashboard" in english
    assert "Trang tổng quan" not in english
    # The project's own strings (Vietnamese in the code) come from locale/en: the menu.
    menu = menu_labels(english)
    assert "Compliance reports" in menu and "Báo cáo kết quả" not in menu, menu

    # Another user keeps Vietnamese.
    other = client_for(REVIEWER).get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="vi"' in other and "Trang tổng quan" in other

    # And back.
    set_preferred_language(client, "vi")
    again = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="vi"' in again and "Trang tổng quan" in again


def test_login_page_without_a_user_is_vietnamese(db) -> None:
    html = Client().get(reverse("wagtailadmin_login")).content.decode()
    assert '<html lang="vi"' in html
    assert "Đăng nhập" in html and "Mật khẩu" in html
