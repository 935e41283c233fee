"""PDFs about compliance reports, in the Nghị định 30/2020 layout of directives_app.register.pdf:

- the receipt (phiếu xác nhận) a unit downloads after submitting: directive, unit, time,
  submitter, and every submitted evidence item with its SHA-256, so the unit can later
  prove what it sent;
- the progress report of a directive for leaders ("BÁO CÁO Kết quả thực hiện Công văn
  số …"): summary, per-unit table, late units.

Both describe the current state of the database, so they are rendered when asked for
(unlike an issued directive, they are not documents whose text is fixed once): the receipt
in the request, the progress report by the task worker (directives_app.background.prepared_files).
"""

from __future__ import annotations

from typing import Any

from anyascii import anyascii
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from directives_app.core.symbols import DocType, symbol_suffix
from directives_app.core.vietnamese import document_date
from directives_app.core.working_days import days_off, working_days_between
from directives_app.models import ComplianceReport, DirectivePage, Evidence, PreparedFile
from directives_app.register.pdf import _issuer_lines, pdf_response, render_pdf

from .dashboard import can_view_progress, forbidden
from .status import OVERDUE, directive_progress

RECEIPT_TEMPLATE = "directives_app/pdf/receipt.html"
PROGRESS_TEMPLATE = "directives_app/pdf/progress_report.html"


def _ascii_name(*parts: str) -> str:
    return "-".join(anyascii(part).replace("/", "-").strip("-") for part in parts if part) + ".pdf"


def _directive_reference(directive: DirectivePage) -> str:
    """ "Công văn số 972/UBND-VHTT ngày 09/11/2021"."""
    text = f"{directive.type_label} số {directive.symbol}"
    if directive.issued_on:
        text += f" ngày {directive.issued_on:%d/%m/%Y}"
    return text


def _header_context(directive: DirectivePage, day) -> dict[str, Any]:
    issuer = directive.issuer
    return {
        "issuer_lines": _issuer_lines(directive),
        # A report is numbered by the clerk when signed: the header leaves the number blank
        # and prints the part after "/".
        "report_symbol": symbol_suffix(DocType.BAO_CAO, issuer.abbreviation),
        "date_line": document_date(day, directive.place_name),
    }


# -- receipt ----------------------------------------------------------------------------


def receipt_context(report: ComplianceReport) -> dict[str, Any]:
    directive = report.directive
    submitted_at = timezone.localtime(report.submitted_at)
    submitter = report.submitted_by
    evidence = list(
        Evidence.objects.filter(report=report, submitted_at__isnull=False).order_by(
            "submitted_at", "uploaded_at", "pk"
        )
    )
    return {
        **_header_context(directive, submitted_at.date()),
        "report": report,
        "directive": directive,
        "directive_reference": _directive_reference(directive),
        "submitted_at": submitted_at,
        "submitter_name": (submitter.get_full_name() or submitter.username) if submitter else "",
        "submitter_login": submitter.username if submitter else "",
        "evidence": evidence,
        "generated_at": timezone.localtime(),
    }


def render_receipt_pdf(report: ComplianceReport) -> bytes:
    return render_pdf(RECEIPT_TEMPLATE, receipt_context(report))


def receipt_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt of a submitted report, for whoever may view the report (the policy
    decides); 404 for anyone else and for a report never submitted."""
    from wagtail.permissions import policy_registry

    report = (
        ComplianceReport.objects.select_related("directive__issuer", "unit", "submitted_by")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    policy = policy_registry.get_by_type(ComplianceReport)
    if not policy.user_has_permission_for_instance(request.user, "view", report):
        raise Http404
    if report.submitted_at is None:
        raise Http404("Báo cáo chưa được gửi.")
    filename = _ascii_name("phieu-xac-nhan", report.directive.symbol, report.unit.code)
    return pdf_response(render_receipt_pdf(report), filename)


# -- progress report of a directive -----------------------------------------------------


def progress_report_context(directive: DirectivePage) -> dict[str, Any]:
    progress = directive_progress(directive)
    today = progress.today
    late = progress.late_rows
    dues = [row.due_date for row in late if row.due_date]
    off = days_off(min(dues), today) if dues else set()
    late_lines = []
    for row in late:
        if row.status == OVERDUE:
            days = working_days_between(row.due_date, today, off)
            text = f"chưa gửi báo cáo, hạn {row.due_date:%d/%m/%Y}, trễ {days} ngày làm việc"
        else:
            sent = timezone.localdate(row.submitted_at)
            text = f"gửi báo cáo ngày {sent:%d/%m/%Y}, sau hạn {row.due_date:%d/%m/%Y}"
        late_lines.append((row.unit_name, text))
    return {
        **_header_context(directive, today),
        "directive": directive,
        "directive_reference": _directive_reference(directive),
        "progress": progress,
        "late_lines": late_lines,
        "distribution": [f"- Lãnh đạo {directive.issuer.name};", "- Lưu: VT."],
        "today": today,
    }


def render_progress_report_pdf(directive: DirectivePage) -> bytes:
    return render_pdf(PROGRESS_TEMPLATE, progress_report_context(directive))


def progress_report_view(request: HttpRequest, directive_id: int) -> HttpResponse:
    if not can_view_progress(request.user):
        return forbidden(request)
    directive = (
        DirectivePage.objects.live()
        .filter(pk=directive_id, requires_reports=True)
        .select_related("issuer")
        .first()
    )
    if directive is None:
        raise Http404("Không có văn bản yêu cầu báo cáo với mã này.")
    # Built by the task worker (issue 17); the user waits on the status page.
    from directives_app.background.prepared_files import request_file, status_url

    filename = _ascii_name("bao-cao-tien-do", directive.symbol, f"{timezone.localdate():%Y%m%d}")
    prepared = request_file(
        request.user,
        PreparedFile.Kind.PROGRESS_PDF,
        {"directive_id": directive.pk},
        title=f"Báo cáo tiến độ {directive.symbol}",
        filename=filename,
    )
    return redirect(status_url(prepared))
