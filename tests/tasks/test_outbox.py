"""The e-mail outbox: an SMTP failure is retried, never lost, never sent twice."""

from __future__ import annotations

import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from directives_app.background.outbox import queue_email, send_outgoing
from directives_app.models import OutgoingEmail


class DownBackend(EmailBackend):
    """A mail server that refuses the connection."""

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "down")


DOWN = f"{__name__}.DownBackend"


@pytest.mark.django_db
def test_smtp_failure_is_kept_and_sent_by_the_next_run_once():
    with override_settings(EMAIL_BACKEND=DOWN):
        email = queue_email(["a@example.org"], "Nhắc hạn báo cáo", "Nội dung")
    email.refresh_from_db()
    assert email.sent_at is None and email.attempts == 1
    assert "SMTPConnectError" in email.last_error
    assert mail.outbox == []
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timezone.timedelta(minutes=10)
    )
    out = StringIO()
    call_command("send_outbox", stdout=out)
    assert "Đã đưa 1 thư" in out.getvalue()
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 2
    assert [m.subject for m in mail.outbox] == ["Nhắc hạn báo cáo"]
    # Sent rows are never sent again, whoever runs them.
    call_command("send_outbox", stdout=StringIO())
    assert send_outgoing(email.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_durable_backend_schedules_the_retry_later():
    durable = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=durable):
        email = queue_email(["a@example.org"], "Tiêu đề", "Nội dung")
        assert DBTaskResult.objects.count() == 1  # enqueued with the row, not yet sent
        with override_settings(EMAIL_BACKEND=DOWN):
            assert send_outgoing(email.pk) is False
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() == 2
    assert retry.run_after > timezone.now() + timezone.timedelta(seconds=50)


@pytest.mark.django_db
def test_same_key_makes_one_email():
    first = queue_email(["a@example.org"], "Một", "x", key="k-1")
    second = queue_email(["a@example.org"], "Một", "x", key="k-1")
    assert first.pk == second.pk
    assert len(mail.outbox) == 1
