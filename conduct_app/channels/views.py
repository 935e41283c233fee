"""The public registry of official channels (/kenh-chinh-thuc/) and its "check a link"."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from conduct_app.models import (
    Category,
    IncidentReportPage,
    OfficialChannel,
    OfficialChannelIndexPage,
)
from directives_app.core.routing import page_view

from .links import normalise_url


@page_view("channels.listing")
def channel_context(page: OfficialChannelIndexPage, request: HttpRequest) -> dict:
    """The registry grouped by unit, and the result of checking `?url=`."""
    channels = list(OfficialChannel.objects.active().select_related("unit"))
    groups: dict[int, dict] = {}
    for channel in channels:
        groups.setdefault(channel.unit_id, {"unit": channel.unit, "channels": []})
        groups[channel.unit_id]["channels"].append(channel)
    context = {
        "channel_groups": list(groups.values()),
        "checked_url": "",
        "check_error": "",
        "match": None,
        "report_url": "",
    }
    url = request.GET.get("url", "").strip()[:1000]
    if not url:
        return context
    context["checked_url"] = url
    try:
        key = normalise_url(url)
    except ValueError:
        context["check_error"] = _("“%(url)s” không phải đường dẫn hợp lệ.") % {"url": url[:80]}
        return context
    context["match"] = next((c for c in channels if c.normalized_url == key), None)
    if context["match"] is None:
        report_page = IncidentReportPage.objects.live().first()
        if report_page is not None:
            query = urlencode({"url": url, "loai": Category.IMPERSONATION})
            context["report_url"] = f"{report_page.url}?{query}"
    return context
