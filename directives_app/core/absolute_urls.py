"""Absolute addresses of public pages and files, from one configured place: the root URL
of the Wagtail Site (Settings → Sites: host name and port), never from the Host header
a request came with. A request for an unknown host is answered by the default Site, so
a forged Host cannot put its name into share cards, canonical links, feeds or e-mails.

The lowest layer holds it because both apps' feeds and e-mails and the site's pages need
it (as with `vietnamese`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site


def site_root_url(request: HttpRequest | None = None) -> str:
    """ "scheme://host[:port]" of the request's Site (the default Site without a request)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        root = site.root_url
    else:
        root = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost"
    parts = urlsplit(root)
    return f"{parts.scheme}://{parts.netloc}"


def absolute_url(url: str, request: HttpRequest | None = None) -> str:
    """`url` as is when it is already absolute (a storage such as S3 gives full URLs),
    otherwise joined to the Site's root URL."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{urlsplit(site_root_url(request)).scheme}:{url}"
    return site_root_url(request) + ("" if url.startswith("/") else "/") + url
