"""Public-facing URLs of directives_app that are not pages: private files behind a
permission check (anyone without access gets 404, never a login redirect that would
confirm the file exists)."""

from django.urls import path

from .compliance.private_files import serve_evidence

urlpatterns = [
    path("minh-chung/<id:evidence_id>/", serve_evidence, name="directives_evidence"),
    path(
        "minh-chung/<id:evidence_id>/xem/",
        serve_evidence,
        {"preview": True},
        name="directives_evidence_preview",
    ),
]
