"""The monthly report on incident reports as an official PDF in the layout of Nghị định
30/2020 (DESIGN §8), issued in the name of the culture and information office.

It is rendered like every official PDF (directives_app.register.pdf.render_pdf), and its template
includes the shared stylesheet, header and signature block of directives_app/pdf/ (a
báo cáo has no "Kính gửi" and no task list). Unlike a directive, the report is rendered
on each request: it is an unsigned draft of figures that change until the month's reports
are closed, which the PDF says ("DỰ THẢO") until the clerk numbers it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from conduct_app.models import IncidentRoutingSettings
from directives_app.core.vietnamese import document_date
from directives_app.models import Unit, UnitKind
from directives_app.register.pdf import render_pdf

from .statistics import incident_statistics, month_range

TEMPLATE = "conduct_app/pdf/monthly_report.html"


def _ancestor(unit: Unit | None) -> Unit | None:
    """The nearest ancestor that is an organisation, not a grouping node of the tree."""
    parent = unit.parent if unit else None
    while parent is not None and parent.kind == UnitKind.GROUP:
        parent = parent.parent
    return parent


def _place(unit: Unit | None) -> str:
    while unit is not None:
        if unit.place_name:
            return unit.place_name
        unit = unit.parent
    return ""


def _parent_line(parent: Unit | None) -> str:
    """ "UBND HUYỆN IA GRAI": the decree lets the parent body's name abbreviate common
    words (Phụ lục I), which keeps the left column of the header to one line."""
    if parent is None:
        return ""
    return (
        parent.name.upper().replace("ỦY BAN NHÂN DÂN", "UBND").replace("HỘI ĐỒNG NHÂN DÂN", "HĐND")
    )


def report_context(year: int, month: int, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    routing = IncidentRoutingSettings.load()
    issuer = routing.culture_unit
    parent = _ancestor(issuer)
    start, end = month_range(year, month)
    figures = incident_statistics(start, end)
    month_text = f"{month:02d}" if month <= 2 else str(month)
    abbreviation = issuer.abbreviation if issuer and issuer.abbreviation else ""
    recipients = [f"- {parent.name} (b/c);"] if parent else []
    if routing.police_unit:
        recipients.append(f"- {routing.police_unit.name};")
    recipients.append(f"- Lưu: VT{', ' + abbreviation if abbreviation else ''}.")
    return {
        "parent_line": _parent_line(parent),
        "issuer_lines": [(issuer.name if issuer else "").upper()],
        "symbol": f"BC-{abbreviation}" if abbreviation else "BC",
        "date_line": document_date(today, _place(issuer)),
        "subject": (
            f"Tình hình tiếp nhận, xử lý phản ánh thông tin trên mạng xã hội "
            f"tháng {month_text} năm {year}"
        ),
        "month_text": month_text,
        "year": year,
        "stats": figures,
        "active_rows": {
            "category": [row for row in figures.by_category],
            "platform": [row for row in figures.by_platform if row.count],
            "status": [row for row in figures.by_status],
        },
        "recipients": recipients,
        "signer_title": "TRƯỞNG PHÒNG"
        if issuer and issuer.name.lower().startswith("phòng")
        else "THỦ TRƯỞNG CƠ QUAN",
        "created": today.isoformat(),
    }


def render_monthly_report(year: int, month: int, today: datetime.date | None = None) -> bytes:
    return render_pdf(TEMPLATE, report_context(year, month, today))
