"""Screenshots of reports are served only to users who may see the report (the permission
policy of IncidentReport); anyone else, signed in or not, gets 404 (DESIGN §9)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from conduct_app.models import Screenshot
from directives_app.compliance.private_files import file_response

from .permissions import INCIDENT_POLICY


def serve_screenshot(request: HttpRequest, screenshot_id: int) -> HttpResponse:
    screenshot = Screenshot.objects.select_related("report").filter(pk=screenshot_id).first()
    if screenshot is None or not INCIDENT_POLICY.user_has_permission_for_instance(
        request.user, "view", screenshot.report
    ):
        raise Http404
    # Re-encoded images only (screenshots.clean_screenshot), so inline display is safe.
    name = f"{screenshot.report.code}-{screenshot.pk}.{screenshot.file.name.rsplit('.', 1)[-1]}"
    return file_response(screenshot.file, screenshot.content_type, name, inline=True)
