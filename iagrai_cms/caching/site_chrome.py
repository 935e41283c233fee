"""What every public page needs and what almost never changes, kept per process: the Site
of a host name, its SiteSettings and the main menu.

Without it each uncached page spends three queries on them, the Site lookup's CASE query
alone costing about 2 ms of CPU to compile. Entries are tagged with the page-cache
generation (iagrai_cms.caching.page_cache), which every save or delete of a Site, SiteSettings or
page bumps, so an edit shows on the next request in every worker. The admin always reads
them fresh.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from .page_cache import request_generation

_memo: dict[tuple, tuple[int, Any]] = {}
_FRESH_PREFIXES = ("/admin/", "/django-admin/")


def clear() -> None:
    """Forget everything (tests roll back the generation with their transaction)."""
    _memo.clear()


def remembered(request: HttpRequest, key: tuple, compute: Callable[[], Any]) -> Any:
    generation = request_generation(request)
    hit = _memo.get(key)
    if hit is not None and hit[0] == generation:
        return hit[1]
    value = compute()
    _memo[key] = (generation, value)
    return value


def is_public(request: HttpRequest) -> bool:
    return not request.path.startswith(_FRESH_PREFIXES)


class SiteChromeMiddleware:
    """Sets the request's Site (Wagtail's `request._wagtail_site`) and SiteSettings from the
    per-process memo when a public URL is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Pages are read with GET; a POST (form, view beacon) may need none of this.
        if request.method in ("GET", "HEAD") and is_public(request):
            self._prime(request)
        return self.get_response(request)

    @staticmethod
    def _prime(request: HttpRequest) -> None:
        from iagrai_cms.models import SiteSettings

        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        key = ("site", hostname, port)
        site = remembered(request, key, lambda: Site._find_for_request(request))
        request._wagtail_site = site
        if site is None:
            return
        stored = remembered(request, ("settings", site.pk), lambda: SiteSettings.for_site(site))
        # A copy per request: Wagtail keeps the request on the instance for its page URLs.
        site_settings = copy.copy(stored)
        site_settings._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), site_settings)


def report_page(request: HttpRequest) -> dict:
    """{"url", "title"} of the live public report form (conduct_app), or empty values."""
    from conduct_app.models import IncidentReportPage

    def load() -> dict:
        page = IncidentReportPage.objects.live().public().only("id", "title", "url_path").first()
        return {"url": page.get_url(request) if page else "", "title": page.title if page else ""}

    if not is_public(request):
        return load()
    return remembered(request, ("report-page", getattr(request, "_wagtail_site", None)), load)


def main_menu(request: HttpRequest) -> list[Page]:
    """Live pages directly under the site's home marked "show in menus"."""
    site = Site.find_for_request(request)
    if site is None:
        return []

    def load() -> list[Page]:
        return list(site.root_page.get_children().live().in_menu().only("id", "title", "url_path"))

    if not is_public(request):
        return load()
    return remembered(request, ("menu", site.pk), load)
