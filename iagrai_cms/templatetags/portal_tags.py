"""The portal's name for the admin's branding (login, titles, dashboard): the site name
(settings.WAGTAIL_SITE_NAME) and the body that runs it (site settings), never a
hard-coded place."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_name(context: template.Context) -> str:
    """ "Cổng thông tin điện tử Ủy ban nhân dân huyện …" for the request's site."""
    from iagrai_cms.models import SiteSettings

    site_name = getattr(settings, "WAGTAIL_SITE_NAME", "")
    request = context.get("request")
    body = SiteSettings.for_request(request).body_name if request is not None else ""
    return " ".join(part for part in (site_name, body) if part)


@register.simple_tag
def site_name() -> str:
    return getattr(settings, "WAGTAIL_SITE_NAME", "")
