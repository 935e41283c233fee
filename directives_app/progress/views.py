"""The public progress page of a directive (/van-ban/<slug>/tien-do/)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from directives_app.core.routing import page_view
from directives_app.models import DirectivePage

from .status import STATUS_LABELS, directive_progress

PUBLIC_TEMPLATE = "directives_app/progress/public.html"


@page_view("progress.public")
def serve_progress(page: DirectivePage, request: HttpRequest) -> HttpResponse:
    """The public progress page: share of units accepted and each unit's status and dates.
    Deliberately no evidence and no reviewer comments: those stay in the admin."""
    if not page.requires_reports:
        raise Http404("Văn bản này không yêu cầu báo cáo kết quả.")
    response = page.render(
        request,
        template=PUBLIC_TEMPLATE,
        context_overrides={"progress": directive_progress(page), "status_labels": STATUS_LABELS},
    )
    # Report statuses change without a page publish, so the page cache (which is only
    # invalidated by publishes) must not keep this page; "private" makes it skip it.
    patch_cache_control(response, private=True, no_cache=True)
    return response
