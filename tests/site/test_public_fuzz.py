"""Hostile input on every public URL and parameter (issue 12, DESIGN §9): 0 answers ≥ 500.

The URLs come from the URL resolver (every pattern outside the admin, its converters
filled with hostile path segments) and from the Wagtail page tree (one live page of each
type, with every route of a routable page). Each public GET parameter a view reads is sent
every hostile value (the API's one at a time), and pages get them as POSTs too. Runs on
SQLite and on PostgreSQL (DATABASE_URL), where NUL bytes and 64-bit overflows differ.
Four tests, so that `-n 2` spreads them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

# Already percent-encoded: invalid UTF-8 must reach the server as bytes, not as "%25ff".
RAW_VALUES = ["%ff%fe", "%c3%28"]
VALUES = [
    "x" * 5000,
    "\x00",
    '"abc',
    "'\\%_",
    'a OR b AND NEAR(c d) ^e -f g* "h',
    "(",
    "99999999999999999999999",
    "9223372036854775808",
    "-1",
    "1e309",
    "abc",
    "１２３",  # full-width digits: int() accepts them
    "\u202e\u200b🙂",
    "<script>alert(1)</script>",
]
HOSTILE = [quote(value, safe="") for value in VALUES] + RAW_VALUES
# Path segments for <int:…>, <id:…>, <slug:…>, <str:…>, <path:…> in the resolver's patterns.
HOSTILE_SEGMENTS = [
    "1",
    "0",
    "-1",
    "99999999999999999999999",
    "9223372036854775808",
    "abc",
    "%00",
    "%ff%fe",
    "%22",
    "x" * 300,
]

# Parameters each public view reads (the views' request.GET.get calls and forms).
REGISTER_PARAMS = ["q", "nam", "loai", "co_quan", "don_vi", "trang"]
LISTING_PARAMS = ["trang"]
API_LISTING_PARAMS = ["search", "search_operator", "offset", "limit", "fields", "order", "id"]
API_PARAMS = [
    "search",
    "search_operator",
    "offset",
    "limit",
    "fields",
    "order",
    "type",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "locale",
    "html_path",
    "id",
    "title",
    "slug",
    "tags",
    "show_in_menus",
]
REPORT_POST_FIELDS = [
    "urls",
    "platform",
    "category",
    "impersonated",
    "description",
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "confidential",
    "reporting_unit",
]
PAGE_PARAMS = {
    "DirectiveIndexPage": REGISTER_PARAMS,
    "NewsIndexPage": LISTING_PARAMS,
    "CommuneNewsIndexPage": LISTING_PARAMS,
    "IncidentReportPage": ["url", "loai", "ma", "moi"],
    "OfficialChannelIndexPage": ["url"],
}
# Every parameter is also sent to every URL: a view may read one we did not list.
COMMON_PARAMS = ["q", "trang"]

ADMIN_PREFIXES = ("admin/",)
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")


def _resolver_routes(patterns, prefix: str = "") -> list[tuple[str, str]]:
    """(route with converters, name) of every pattern outside the admin and the page tree."""
    routes = []
    for entry in patterns:
        # Regex patterns (the API's): anchors dropped, named groups written as converters.
        own = REGEX_GROUP.sub(r"<\1>", str(entry.pattern).lstrip("^").rstrip("$"))
        route = prefix + own
        if route.startswith(ADMIN_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            routes += _resolver_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            routes.append((route, entry.name or ""))
    return routes


def _fill(route: str, segment: str) -> str:
    return "/" + CONVERTER.sub(segment, route)


def _resolver_urls() -> tuple[list[str], list[str], set[str]]:
    """(URLs without path arguments, URLs with hostile path arguments, pattern names)."""
    plain, filled, names = [], [], set()
    for route, name in _resolver_routes(get_resolver().url_patterns):
        names.add(name)
        if "(" in route:  # Wagtail's catch-all serve: the page tree is walked below
            continue
        if CONVERTER.search(route):
            filled += [_fill(route, segment) for segment in HOSTILE_SEGMENTS]
        else:
            plain.append("/" + route)
    return plain, filled, names


def _page_urls() -> tuple[list[tuple[str, list[str], bool, bool]], list[str]]:
    """(url, parameters, takes POST, is a sub-route) of one live public page of each type
    and each of its routes; and the routes with path arguments, filled with hostile
    segments."""
    seen, found, filled = set(), [], []
    for page in Page.objects.live().public().specific().order_by("depth", "path"):
        kind = type(page).__name__
        if kind in seen or page.url is None:  # the tree's root belongs to no site
            continue
        seen.add(kind)
        params = PAGE_PARAMS.get(kind, [])
        found.append((page.url, params, kind == "IncidentReportPage", False))
        resolver = getattr(page, "get_resolver", None)
        if resolver is None:
            continue
        for route, _name in _resolver_routes(resolver().url_patterns):
            if not route:
                continue
            if CONVERTER.search(route):
                filled += [page.url + CONVERTER.sub(s, route) for s in HOSTILE_SEGMENTS]
            else:
                found.append((page.url + route, params, False, True))
    return found, filled


def _real_slug_urls() -> list[str]:
    """The category and tag routes with slugs that exist, so their listings are reached."""
    from taggit.models import Tag

    from iagrai_cms.models import ArticleCategory, NewsIndexPage

    index = NewsIndexPage.objects.live().first()
    urls = [f"{index.url}chuyen-muc/{category.slug}/" for category in ArticleCategory.objects.all()]
    tag = Tag.objects.first()
    if tag is not None:
        urls.append(f"{index.url}the/{tag.slug}/")
    return urls


def _check(client: Client, method: str, url: str, data=None, failures=None) -> None:
    response = (
        getattr(client, method)(url, data) if data is not None else (getattr(client, method)(url))
    )
    if response.status_code >= 500:
        failures.append(f"{response.status_code} {method.upper()} {url[:200]}")


def _get_each_value(client: Client, targets: list[tuple[str, list[str]]]) -> list[str]:
    """GET each URL, then once per hostile value with all its parameters set to it."""
    failures: list[str] = []
    for url, params in targets:
        separator = "&" if "?" in url else "?"
        _check(client, "get", url, failures=failures)
        # A URL that reads no parameter (a feed, a PDF) only has to ignore a stray one.
        values = HOSTILE if params else HOSTILE[:2]
        for value in values:
            query = "&".join(f"{name}={value}" for name in dict.fromkeys(params or ["x"]))
            _check(client, "get", f"{url}{separator}{query}", failures=failures)
    return failures


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_hostile_path_arguments(client):
    plain_urls, filled_urls, names = _resolver_urls()
    # The walk reaches what the site serves outside the page tree.
    assert {"search", "article_view", "sitemap", "directives_evidence"} <= names
    assert {"/api/v2/pages/", "/tim-kiem/", "/sitemap.xml"} <= set(plain_urls)
    _pages, filled_pages = _page_urls()
    assert len(filled_urls) >= 8 * len(HOSTILE_SEGMENTS)
    failures: list[str] = []
    for url in filled_urls + filled_pages:
        _check(client, "get", url, failures=failures)
        _check(client, "post", url, failures=failures)
    assert failures == []


@pytest.mark.django_db
def test_hostile_parameters_on_pages_and_site_urls(client):
    """Views read their parameters independently, so all of them take each value at once."""
    plain_urls, _filled, _names = _resolver_urls()
    pages, _filled_pages = _page_urls()
    assert len(pages) >= 12, [url for url, *_rest in pages]
    targets = [(url, COMMON_PARAMS) for url in plain_urls if not url.startswith("/api/")]
    # Pages get their own parameters and the common ones; their routes (feeds, PDF,
    # progress, lookup) the parent page's only.
    targets += [
        (url, params if route else params + COMMON_PARAMS) for url, params, _post, route in pages
    ]
    targets += [(url, LISTING_PARAMS) for url in _real_slug_urls()]
    assert _get_each_value(client, targets) == []


@pytest.mark.django_db
def test_hostile_parameters_on_the_api(client):
    """The API answers 400 at its first bad parameter: each one gets the values alone."""
    targets = [("/api/v2/pages/", [name]) for name in API_PARAMS]
    targets += [
        (f"/api/v2/{endpoint}/", [name])
        for endpoint in ("images", "documents")
        for name in API_LISTING_PARAMS
    ]
    targets += [("/api/v2/pages/find/", ["html_path"])]
    assert _get_each_value(client, targets) == []


@pytest.mark.django_db
def test_hostile_posts(client):
    """Every page takes POST (Wagtail serves it like GET); the report form reads its fields."""
    pages, _filled = _page_urls()
    failures: list[str] = []
    for url, params, takes_post, _route in pages:
        fields = REPORT_POST_FIELDS if takes_post else params or COMMON_PARAMS
        for value in VALUES if takes_post else VALUES[:4]:
            _check(client, "post", url, {name: value for name in fields}, failures=failures)
    assert failures == []
