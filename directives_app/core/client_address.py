"""The client's IP address, for rate limits, login throttling and view counting.

Behind a reverse proxy every request comes from the proxy, so X-Forwarded-For is read only
when TRUSTED_PROXY_COUNT says how many proxies in front of the app append to it; otherwise
a client could pick its own address.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


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
