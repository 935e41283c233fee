"""How many reports one address may file per hour (setting INCIDENT_REPORTS_PER_HOUR), and
how many status lookups that find nothing it may make (INCIDENT_LOOKUP_FAILURES_PER_HOUR).

The count lives in Django's cache (Redis in production, so every app server shares it),
keyed by the client's IP address. Behind a reverse proxy every request comes from the
proxy, so X-Forwarded-For is read only when TRUSTED_PROXY_COUNT says how many proxies in
front of the app append to it; otherwise a client could pick its own address.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600
DEFAULT_PER_HOUR = 5
DEFAULT_LOOKUPS_PER_HOUR = 20


def client_ip(request: HttpRequest) -> str:
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        # Each trusted proxy appended the address it saw: the client is `proxies` from the
        # right. Anything further left was written by the client itself.
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def lookups_per_hour() -> int:
    """Failed status lookups one address may make per hour (INCIDENT_LOOKUP_FAILURES_PER_HOUR):
    enough for typing mistakes, far too few to try codes."""
    return int(getattr(settings, "INCIDENT_LOOKUP_FAILURES_PER_HOUR", DEFAULT_LOOKUPS_PER_HOUR))


def limit_per_hour() -> int:
    return int(getattr(settings, "INCIDENT_REPORTS_PER_HOUR", DEFAULT_PER_HOUR))


def _key(request: HttpRequest, kind: str = "reports") -> str:
    # Hashed: the cache need not hold readable addresses.
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"conduct:{kind}-per-ip:{digest}"


def is_limited(request: HttpRequest) -> bool:
    """True when this address has already filed its allowance for the hour."""
    return (cache.get(_key(request)) or 0) >= limit_per_hour()


def lookups_limited(request: HttpRequest) -> bool:
    """True when this address has used up its failed lookups for the hour."""
    return (cache.get(_key(request, "failed-lookups")) or 0) >= lookups_per_hour()


def count_failed_lookup(request: HttpRequest) -> None:
    _count(_key(request, "failed-lookups"))


def count_report(request: HttpRequest) -> None:
    """Count one report (or one refused bot submission) against the address."""
    _count(_key(request))


def _count(key: str) -> None:
    # The window starts with the first report of the hour and is not extended after.
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, WINDOW_SECONDS)  # expired between add and incr
