"""Rendering official PDFs (Nghị định 30/2020 layout, DESIGN.md §8) with WeasyPrint.

Every official PDF of the project (a directive, the compliance receipt and progress report,
conduct_app's monthly report) is rendered by ``render_pdf`` and sent by ``pdf_response``,
from templates sharing ``directives_app/pdf/official.css``, ``pdf/_header.html`` and
``pdf/_signature.html``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "directives_app" / "pdf"


def _no_network_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every scheme but data:.

    The template references nothing external and fonts come from fontconfig, so any fetch
    would be a bug or text smuggled into a URL: refusing keeps rendering fast and offline.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, timeout=1)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render an official PDF template to PDF bytes: offline, with the fonts and page rules
    of official.css (fonts come from fontconfig, nothing is fetched)."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    # base_url only anchors relative URLs (there are none); the fetcher refuses file:.
    document = HTML(string=html, base_url=str(TEMPLATE_DIR), url_fetcher=_no_network_fetcher())
    return document.write_pdf()


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A PDF rendered for this request (not a kept file) as a download named `filename`."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Unit-scoped or leaders-only content: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response
