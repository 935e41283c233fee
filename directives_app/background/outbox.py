"""The e-mail outbox: every notification e-mail is a row (`OutgoingEmail`) sent by a task.

`queue_email` writes the row and enqueues its task in the caller's transaction: with the
database task backend both commit or roll back together, so a committed e-mail is always
sent and a rolled-back one never. `send_outgoing` holds the row's lock while handing the
message to the mail server and marks it sent in that transaction: a second run (another
worker, a retry) finds it sent and does nothing. An SMTP failure records the error and
schedules another attempt; `manage.py send_outbox` (cron) re-enqueues any row left unsent.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from directives_app.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Attempts after which a row waits for `send_outbox` instead of being rescheduled.
MAX_SCHEDULED_ATTEMPTS = 8


def queue_email(to: list[str], subject: str, body: str, key: str | None = None) -> OutgoingEmail:
    """Store an e-mail and enqueue its sending. With `key`, a second call with the same key
    (a task run again after a crash) returns the first row and enqueues nothing."""
    from directives_app.tasks import send_outgoing_email

    if key is not None:
        existing = OutgoingEmail.objects.filter(key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(key=key, to=to, subject=subject, body=body)
    except IntegrityError:
        return OutgoingEmail.objects.get(key=key)
    send_outgoing_email.enqueue(email.pk)
    return email


def send_outgoing(email_id: int) -> bool:
    """Send one outbox row unless it was sent already; True when it is sent now."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return False
        email.attempts += 1
        try:
            EmailMessage(subject=email.subject, body=email.body, to=email.to).send()
        except Exception as error:  # SMTP, socket, TLS: the mail server did not take it
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            email.save(update_fields=["attempts", "last_error"])
            logger.warning("E-mail %s not sent (attempt %s): %s", email.pk, email.attempts, error)
            _schedule_retry(email)
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def _schedule_retry(email: OutgoingEmail) -> None:
    from directives_app.tasks import send_outgoing_email

    backend = send_outgoing_email.get_backend()
    if not backend.supports_defer or email.attempts >= MAX_SCHEDULED_ATTEMPTS:
        return  # the immediate backend cannot wait: send_outbox retries it
    delay = settings.OUTGOING_EMAIL_RETRY_SECONDS * 2 ** (email.attempts - 1)
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    send_outgoing_email.using(run_after=run_after).enqueue(email.pk)


def requeue_unsent(older_than: datetime.timedelta) -> int:
    """Enqueue every unsent row created before now - older_than; the number enqueued."""
    from directives_app.tasks import send_outgoing_email

    cutoff = timezone.now() - older_than
    ids = list(
        OutgoingEmail.objects.filter(sent_at=None, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    for email_id in ids:
        send_outgoing_email.enqueue(email_id)
    return len(ids)
