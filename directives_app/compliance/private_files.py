"""Serving private files (evidence) only to users allowed to see their object (DESIGN §9).

Someone without access, an anonymous visitor or a guessed URL gets 404. In production the
file itself can be handed to the web server (PRIVATE_FILES_SERVER = "x-accel" with an
nginx `internal` location at PRIVATE_FILES_ACCEL_PREFIX) so Django never streams it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from directives_app.core.active_content import pdf_is_active
from directives_app.models import Evidence


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


def serve_evidence(request: HttpRequest, evidence_id: int, preview: bool = False) -> HttpResponse:
    from wagtail.permissions import policy_registry

    evidence = Evidence.objects.select_related("report").filter(pk=evidence_id).first()
    if evidence is None or not evidence.file:
        raise Http404
    policy = policy_registry.get_by_type(type(evidence.report))
    if not policy.user_has_permission_for_instance(request.user, "view", evidence.report):
        raise Http404
    if preview:
        # Only the re-encoded JPEG of a photo, or a PDF without active content, is ever
        # shown inline (sandboxed by file_response's Content-Security-Policy).
        if evidence.preview:
            return file_response(evidence.preview, "image/jpeg", "xem-truoc.jpg", inline=True)
        if evidence.is_pdf:
            # New uploads with scripts or actions are refused; one stored before that check
            # is still never opened inline (DESIGN §9): it is downloaded instead.
            try:
                with evidence.file.open("rb") as handle:
                    inline = not pdf_is_active(handle)
            except FileNotFoundError as error:
                raise Http404 from error
            return file_response(evidence.file, "application/pdf", evidence.file_name, inline)
        raise Http404
    return file_response(evidence.file, evidence.content_type, evidence.file_name, inline=False)
