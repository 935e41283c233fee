"""Template helpers of the share cards (Open Graph, Twitter)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """`{% absolute_url rendition.url %}`: as is when the storage gives a full URL (S3),
    otherwise on the scheme and host of the request, as crawlers need."""
    if not url or url.startswith(("http://", "https://")):
        return url or ""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url
