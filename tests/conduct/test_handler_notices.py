"""Handlers hear of new reports (issue 15, item 8): an e-mail when a report is routed to
their unit, and a "Phản ánh mới" panel on their dashboard, oldest first with days waiting."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from conduct_app.incidents import triage
from directives_app.models import Unit


@pytest.mark.django_db
def test_routing_e_mails_the_handlers_of_the_unit(make_report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(category="impersonation")
    assert report.handler_unit.code == "cong-an-huyen"
    sent = [message for message in mail.outbox if report.code in message.subject]
    assert len(sent) == 1
    message = sent[0]
    # The police handler, not the unit's compliance staff, who may not see reports.
    assert message.to == ["congan@example.gov.vn"]
    assert message.subject == f"Phản ánh mới {report.code} chuyển đến đơn vị"
    assert "Công an huyện Ia Grai" in message.body and "Giả mạo" in message.body
    assert f"http://testserver/admin/snippets/conduct_app/incidentreport/edit/{report.pk}/" in (
        message.body
    )


@pytest.mark.django_db
def test_passing_a_report_on_tells_the_other_unit(make_report, django_capture_on_commit_callbacks):
    report = make_report(category="impersonation")
    culture = Unit.objects.get(code="phong-vhtt")
    with django_capture_on_commit_callbacks(execute=True):
        triage.apply(report, "assign", None, unit=culture)
    assert [message.to for message in mail.outbox] == [["vanhoa@example.gov.vn"]]


@pytest.mark.django_db
def test_the_dashboard_shows_new_reports_oldest_first(client_for, make_report):
    older = make_report(category="scam", urls=["https://lua-dao.example/a"])
    newer = make_report(category="impersonation", urls=["https://gia-mao.example/b"])
    older.received_at = timezone.now() - datetime.timedelta(days=3)
    older.save(update_fields=["received_at"])
    html = client_for("congan").get("/admin/").content.decode()
    assert "Phản ánh mới" in html
    panel = html.split('class="w-panel new-incident-reports"')[1].split("</section>")[0]
    assert panel.index(older.code) < panel.index(newer.code)
    assert "3 ngày" in panel
    # Someone who handles no reports sees no such panel.
    assert "new-incident-reports" not in client_for("vanthu").get("/admin/").content.decode()
