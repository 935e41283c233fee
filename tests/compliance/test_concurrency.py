"""Two reviewers act on one submission at the same moment (PostgreSQL): exactly one
decision stands, and the audit log shows both attempts."""

import datetime
import os
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connections
from factories import build_directive
from wagtail.models import ModelLogEntry

from directives_app.models import ComplianceReport, DirectiveIndexPage, ReportStatus

POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="row locking is what is under test: PostgreSQL only")
def test_two_reviewers_at_once_one_decision_stands(django_db_setup, django_db_blocker):
    # Committed data so both threads' connections see it; removed by hand afterwards so
    # the session's demo data stays for later tests.
    with django_db_blocker.unblock():
        User = get_user_model()
        second = User.objects.create_user("thamdinh2", password="x")
        second.groups.add(Group.objects.get(name="Thẩm định"))
        first = User.objects.get(username="thamdinh")
        page = build_directive(
            DirectiveIndexPage.objects.get(),
            title="đồng thời thẩm định",
            units=("xa-ia-ba",),
            issued_on=datetime.date(2041, 3, 1),
        )
        try:
            report = ComplianceReport.objects.get(directive=page)
            report.save_revision(user=User.objects.get(username="xa-ia-ba.truong"))
            report.get_workflow().start(report, User.objects.get(username="xa-ia-ba.truong"))
            report.refresh_from_db()
            assert report.status == ReportStatus.SUBMITTED
            task_state_id = report.current_workflow_task_state.pk
            barrier = threading.Barrier(2)
            outcomes = {}

            def act(user, action):
                from wagtail.models import TaskState

                try:
                    state = TaskState.objects.get(pk=task_state_id).specific
                    task = state.task.specific
                    barrier.wait(timeout=30)
                    kwargs = {"comment": "x", "checklist": []} if action == "reject" else {}
                    task.on_action(state, user, action, **kwargs)
                    outcomes[action] = "ok"
                except Exception as error:  # recorded and asserted below
                    outcomes[action] = type(error).__name__
                finally:
                    connections.close_all()

            threads = [
                threading.Thread(target=act, args=(first, "approve")),
                threading.Thread(target=act, args=(second, "reject")),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(outcomes.values()) == ["PermissionDenied", "ok"], outcomes
            report.refresh_from_db()
            winner = next(action for action, result in outcomes.items() if result == "ok")
            expected = ReportStatus.ACCEPTED if winner == "approve" else ReportStatus.RETURNED
            assert report.status == expected
            attempts = ModelLogEntry.objects.filter(
                object_id=str(report.pk), action="directives_app.review_attempt"
            )
            assert attempts.count() == 2
            assert sorted(entry.data["accepted"] for entry in attempts) == [False, True]
        finally:
            page.delete()
            second.delete()


@pytest.mark.django_db
def test_review_step_belongs_to_the_reviewers_group():
    # Also makes pytest-django set the test database up when this module runs alone.
    from directives_app.models import ReviewTask

    task = ReviewTask.objects.get()
    assert list(task.groups.values_list("name", flat=True)) == ["Thẩm định"]


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="concurrent requests need PostgreSQL's row locks")
def test_double_submit_and_stale_decision_keep_the_record_whole(django_db_setup, django_db_blocker):
    """Two submissions of one report at once (a double tap): one stands, the other is a
    no-op, never a 500 or an orphan revision. Then a decision from a page opened before the
    unit resubmitted is refused, and acceptance publishes the revision reviewed."""
    from django.test import Client
    from reporting import edit_url, report_form, review_data, review_url
    from wagtail.models import Revision, WorkflowState

    with django_db_blocker.unblock():
        User = get_user_model()
        second = User.objects.create_user("thamdinh3", password="x")
        second.groups.add(Group.objects.get(name="Thẩm định"))
        page = build_directive(
            DirectiveIndexPage.objects.get(),
            title="gửi hai lần cùng lúc",
            units=("xa-ia-ba",),
            issued_on=datetime.date(2041, 4, 1),
        )
        try:
            report = ComplianceReport.objects.get(directive=page)

            def logged_in(username, password="iagrai-demo") -> Client:
                client = Client()
                assert client.login(username=username, password=password)
                return client

            heads = [logged_in("xa-ia-ba.truong"), logged_in("xa-ia-ba.truong")]
            barrier = threading.Barrier(2)
            statuses = []

            def tap(client, summary):
                try:
                    data = report_form(report, summary=summary, **{"action-submit": "1"})
                    barrier.wait(timeout=30)
                    statuses.append(client.post(edit_url(report), data).status_code)
                except Exception as error:  # recorded and asserted below
                    statuses.append(type(error).__name__)
                finally:
                    connections.close_all()

            threads = [
                threading.Thread(target=tap, args=(client, f"Lần bấm {n}"))
                for n, client in enumerate(heads, start=1)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert statuses == [302, 302], statuses
            report.refresh_from_db()
            states = WorkflowState.objects.filter(object_id=str(report.pk))
            assert states.count() == 1
            task_state = report.current_workflow_task_state
            revisions = Revision.objects.filter(
                base_content_type__model="compliancereport", object_id=str(report.pk)
            )
            assert revisions.count() == 1  # no orphan revision
            assert task_state.revision_id == report.latest_revision_id
            reviewed_summary = task_state.revision.content["summary"]

            # A reviewer opens the page; another returns it; the unit resubmits.
            reviewer, other = logged_in("thamdinh"), logged_in("thamdinh3", "x")
            seen = review_data(report)
            returned = other.post(
                review_url(report),
                review_data(report, action="reject", **{"reject-comment": "Thiếu ảnh."}),
            )
            assert returned.status_code == 302
            resubmitted = heads[0].post(
                edit_url(report),
                report_form(report, summary="Bản gửi lại", **{"action-submit": "1"}),
            )
            assert resubmitted.status_code == 302
            report.refresh_from_db()
            assert report.status == ReportStatus.SUBMITTED
            resubmission = report.current_workflow_task_state
            assert resubmission.revision.content["summary"] == "Bản gửi lại"
            assert reviewed_summary != "Bản gửi lại"

            stale = reviewer.post(review_url(report), {**seen, "action": "approve"})
            assert stale.status_code == 409
            report.refresh_from_db()
            assert report.status == ReportStatus.SUBMITTED and not report.live

            accepted = reviewer.post(review_url(report), review_data(report, action="approve"))
            assert accepted.status_code == 302
            report.refresh_from_db()
            assert report.status == ReportStatus.ACCEPTED
            assert report.live_revision_id == resubmission.revision_id
            assert report.summary == "Bản gửi lại"
            assert revisions.count() == 2
        finally:
            page.delete()
            second.delete()
