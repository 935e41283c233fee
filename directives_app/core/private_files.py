"""Sending a private file (evidence, report screenshots, prepared files) once the caller
has checked that the user may see its object (DESIGN §9).

In production the file itself can be handed to the web server (PRIVATE_FILES_SERVER =
"x-accel" with an nginx `internal` location at PRIVATE_FILES_ACCEL_PREFIX) so Django never
streams it. Every response is a download or a sandboxed inline view, never cached.
"""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def file_response(field_file, content_type: str, filename: str, inline: bool) -> HttpResponse:
    if getattr(settings, "PRIVATE_FILES_SERVER", "django") == "x-accel":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.PRIVATE_FILES_ACCEL_PREFIX + field_file.name
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
