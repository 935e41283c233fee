"""Wagtail's spreadsheet export buttons (XLSX, CSV) labelled in Vietnamese, for the admin's
report views of every app."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.widgets import Button


class VietnameseExportMixin:
    """Wagtail's export buttons, labelled in Vietnamese."""

    @cached_property
    def header_more_buttons(self):
        return [
            Button(_("Tải XLSX"), url=self.xlsx_export_url, icon_name="download", priority=90),
            Button(_("Tải CSV"), url=self.csv_export_url, icon_name="download", priority=100),
        ]
