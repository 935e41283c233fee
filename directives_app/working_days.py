"""Working days: Monday to Friday, less public holidays (PublicHoliday rows, e.g. Tết)."""

from __future__ import annotations

import datetime


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    from .models import PublicHoliday

    return set(
        PublicHoliday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    )


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` ("trong 10 ngày làm việc")."""
    # Generous window: holidays never exceed a few weeks a year.
    holidays = holidays_between(start, start + datetime.timedelta(days=days * 2 + 30))
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            remaining -= 1
    return current
