"""Two-factor sign-in (TOTP, django-otp) for the staff who must have it.

Who must: superusers and members of settings.STAFF_TWO_FACTOR_GROUPS, while
settings.STAFF_TWO_FACTOR_REQUIRED is on. Anyone else who has set up a device is asked for
a code too (a device is never optional once confirmed). Until the code is given, the
password alone opens only the set-up or code screens of the admin; everywhere else
(private files, the public site) the session counts as anonymous.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

VERIFY_URL_NAME = "staff_two_factor_verify"
SETUP_URL_NAME = "staff_two_factor_setup"
# Admin screens a signed-in user reaches before giving a code: the code and set-up screens,
# signing in and out, and the static helpers those pages load.
OPEN_URL_NAMES = frozenset(
    {
        VERIFY_URL_NAME,
        SETUP_URL_NAME,
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)


def is_enforced() -> bool:
    return bool(getattr(settings, "STAFF_TWO_FACTOR_REQUIRED", False))


def must_use_two_factor(user) -> bool:
    """True for the staff who must set up a device before they use the admin."""
    if not user.is_authenticated or not is_enforced():
        return False
    if user.is_superuser:
        return True
    groups = getattr(settings, "STAFF_TWO_FACTOR_GROUPS", [])
    return user.groups.filter(name__in=groups).exists()


def has_confirmed_device(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def needs_code(user) -> bool:
    """Signed in with the password but not yet with a code, and a code is due."""
    if not user.is_authenticated or not is_enforced() or user.is_verified():
        return False
    return has_confirmed_device(user) or must_use_two_factor(user)


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: keeps an unverified session out of the admin."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only a request that carries a session can be signed in: public visitors without
        # one never touch the session here (no "Vary: Cookie" on cached public pages).
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_session and is_enforced() and needs_code(request.user):
            admin_prefix = reverse("wagtailadmin_home")
            if not request.path_info.startswith(admin_prefix):
                # Not the admin: the password alone grants nothing here (private files).
                request.user = AnonymousUser()
            elif _url_name(request) not in OPEN_URL_NAMES:
                target = VERIFY_URL_NAME if has_confirmed_device(request.user) else SETUP_URL_NAME
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse(target)}?{query}")
        return self.get_response(request)


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None
