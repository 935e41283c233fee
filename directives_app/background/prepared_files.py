"""Files the task worker prepares for one user: the dashboard's whole-table exports (CSV,
XLSX) and the PDF progress report of a directive.

A request only writes a `PreparedFile` row and enqueues `prepare_file`; the user
waits on a status page with a progress bar, and gets a download link there and by e-mail.
The worker streams the rows (`.iterator()`, write-only XLSX, a temporary file) so its
memory does not grow with the number of reports, writes the result to the private storage
under a name fixed by the row's id (a second run replaces, never adds, a file), and marks
the row done and queues the e-mail in one transaction (the e-mail's key is the row's id:
a run repeated after a crash sends nothing twice).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from directives_app.models import PreparedFile

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


Builder = Callable[[PreparedFile, BinaryIO], None]
_BUILDERS: dict[str, Builder] = {}


def register_builder(kind: str) -> Callable[[Builder], Builder]:
    """Register the function that writes files of `kind` (it is given the row and an open
    binary file). The concern that owns the content registers it; this module only runs it."""

    def register(builder: Builder) -> Builder:
        _BUILDERS[kind] = builder
        return builder

    return register


def builder_for(kind: str) -> Builder:
    try:
        return _BUILDERS[kind]
    except KeyError:
        raise ImproperlyConfigured(
            f"No builder is registered for prepared files of {kind!r}."
        ) from None


def request_file(user, kind: str, params: dict, title: str, filename: str) -> PreparedFile:
    """Record what the user asked for and enqueue its building, in one transaction."""
    with transaction.atomic():
        prepared = PreparedFile.objects.create(
            requested_by=user, kind=kind, params=params, title=title, filename=filename
        )
        prepare_file.enqueue(str(prepared.pk))
    prepared.refresh_from_db()  # the immediate backend has built it already
    return prepared


def status_url(prepared: PreparedFile) -> str:
    return reverse("directives_prepared_file", args=[prepared.pk])


@task()
def prepare_file(file_id: str) -> str:
    """The task: build one prepared file, by id (a repeated run replaces, never adds)."""
    return build_prepared_file(file_id)


def build_prepared_file(file_id: str) -> str:
    prepared = PreparedFile.objects.select_related("requested_by").filter(pk=file_id).first()
    if prepared is None or prepared.status == PreparedFile.Status.DONE:
        return "skipped"
    PreparedFile.objects.filter(pk=prepared.pk).update(
        status=PreparedFile.Status.RUNNING, attempts=prepared.attempts + 1, rows_done=0
    )
    try:
        with tempfile.TemporaryFile() as output:
            builder_for(prepared.kind)(prepared, output)
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


def counted(rows: Iterable, prepared: PreparedFile) -> Iterator:
    every = settings.EXPORT_PROGRESS_EVERY
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % every == 0:
            PreparedFile.objects.filter(pk=prepared.pk).update(rows_done=done)
