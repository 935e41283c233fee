"""Login throttling: django-axes' backend, tolerant of authentication without a request.

Every HTTP login (Wagtail's login form, Django's LoginView) passes the request, so axes
counts it. `authenticate()` without a request only happens in code (the test client's
`login()`, shell scripts): there is no client to count, so the check is skipped instead of
raising, and the next backend decides as usual.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class AxesBackend(AxesStandaloneBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request: HttpRequest) -> str | None:
    """The address axes counts and records (AXES_CLIENT_IP_CALLABLE): the public rate
    limit's rule behind the proxy, or None when the request carries no valid address (the
    test client's login, a shell): PostgreSQL's inet column refuses "unknown"."""
    from conduct_app.incidents.rate_limit import client_ip as rate_limit_client_ip

    address = rate_limit_client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The Vietnamese lockout page (429), in the admin's login layout."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_timedelta": cool_off,
        "cooloff_minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else None,
    }
    return render(
        request,
        "iagrai_cms/staff_security/lockout.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
