"""Template filters for Vietnamese text: {{ date|ngay_van_ban }} → "ngày 09 tháng 11 năm 2021"."""

import datetime

from django import template

from ..vietnamese import document_date

register = template.Library()


@register.filter
def ngay_van_ban(value: datetime.date | None, place: str = "") -> str:
    """Date line of an official document; `{{ d|ngay_van_ban:"Ia Grai" }}` adds the place."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return document_date(value, place)
