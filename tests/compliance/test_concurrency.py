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
