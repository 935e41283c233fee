"""The dashboard panels "Việc của đơn vị" and "Chờ thẩm định" run a constant number of
queries whatever the number of reports and evidence items."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directives_app.models import ComplianceReport, ReportStatus


def dashboard_queries(client) -> tuple[int, str]:
    client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_directives(make_directive, count: int, start: int) -> None:
    for index in range(start, start + count):
        make_directive(
            title=f"bảng điều khiển {index}",
            units=("xa-ia-ba", "xa-ia-o", "xa-ia-to"),
            issued_on=datetime.date(2042, 1, 1) + datetime.timedelta(days=index),
        )


def submit_all(directive_titles_prefix: str, evidence_per_report: int) -> None:
    from directives_app.models import Evidence

    for report in ComplianceReport.objects.filter(
        directive__title__startswith=directive_titles_prefix, unit__code="xa-ia-ba"
    ):
        for _ in range(evidence_per_report):
            Evidence.objects.create(report=report, kind="link", url="https://example.org/x")
        ComplianceReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.SUBMITTED,
            submitted_at=datetime.datetime(2042, 2, 1, tzinfo=datetime.UTC),
        )


@pytest.mark.django_db
def test_unit_and_reviewer_panels_constant_queries(make_directive, client_for):
    head, reviewer = client_for("xa-ia-ba.truong"), client_for("thamdinh")
    add_directives(make_directive, 5, 0)
    submit_all("bảng điều khiển", 1)
    small_head, html = dashboard_queries(head)
    assert "Việc của đơn vị" in html and "bảng điều khiển 4" in html
    small_reviewer, html = dashboard_queries(reviewer)
    assert "Chờ thẩm định" in html
    add_directives(make_directive, 45, 5)
    submit_all("bảng điều khiển", 3)
    big_head, _ = dashboard_queries(head)
    big_reviewer, html = dashboard_queries(reviewer)
    assert "Xã Ia Bă" in html
    assert big_head == small_head
    assert big_reviewer == small_reviewer
