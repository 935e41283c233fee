"""The dashboard's summary (directives_app.progress.tally) gives the figures a count of the
reports gives, whatever changes the reports or the directives, and the dashboard reads it
instead of scanning the reports."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from progress_data import build

from directives_app.models import ComplianceReport, DirectivePage, ProgressTally, ReportStatus
from directives_app.progress.status import OVERDUE, PROGRESS_STATUSES, status_counts
from directives_app.progress.tally import rebuild, reconcile, unit_totals

DASHBOARD = "/admin/tien-do/"


def scanned(today: datetime.date, **filters) -> dict[int, dict[str, int]]:
    """The figures as the dashboard counted them before the summary: every report."""
    live = DirectivePage.objects.live().filter(requires_reports=True).values("pk")
    reports = ComplianceReport.objects.filter(directive_id__in=live, **filters).exclude(
        status=ReportStatus.WITHDRAWN
    )
    return {
        row.pop("unit_id"): row
        for row in reports.order_by().values("unit_id").annotate(**status_counts(today))
    }


def tallied(today: datetime.date, **filters) -> dict[int, dict[str, int]]:
    from django.db.models import Q

    mapped = {
        {"directive__issued_year": "issued_year", "directive__doc_type": "doc_type"}.get(k, k): v
        for k, v in filters.items()
    }
    return unit_totals(Q(**mapped), today, PROGRESS_STATUSES, OVERDUE)


def assert_same(today=None, **filters):
    today = today or timezone.localdate()
    assert tallied(today, **filters) == scanned(today, **filters)


@pytest.mark.django_db
def test_summary_matches_the_reports_through_every_kind_of_change(report, other_report):
    pages, units = build(units=6, directives=4, year=2033, evidence_per_report=0)
    assert_same()
    assert_same(directive__issued_year=2033)
    # Overdue is read with the day asked for, not stored.
    assert_same(today=datetime.date(2033, 1, 15))
    assert_same(today=datetime.date(2090, 1, 1))

    # A queryset update (as services and tests do), one row and many rows.
    ComplianceReport.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    ComplianceReport.objects.filter(directive=pages[0]).update(status=ReportStatus.ACCEPTED)
    ComplianceReport.objects.filter(directive=pages[1]).update(due_date=datetime.date(2033, 5, 5))
    ComplianceReport.objects.filter(pk=other_report.pk).update(status=ReportStatus.WITHDRAWN)
    assert_same()
    # A report moved to another unit, deleted, created.
    moved = ComplianceReport.objects.filter(directive=pages[2]).first()
    ComplianceReport.objects.filter(pk=moved.pk).update(unit=report.unit_id)
    ComplianceReport.objects.filter(directive=pages[3], unit=units[0]).delete()
    ComplianceReport.objects.create(directive=pages[3], unit=units[0], live=False)
    assert_same()

    # The directive changes: unpublished, re-typed, deleted, published again.
    pages[0].unpublish()
    assert_same()
    DirectivePage.objects.filter(pk=pages[1].pk).update(doc_type="ke_hoach")
    assert_same()
    assert_same(directive__doc_type="ke_hoach")
    pages[2].delete()
    assert_same()
    pages[0].save_revision().publish()
    assert_same()

    assert reconcile() == 0  # nothing left to re-count
    before = list(ProgressTally.objects.order_by("pk").values_list("unit_id", "status", "reports"))
    rebuild()
    after = list(ProgressTally.objects.order_by("pk").values_list("unit_id", "status", "reports"))
    assert sorted(after) == sorted(before)


@pytest.mark.django_db
def test_a_decision_moves_the_figures(client_for, post_report, report):
    """The submission and the reviewer's return go through the workflow; the dashboard's
    per-unit totals follow in the same request cycle."""
    assert post_report("xa-ia-ba.truong", report, submit=True).status_code in (200, 302)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert_same()


@pytest.mark.django_db
def test_dashboard_reads_the_summary_not_every_report(client_for):
    build(units=8, directives=3, year=2034, evidence_per_report=0)
    client = client_for("lanhdao")
    client.get(DASHBOARD)  # the first read counts the new directives in
    for query in ("", "?nam=2034", "?loai=cong_van&loai_don_vi=commune"):
        with CaptureQueriesContext(connection) as context:
            assert client.get(DASHBOARD + query).status_code == 200
        scans = [
            q["sql"]
            for q in context.captured_queries
            if "GROUP BY" in q["sql"] and "directives_app_compliancereport" in q["sql"]
        ]
        assert scans == [], scans


@pytest.mark.django_db
def test_query_count_of_page_one_constant_in_units_and_directives(client_for):
    client = client_for("lanhdao")
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as context:
        client.get(DASHBOARD)
    small = len(context.captured_queries)
    build(units=40, directives=25, year=2035, evidence_per_report=0)
    client.get(DASHBOARD)  # counts the new directives in (once)
    with CaptureQueriesContext(connection) as context:
        html = client.get(DASHBOARD).content.decode()
    assert len(context.captured_queries) == small
    assert html.count('class="cell status--') >= 40 * 20
