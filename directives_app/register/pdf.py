"""The official PDF of a directive, in the layout of Nghị định 30/2020/NĐ-CP (DESIGN.md §8).

The PDF is rendered from the structured page with WeasyPrint (template
``directives_app/pdf/directive.html``). A published revision is rendered once and the file
is kept (``DirectivePdf``): the text of an issued document must not change between two
downloads, and rendering takes a noticeable fraction of a second. Drafts are rendered on
demand for the admin preview only and never stored.

When the clerk has attached the digitally signed original (``signed_pdf``), ``/pdf/``
serves that file and ``/pdf/ban-dien-tu/`` the rendered text version.

Every official PDF of the project (this directive, the compliance receipt and progress
report of ``report_pdfs``, conduct_app's monthly report) is rendered by ``render_pdf`` and
sent by ``pdf_response`` below, from templates sharing ``pdf/official.css``,
``pdf/_header.html`` and ``pdf/_signature.html``.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from directives_app.core.symbols import DocType

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument

    from directives_app.models import DirectivePage, DirectivePdf

logger = logging.getLogger(__name__)

TEMPLATE = "directives_app/pdf/directive.html"
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "directives_app" / "pdf"

# Types that carry "Kính gửi" even when the clerk typed no recipients: the addressees of
# the tasks are then the recipients. A kế hoạch or quyết định addresses nobody by
# "Kính gửi"; its executing units are named in the text.
_ADDRESSED_TYPES = {DocType.CONG_VAN, DocType.TO_TRINH}


def _no_network_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every scheme but data:.

    The template references nothing external and fonts come from fontconfig, so any fetch
    would be a bug or text smuggled into a URL: refusing keeps rendering fast and offline.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, timeout=1)


def _issuer_lines(page: DirectivePage) -> list[str]:
    issuer = page.issuer
    return issuer.header_line_list or [issuer.name.upper()]


def _recipients(page: DirectivePage) -> list[str]:
    # Typed "Kính gửi" lines always print; derived ones only where the type has the field.
    if page.recipients_text.strip() or page.doc_type in _ADDRESSED_TYPES:
        return page.recipients
    return []


def _task_heading(heading: str) -> str:
    """ "Công an huyện" → "Công an huyện:" (the decree's numbered item ends with a colon)."""
    heading = heading.strip()
    return heading if heading.endswith((":", ".", ";")) else f"{heading}:"


def directive_context(page: DirectivePage) -> dict[str, Any]:
    """What the PDF template prints, prepared here so the template stays declarative."""
    return {
        "page": page,
        "issuer_lines": _issuer_lines(page),
        # A công văn carries its subject as "V/v …" under the number; other types print
        # their name and subject as a centred title.
        "show_title": page.doc_type != DocType.CONG_VAN,
        "subject_line": page.subject_line if page.doc_type == DocType.CONG_VAN else "",
        "urgency": page.get_urgency_display() if page.urgency else "",
        "recipients": _recipients(page),
        "tasks": [
            {
                "number": number,
                "heading": _task_heading(task.display_heading),
                "paragraphs": task.paragraphs,
            }
            for number, task in enumerate(page.task_list, start=1)
        ],
        # Without a number and date it is not an issued document: say so on the paper.
        "is_draft": not page.is_issued,
        # A fixed creation date (the issue date) instead of "now" makes the bytes depend on
        # the content only, so re-rendering a revision reproduces its sha256.
        "created": page.issued_on.isoformat() if page.issued_on else "",
    }


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


def render_directive_pdf(page: DirectivePage) -> bytes:
    """Render `page` (live or draft) to PDF bytes."""
    return render_pdf(TEMPLATE, directive_context(page))


def stored_pdf(page: DirectivePage) -> DirectivePdf:
    """The kept PDF of the page's live revision, rendered and saved on first use."""
    from directives_app.models import DirectivePdf

    revision = page.live_revision
    if revision is None:
        raise Http404("Văn bản chưa được ban hành.")
    existing = DirectivePdf.objects.filter(page=page, revision=revision).first()
    if existing is not None:
        return existing

    data = render_directive_pdf(page)
    record = DirectivePdf(page=page, revision=revision, sha256=hashlib.sha256(data).hexdigest())
    # The revision id in the name keeps files of successive revisions apart; the storage
    # adds a suffix if a name is ever taken.
    record.file.save(f"{page.pk}-r{revision.pk}-{page.pdf_filename}", ContentFile(data), save=False)
    try:
        # A savepoint: on PostgreSQL a failed INSERT would otherwise poison the request's
        # transaction.
        with transaction.atomic():
            record.save()
    except IntegrityError:
        # Another request rendered the same revision first (one_pdf_per_revision): keep
        # its file, drop ours.
        record.file.delete(save=False)
        return DirectivePdf.objects.get(page=page, revision=revision)
    return record


def _open_signed(page: DirectivePage, request: HttpRequest) -> tuple[AbstractDocument, Any] | None:
    """The attached signed original and an open handle on it, if this visitor may see it.

    A document in a collection with a view restriction (password, login, groups) is not
    handed out through the public page: the visitor gets the rendered text instead.
    """
    document = page.signed_pdf
    if document is None:
        return None
    for restriction in document.collection.get_view_restrictions():
        if not restriction.accept_request(request):
            return None
    try:
        return document, document.file.open("rb")
    except OSError:
        # The upload is gone from storage (restored backup, manual clean-up): the rendered
        # text is better than a server error.
        logger.warning("Signed PDF of page %s missing: %s", page.pk, document.file.name)
        return None


def _open_stored(page: DirectivePage) -> Any:
    record = stored_pdf(page)
    try:
        return record.file.open("rb")
    except OSError:
        # The kept file was lost: forget the row and render the revision again (the
        # output is deterministic, so the new file has the same sha256).
        logger.warning("Stored PDF of page %s missing: %s", page.pk, record.file.name)
        record.delete()
        return stored_pdf(page).file.open("rb")


# Downloads up to this size are answered from memory, so that the page cache keeps them
# like a page (a cached PDF then costs what a cached page costs); larger files (scanned
# signed originals) are streamed.
CACHEABLE_DOWNLOAD_BYTES = 1024 * 1024


def _download(handle: Any, filename: str, content_type: str) -> HttpResponseBase:
    if handle.size <= CACHEABLE_DOWNLOAD_BYTES:
        with handle:
            data = handle.read()
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        response["Content-Length"] = str(len(data))
        return response
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


def serve_directive_pdf(
    page: DirectivePage, request: HttpRequest, prefer_signed: bool
) -> HttpResponseBase:
    """The PDF download of a published directive: the signed original if attached and
    preferred, else the stored rendering of the live revision."""
    # The page route already 404s for unpublished pages; checking again keeps a direct
    # call (or a future route) from leaking a draft.
    if not page.live:
        raise Http404("Văn bản chưa được ban hành.")

    signed = _open_signed(page, request) if prefer_signed else None
    if signed is not None:
        document, handle = signed
        is_pdf = document.file_extension.lower() == "pdf"
        response = _download(
            handle,
            # Saved under the document's symbol like the rendered one, whatever the
            # clerk's upload was called.
            page.pdf_filename if is_pdf else document.filename,
            "application/pdf"
            if is_pdf
            else mimetypes.guess_type(document.filename)[0] or "application/octet-stream",
        )
    else:
        response = _download(_open_stored(page), page.pdf_filename, "application/pdf")
    # Uploaded files must never be sniffed into HTML by a browser.
    response["X-Content-Type-Options"] = "nosniff"
    return response
