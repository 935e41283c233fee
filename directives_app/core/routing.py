"""What a page's routes need from the view layer, without importing it.

A Wagtail page is a model and a view at once. Our pages keep their routes (Wagtail's
`RoutablePageMixin`) but not the view code: a route asks for a view by name and the view
layer registers the function under that name (`@page_view("register.pdf")`), so models
never import views. Each app's `AppConfig.ready` imports its view modules, which registers
every name before the first request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured

View = TypeVar("View", bound=Callable[..., Any])

_VIEWS: dict[str, Callable[..., Any]] = {}


def page_view(name: str) -> Callable[[View], View]:
    """Register the decorated function as the view a page route calls `name`."""

    def register(function: View) -> View:
        registered = _VIEWS.setdefault(name, function)
        if registered is not function and registered.__qualname__ != function.__qualname__:
            raise ImproperlyConfigured(f"Two page views are registered as {name!r}.")
        _VIEWS[name] = function
        return function

    return register


def page_view_for(name: str) -> Callable[..., Any]:
    """The view registered as `name`; a route calls it with (page, request, …)."""
    try:
        return _VIEWS[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No page view is registered as {name!r}: is its module imported in AppConfig.ready?"
        ) from None
