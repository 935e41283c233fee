"""The status page of a file the task worker prepares (progress bar, then a download
link) and its download. Only the user who asked for it, or a superuser, sees either; for
anyone else the file does not exist (404)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from directives_app.compliance.private_files import file_response
from directives_app.models import PreparedFile

from .prepared_files import CONTENT_TYPES, EXTENSIONS

# Seconds between two reloads of the status page while the file is being prepared.
REFRESH_SECONDS = 2


def _prepared_for(request: HttpRequest, file_id) -> PreparedFile:
    prepared = PreparedFile.objects.filter(pk=file_id).first()
    if prepared is None or not (
        request.user.is_superuser or prepared.requested_by_id == request.user.pk
    ):
        raise Http404
    return prepared


def prepared_file_status(request: HttpRequest, file_id) -> HttpResponse:
    prepared = _prepared_for(request, file_id)
    response = TemplateResponse(
        request,
        "directives_app/prepared/status.html",
        {
            "page_title": _("Chuẩn bị tệp"),
            "prepared": prepared,
            "refresh_seconds": None if prepared.finished else REFRESH_SECONDS,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


def prepared_file_download(request: HttpRequest, file_id) -> HttpResponse:
    prepared = _prepared_for(request, file_id)
    if prepared.status != PreparedFile.Status.DONE or not prepared.file:
        raise Http404
    extension = EXTENSIONS[prepared.kind]
    return file_response(prepared.file, CONTENT_TYPES[extension], prepared.filename, inline=False)
