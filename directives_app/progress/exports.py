"""The files the leaders' dashboard prepares on the task worker (background.prepared_files):
the whole table as CSV or XLSX, and the PDF progress report of a directive."""

from __future__ import annotations

from typing import BinaryIO

from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse

from directives_app.background.prepared_files import counted, register_builder
from directives_app.compliance.permissions import can_view_progress
from directives_app.models import DirectivePage, PreparedFile

from .dashboard import ProgressDashboardView
from .report_pdfs import render_progress_report_pdf


@register_builder(PreparedFile.Kind.CSV)
@register_builder(PreparedFile.Kind.XLSX)
def write_export(prepared: PreparedFile, output: BinaryIO) -> None:
    """The dashboard's whole table, with its filters and formatting: the same view, run on
    the stored query string."""
    user = prepared.requested_by
    if not can_view_progress(user):
        raise PermissionError("Người yêu cầu không còn quyền xem tiến độ.")
    request = RequestFactory().get(reverse("directives_progress"), prepared.params)
    request.user = user
    view = ProgressDashboardView()
    view.setup(request)
    queryset = view.get_queryset()
    total = queryset.count()
    PreparedFile.objects.filter(pk=prepared.pk).update(rows_total=total)
    prepared.rows_total = total
    rows = counted(view.export_rows(queryset), prepared)
    if prepared.kind == PreparedFile.Kind.CSV:
        for chunk in view.stream_csv(rows):
            output.write(chunk)
    else:
        view.write_xlsx(rows, output)


@register_builder(PreparedFile.Kind.PROGRESS_PDF)
def write_progress_pdf(prepared: PreparedFile, output: BinaryIO) -> None:
    if not can_view_progress(prepared.requested_by):
        raise PermissionError("Người yêu cầu không còn quyền xem tiến độ.")
    directive = (
        DirectivePage.objects.live()
        .filter(pk=prepared.params["directive_id"], requires_reports=True)
        .select_related("issuer")
        .get()
    )
    PreparedFile.objects.filter(pk=prepared.pk).update(rows_total=1)
    output.write(ContentFile(render_progress_report_pdf(directive)).read())
