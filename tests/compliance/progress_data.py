"""Synthetic directives × units with reports and evidence, for the tests that check that
the leaders' dashboard and the public progress page run a constant number of queries."""

from __future__ import annotations

import datetime
import itertools

from directives_app.core.vietnamese import collation_key
from directives_app.models import (
    ComplianceReport,
    DirectiveIndexPage,
    DirectivePage,
    Evidence,
    ReportStatus,
    Unit,
    UnitKind,
)

_numbers = itertools.count(7000)
CYCLE = [
    ReportStatus.NOT_STARTED,
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.RETURNED,
    ReportStatus.ACCEPTED,
]


def build(units: int, directives: int, year: int, evidence_per_report: int = 2):
    """`directives` live directives issued in `year`, each addressed to the same `units`
    new communes, every status represented (half the due dates in the past)."""
    register = DirectiveIndexPage.objects.get()
    issuer = Unit.objects.get(code="ubnd-huyen-ia-grai")
    names = [f"Xã Thử {year} {index:03d}" for index in range(units)]
    new_units = Unit.objects.bulk_create(
        Unit(
            code=f"thu-{year}-{index}",
            name=name,
            kind=UnitKind.COMMUNE,
            sort_name=collation_key(name),
        )
        for index, name in enumerate(names)
    )
    pages = []
    for index in range(directives):
        page = DirectivePage(
            title=f"văn bản thử năm {year} số {index}",
            slug=f"van-ban-thu-{year}-{index}",
            issuer=issuer,
            doc_type="cong_van",
            number=next(_numbers),
            issued_on=datetime.date(year, 1, 2),
            requires_reports=True,
            body="Nội dung.",
            live=True,
        )
        register.add_child(instance=page)
        pages.append(page)
    now = datetime.datetime(year, 3, 1, 8, 0, tzinfo=datetime.UTC)
    reports = ComplianceReport.objects.bulk_create(
        ComplianceReport(
            directive=page,
            unit=unit,
            live=False,
            status=CYCLE[(d + u) % len(CYCLE)],
            due_date=datetime.date(year + (50 if (d + u) % 2 else 0), 2, 1),
            submitted_at=now if CYCLE[(d + u) % len(CYCLE)] in CYCLE[2:] else None,
            decided_at=now if CYCLE[(d + u) % len(CYCLE)] in CYCLE[3:] else None,
        )
        for d, page in enumerate(pages)
        for u, unit in enumerate(new_units)
    )
    Evidence.objects.bulk_create(
        Evidence(
            report=report,
            kind=Evidence.Kind.LINK,
            url=f"https://example.gov.vn/bai/{report.pk}/{n}",
            caption=f"minh chứng bí mật {n}",
            sha256=f"{report.pk:064x}",
            submitted_at=report.submitted_at,
        )
        for report in reports
        for n in range(evidence_per_report)
    )
    return pages, new_units
