"""Whole-response cache for anonymous visitors of Wagtail pages.

Keys carry a generation number that every publish, unpublish, move or delete of a page,
and every change to the models in PAGE_CACHE_INVALIDATING_MODELS, increments: a change
is visible on the next request, on every server, without tracking which pages show what.
Each bump also purges the reverse proxy in front, if WAGTAILFRONTENDCACHE names one
(see docs/operations.md).
"""

from __future__ import annotations

import hashlib
import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# Models whose changes can show on public pages besides pages themselves.
PAGE_CACHE_INVALIDATING_MODELS = [
    "iagrai_cms.SiteSettings",
    "wagtailcore.Site",
    # Privacy set on a page (login, password, groups): its cached public copy must go.
    "wagtailcore.PageViewRestriction",
    # ...and on a collection: a signed original in it may be a cached download.
    "wagtailcore.CollectionViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "directives_app.Unit",
    "iagrai_cms.ArticleCategory",
    "conduct_app.OfficialChannel",
]
# Headers a replayed response must not carry over (per-visitor or recomputed).
_DROPPED_HEADERS = {"set-cookie", "x-page-cache"}
_GENERATION_KEY = "page-cache-generation"
# Fragments live until the generation moves on; an idle day drops them anyway.
FRAGMENT_SECONDS = 24 * 3600
FRAGMENT_SHORT_SECONDS = 300
logger = logging.getLogger(__name__)


def _shared_cache() -> bool:
    """With a shared cache (Redis) every server reads the generation from it; with a
    per-process cache (local memory) only the database is shared, so it is read there."""
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def _database_generation() -> int:
    from iagrai_cms.models import PageCacheGeneration

    # Read on every anonymous GET: plain SQL, because compiling the ORM query cost about
    # a tenth of a whole cache hit.
    quote = connection.ops.quote_name
    table = quote(PageCacheGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('value')} FROM {table} WHERE {quote('id')} = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def current_generation() -> int:
    if _shared_cache():
        value = cache.get(_GENERATION_KEY)
        if value is None:
            value = _database_generation()
            cache.set(_GENERATION_KEY, value, None)
        return value
    return _database_generation()


def request_generation(request: HttpRequest) -> int:
    """The generation for this request, read once (PageCacheMiddleware may have read it)."""
    if not hasattr(request, "page_cache_generation"):
        request.page_cache_generation = current_generation()
    return request.page_cache_generation


def fragment_cache(request: HttpRequest) -> dict:
    """What a public page's template gives `{% cache %}` for its costly fragments (news
    cards, an article's body, the share card's rendition): a version that is the page-cache
    generation, so a publish, unpublish, image or settings change replaces them at once, as
    it does whole pages. `short` is for what changes without a publish (most-read lists).
    A preview is never stored: a timeout of 0 stores nothing, and its key never matches."""
    if getattr(request, "is_preview", False):
        return {"seconds": 0, "short": 0, "version": "preview"}
    return {
        "seconds": FRAGMENT_SECONDS,
        "short": FRAGMENT_SHORT_SECONDS,
        # The language too: a member of staff who chose English sees English words.
        "version": f"{request_generation(request)}:{translation.get_language()}",
    }


def bump_generation(**kwargs) -> None:
    from iagrai_cms.models import PageCacheGeneration

    if not PageCacheGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        PageCacheGeneration.objects.get_or_create(pk=1, defaults={"value": 1})
    if _shared_cache():
        # After commit: a reader must never see the new number before the new content.
        transaction.on_commit(lambda: cache.set(_GENERATION_KEY, _database_generation(), None))
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(purge_frontend_cache)


def purge_frontend_cache() -> None:
    """Tell the reverse proxy (Wagtail's frontend-cache backends) that pages changed.

    Sent here, in the request, rather than through Wagtail's purge task: a publish must
    show through the proxy on the next request, not when a worker gets to it. The proxy
    drops every page on any purge (deploy/varnish/default.vcl), as a new generation does
    here, so one URL per site is enough."""
    from wagtail.contrib.frontend_cache.utils import get_backends
    from wagtail.models import Site

    urls = [f"{site.root_url}/" for site in Site.objects.all()]
    for backend in get_backends().values():
        for url in urls:
            try:
                backend.purge(url)
            except OSError:  # proxy down: its pages expire by themselves (TTL)
                logger.exception("Frontend cache purge of %s failed", url)


def connect_signals() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump_generation, dispatch_uid="page-cache-published")
    page_unpublished.connect(bump_generation, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(bump_generation, dispatch_uid="page-cache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="page-cache-deleted")
    for label in PAGE_CACHE_INVALIDATING_MODELS:
        model = apps.get_model(label)
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"page-cache-{label}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"page-cache-del-{label}")


def _page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump_generation()


class PageCacheMiddleware:
    """Serves cached copies of Wagtail-served pages to visitors without a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method != "GET"
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(("/admin/", "/django-admin/", "/api/"))
        ):
            return self.get_response(request)
        url = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        request_generation(request)  # site_chrome and the fragments read it too
        key = f"page:{request.page_cache_generation}:{url}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable(request, response):
            headers = {
                name: value
                for name, value in response.headers.items()
                if name.lower() not in _DROPPED_HEADERS
            }
            cache.set(key, (response.content, headers), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
        match = getattr(request, "resolver_match", None)
        return (
            match is not None
            and match.url_name == "wagtail_serve"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and not getattr(request, "is_preview", False)
        )
