"""The Content-Security-Policy of the Wagtail admin (issue 12.8).

The public site needs no inline script, so its policy (settings.CONTENT_SECURITY_POLICY,
sent by django-csp) allows scripts from this origin only. Wagtail 8's admin still writes
inline scripts whose text varies per page (chooser widgets, inline panels), so hashes
cannot list them: each admin HTML response gets a fresh nonce on every <script> tag, and
'strict-dynamic' lets those trusted scripts run the scripts they create themselves (the
chooser modals' fragments). A script injected into the page by an attacker has no nonce
and does not run. Set here, the header is left alone by django-csp's middleware.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

HEADER = "Content-Security-Policy"
# A <script opening tag that carries no nonce yet.
SCRIPT_TAG = re.compile(rb"<script(?![^>]*\snonce=)(?=[\s>])", re.IGNORECASE)


def admin_policy(nonce: str) -> str:
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives["script-src"] = ["'self'", f"'nonce-{nonce}'", "'strict-dynamic'"]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class AdminScriptNonceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.path_info.startswith(reverse("wagtailadmin_home"))
            or getattr(response, "streaming", False)
            or HEADER in response
            # A file (evidence, export) is never rewritten, whatever its type says.
            or response.has_header("Content-Disposition")
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        nonce = secrets.token_urlsafe(18)
        response.content = SCRIPT_TAG.sub(f'<script nonce="{nonce}"'.encode(), response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        response[HEADER] = admin_policy(nonce)
        return response
