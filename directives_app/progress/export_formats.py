"""How the leaders' dashboard writes dates, times and lists in its CSV and XLSX exports
(ProgressDashboardView.custom_value_preprocess)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin, list_to_str


def _local_datetime(value: datetime.datetime) -> datetime.datetime:
    # Wagtail writes aware datetimes to XLSX in UTC; the district reads Vietnamese time.
    return timezone.localtime(value).replace(tzinfo=None)


def _csv_datetime(value: datetime.datetime) -> str:
    return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"


# The dashboard's export formats (ProgressDashboardView.custom_value_preprocess);
# datetime before date: a datetime is also a date, and the first match wins.
EXPORT_VALUE_FORMATS = {
    datetime.datetime: {
        SpreadsheetExportMixin.FORMAT_XLSX: _local_datetime,
        SpreadsheetExportMixin.FORMAT_CSV: _csv_datetime,
    },
    datetime.date: {
        SpreadsheetExportMixin.FORMAT_XLSX: None,
        SpreadsheetExportMixin.FORMAT_CSV: lambda value: f"{value:%d/%m/%Y}",
    },
    list: {
        SpreadsheetExportMixin.FORMAT_CSV: list_to_str,
        SpreadsheetExportMixin.FORMAT_XLSX: list_to_str,
    },
}
