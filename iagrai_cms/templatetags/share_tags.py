"""Template helpers of the share cards (Open Graph, Twitter)."""

from __future__ import annotations

from django import template

from directives_app.core.absolute_urls import absolute_url as site_absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """`{% absolute_url rendition.url %}`: as is when the storage gives a full URL (S3),
    otherwise on the Site's root URL (never the request's Host header)."""
    return site_absolute_url(url, context.get("request"))
