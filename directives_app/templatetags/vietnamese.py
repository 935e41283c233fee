"""Template filters for Vietnamese text: {{ date|ngay_van_ban }} → "ngày 09 tháng 11 năm 2021"."""

import datetime

from django import template

from directives_app.core.vietnamese import document_date

register = template.Library()


@register.filter
def ngay_van_ban(value: datetime.date | None, place: str = "") -> str:
    """Date line of an official document; `{{ d|ngay_van_ban:"Ia Grai" }}` adds the place."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return document_date(value, place)


@register.filter
def due_date(task, issued_on: datetime.date | None) -> datetime.date | None:
    """{{ task|due_date:page.issued_on }}: the task's deadline, working days resolved."""
    return task.due_date(issued_on)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None
