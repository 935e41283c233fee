"""Files the task worker prepares for one user: the dashboard's whole-table exports (CSV,
XLSX) and the PDF progress report of a directive.

A request only writes a `PreparedFile` row and enqueues `tasks.prepare_file`; the user
waits on a status page with a progress bar, and gets a download link there and by e-mail.
The worker streams the rows (`.iterator()`, write-only XLSX, a temporary file) so its
memory does not grow with the number of reports, writes the result to the private storage
under a name fixed by the row's id (a second run replaces, never adds, a file), and marks
the row done and queues the e-mail in one transaction (the e-mail's key is the row's id:
a run repeated after a crash sends nothing twice).
"""

from __future__ import annotations

import datetime
import logging
import tempfile
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin, list_to_str

from .models import DirectivePage, PreparedFile
from .outbox import queue_email

logger = logging.getLogger(__name__)

EXTENSIONS = {
    PreparedFile.Kind.CSV: "csv",
    PreparedFile.Kind.XLSX: "xlsx",
    PreparedFile.Kind.PROGRESS_PDF: "pdf",
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


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


def request_file(user, kind: str, params: dict, title: str, filename: str) -> PreparedFile:
    """Record what the user asked for and enqueue its building, in one transaction."""
    from .tasks import prepare_file

    with transaction.atomic():
        prepared = PreparedFile.objects.create(
            requested_by=user, kind=kind, params=params, title=title, filename=filename
        )
        prepare_file.enqueue(str(prepared.pk))
    prepared.refresh_from_db()  # the immediate backend has built it already
    return prepared


def status_url(prepared: PreparedFile) -> str:
    return reverse("directives_prepared_file", args=[prepared.pk])


def build_prepared_file(file_id: str) -> str:
    prepared = PreparedFile.objects.select_related("requested_by").filter(pk=file_id).first()
    if prepared is None or prepared.status == PreparedFile.Status.DONE:
        return "skipped"
    PreparedFile.objects.filter(pk=prepared.pk).update(
        status=PreparedFile.Status.RUNNING, attempts=prepared.attempts + 1, rows_done=0
    )
    try:
        with tempfile.TemporaryFile() as output:
            if prepared.kind == PreparedFile.Kind.PROGRESS_PDF:
                _write_progress_pdf(prepared, output)
            else:
                _write_export(prepared, output)
            output.seek(0)
            _finish(prepared, output)
    except Exception as error:
        logger.exception("Prepared file %s failed", prepared.pk)
        PreparedFile.objects.filter(pk=prepared.pk).update(
            status=PreparedFile.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        return "failed"
    return "done"


def _finish(prepared: PreparedFile, output) -> None:
    name = f"tac-vu/{prepared.pk}.{EXTENSIONS[prepared.kind]}"
    with transaction.atomic():
        locked = PreparedFile.objects.select_for_update().get(pk=prepared.pk)
        if locked.status == PreparedFile.Status.DONE:
            return
        storage = locked.file.storage
        if storage.exists(name):
            storage.delete(name)  # a run that died after writing it
        locked.file.save(name.split("/", 1)[1], File(output), save=False)
        locked.status = PreparedFile.Status.DONE
        locked.finished_at = timezone.now()
        locked.rows_done = locked.rows_total
        locked.error = ""
        locked.save()
        user = locked.requested_by
        if user.email:
            queue_email(
                [user.email],
                f"Tệp đã sẵn sàng: {locked.title}",
                "Tệp anh/chị yêu cầu trên Cổng thông tin điện tử đã chuẩn bị xong:\n"
                f"{locked.title}\n\nTải về (cần đăng nhập):\n"
                f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{status_url(locked)}\n",
                key=f"prepared-file:{locked.pk}",
            )


def _counted(rows: Iterable, prepared: PreparedFile) -> Iterator:
    every = settings.EXPORT_PROGRESS_EVERY
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % every == 0:
            PreparedFile.objects.filter(pk=prepared.pk).update(rows_done=done)


def _write_export(prepared: PreparedFile, output) -> None:
    from .progress_dashboard import ProgressDashboardView, can_view_progress

    user = prepared.requested_by
    if not can_view_progress(user):
        raise PermissionError("Người yêu cầu không còn quyền xem tiến độ.")
    # The dashboard's own filters and formatting: the same view, on the stored query string.
    request = RequestFactory().get(reverse("directives_progress"), prepared.params)
    request.user = user
    view = ProgressDashboardView()
    view.setup(request)
    queryset = view.get_queryset()
    total = queryset.count()
    PreparedFile.objects.filter(pk=prepared.pk).update(rows_total=total)
    prepared.rows_total = total
    rows = _counted(view.export_rows(queryset), prepared)
    if prepared.kind == PreparedFile.Kind.CSV:
        for chunk in view.stream_csv(rows):
            output.write(chunk)
    else:
        view.write_xlsx(rows, output)


def _write_progress_pdf(prepared: PreparedFile, output) -> None:
    from .progress_dashboard import can_view_progress
    from .report_pdfs import render_progress_report_pdf

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
