"""Serving evidence only to users allowed to see its report (DESIGN §9): someone without
access, an anonymous visitor or a guessed URL gets 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from directives_app.core.active_content import pdf_is_active
from directives_app.core.private_files import file_response
from directives_app.models import Evidence


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
