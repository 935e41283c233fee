"""Working days on the Vietnamese calendar: Monday to Friday, less the public holidays the
`holidays` package knows for Vietnam (Tết, 30/4, 1/5, 2/9, Giỗ Tổ and their observed days)
and the extra days off a district records as PublicHoliday rows (e.g. a bridging day the
government moves each year)."""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _national(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Vietnam(years=year))


def days_off(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """Public holidays (not weekends) between start and end inclusive."""
    from directives_app.models import PublicHoliday

    off = set(
        PublicHoliday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    )
    for year in range(start.year, end.year + 1):
        off |= {day for day in _national(year) if start <= day <= end}
    return off


def is_working_day(day: datetime.date, off: set[datetime.date] | None = None) -> bool:
    if off is None:
        off = days_off(day, day)
    return day.weekday() < 5 and day not in off


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` ("trong 10 ngày làm việc")."""
    # A window wide enough for Tết plus weekends.
    off = days_off(start, start + datetime.timedelta(days=days * 2 + 30))
    current, remaining = start, days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current, off):
            remaining -= 1
    return current


def working_days_between(
    start: datetime.date, end: datetime.date, off: set[datetime.date] | None = None
) -> int:
    """Working days after `start` up to and including `end` (negative when end < start).
    Pass `off` (from days_off) when computing many spans, to query holidays once."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign > 0 else (end, start)
    if off is None:
        off = days_off(low, high)
    count = 0
    current = low
    while current < high:
        current += datetime.timedelta(days=1)
        if is_working_day(current, off):
            count += 1
    return sign * count
