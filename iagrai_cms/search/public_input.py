"""Guards for public input that no single view owns (DESIGN §9).

- `RefuseNulMiddleware`: a NUL byte in the path or a GET parameter is never meaningful, and
  PostgreSQL refuses it in any string ("A string literal cannot contain NUL"), which
  surfaced as a 500 in whichever filter received it. Answered 400 here, before any view.
- `IdConverter` (`<id:…>` in URLs): an object id of at most 18 digits, so every value it
  passes fits a 64-bit integer column; a longer one is simply no match (404).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import register_converter
from django.utils.translation import gettext as _


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("Yêu cầu không hợp lệ: địa chỉ có ký tự rỗng (NUL)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class IdConverter:
    """Like Django's `int`, bounded: 18 digits stay below 2**63 − 1 (PostgreSQL bigint)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
