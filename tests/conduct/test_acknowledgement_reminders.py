"""Reminders to staff who have not acknowledged the current version of the Code after 5
working days (conduct_app.code.reminders.acknowledgement_reminders, called by send_reminders)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from conduct_app.code.coverage import staff_users
from conduct_app.code.reminders import acknowledgement_reminders
from conduct_app.models import (
    Acknowledgement,
    AcknowledgementReminder,
    CodeOfConductPage,
    CodeVersion,
)

# Monday 2 March 2026; 5 working days later is Monday 9 March (no holiday between).
PUBLISHED = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_default_timezone())
FRIDAY, MONDAY = datetime.date(2026, 3, 6), datetime.date(2026, 3, 9)


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("SMTP server unreachable")


@pytest.fixture
def version(db) -> CodeVersion:
    version = CodeVersion.objects.current()
    version.published_at = PUBLISHED
    version.save()
    get_user_model().objects.update(date_joined=PUBLISHED - datetime.timedelta(days=90))
    return version


def usernames(deliveries) -> set[str]:
    return {delivery.recipient.split(" ")[0] for delivery in deliveries}


@pytest.mark.django_db
def test_nobody_is_reminded_before_five_working_days(version):
    assert acknowledgement_reminders(FRIDAY, dry_run=False) == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_staff_who_have_not_acknowledged_are_reminded_once(version):
    User = get_user_model()
    Acknowledgement.objects.create(user=User.objects.get(username="congan"), version=version)
    User.objects.filter(username="bientap").update(email="")
    User.objects.filter(username="banbientap").update(is_active=False)

    deliveries = acknowledgement_reminders(MONDAY, dry_run=False)
    reminded = usernames(deliveries)
    expected = set(staff_users().exclude(email="").values_list("username", flat=True)) - {"congan"}
    assert reminded == expected
    assert {"lanhdao", "vanhoa", "xa-ia-ba.canbo"} <= reminded
    assert not {"congan", "bientap", "banbientap"} & reminded
    assert len(mail.outbox) == len(deliveries)
    assert all(not delivery.error for delivery in deliveries)
    message = next(m for m in mail.outbox if "<lanhdao@example.gov.vn>" in m.to[0])
    assert "Nhắc xác nhận" in message.subject and "phiên bản 1" in message.subject
    assert "Tôi đã đọc và cam kết thực hiện" in message.body
    assert "http://testserver/admin/" in message.body
    assert AcknowledgementReminder.objects.filter(version=version).count() == len(deliveries)

    # Running again (cron, the same day or later) sends nothing more.
    assert acknowledgement_reminders(MONDAY, dry_run=False) == []
    assert acknowledgement_reminders(MONDAY + datetime.timedelta(days=7), dry_run=False) == []
    assert len(mail.outbox) == len(deliveries)


@pytest.mark.django_db
def test_a_dry_run_sends_and_records_nothing(version):
    planned = acknowledgement_reminders(MONDAY, dry_run=True)
    assert planned
    assert mail.outbox == []
    assert not AcknowledgementReminder.objects.exists()
    sent = acknowledgement_reminders(MONDAY, dry_run=False)
    assert usernames(sent) == usernames(planned)


@pytest.mark.django_db
def test_someone_who_joined_later_gets_five_working_days_from_joining(version):
    User = get_user_model()
    User.objects.filter(username="vanhoa").update(
        date_joined=datetime.datetime(2026, 3, 6, 8, 0, tzinfo=timezone.get_default_timezone())
    )
    assert "vanhoa" not in usernames(acknowledgement_reminders(MONDAY, dry_run=False))
    # Friday 6 → Friday 13 March is five working days.
    later = acknowledgement_reminders(datetime.date(2026, 3, 13), dry_run=False)
    assert usernames(later) == {"vanhoa"}


@pytest.mark.django_db
def test_public_holidays_do_not_count_as_working_days(version):
    from directives_app.models import PublicHoliday

    PublicHoliday.objects.create(date=MONDAY, name="Ngày nghỉ bù")
    assert acknowledgement_reminders(MONDAY, dry_run=False) == []
    assert acknowledgement_reminders(MONDAY + datetime.timedelta(days=1), dry_run=False)


@pytest.mark.django_db
def test_a_new_version_is_reminded_anew(version):
    first_round = usernames(acknowledgement_reminders(MONDAY, dry_run=False))
    page = CodeOfConductPage.objects.get()
    page.intro += " (sửa đổi)"
    page.save_revision().publish()
    newer = CodeVersion.objects.current()
    newer.published_at = datetime.datetime(2026, 4, 1, 9, 0, tzinfo=PUBLISHED.tzinfo)
    newer.save()
    assert newer.number == 2
    second_round = acknowledgement_reminders(datetime.date(2026, 4, 8), dry_run=False)
    assert usernames(second_round) == first_round
    assert all("phiên bản 2" in delivery.subject for delivery in second_round)


@pytest.mark.django_db
def test_a_failed_send_stays_in_the_outbox_and_is_sent_once_later(version, settings):
    # Issue 17: e-mails go through the outbox. An SMTP failure no longer undoes the
    # reminder; the message waits unsent, with the error, and `send_outbox` sends it once.
    from io import StringIO

    from django.core.management import call_command

    from directives_app.models import OutgoingEmail

    settings.EMAIL_BACKEND = "test_acknowledgement_reminders.FailingBackend"
    first = acknowledgement_reminders(MONDAY, dry_run=False)
    assert first and all(not delivery.error for delivery in first)
    assert AcknowledgementReminder.objects.count() == len(first)
    unsent = OutgoingEmail.objects.filter(sent_at=None)
    assert unsent.count() == len(first)
    assert all("SMTP server unreachable" in email.last_error for email in unsent)
    assert mail.outbox == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert acknowledgement_reminders(MONDAY, dry_run=False) == []  # not queued twice
    OutgoingEmail.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    call_command("send_outbox", stdout=StringIO())
    assert len(mail.outbox) == len(first)
    assert not OutgoingEmail.objects.filter(sent_at=None).exists()
    call_command("send_outbox", stdout=StringIO())
    assert len(mail.outbox) == len(first)


@pytest.mark.django_db
def test_without_a_published_code_there_is_nothing_to_remind(version):
    CodeOfConductPage.objects.get().unpublish()
    assert acknowledgement_reminders(MONDAY, dry_run=False) == []


@pytest.mark.django_db
def test_send_reminders_sends_the_acknowledgement_reminders(version):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("send_reminders", "--today", MONDAY.isoformat(), stdout=out)
    ours = [m for m in mail.outbox if m.subject.startswith("Nhắc xác nhận")]
    assert ours
    assert AcknowledgementReminder.objects.filter(version=version).count() == len(ours)
    assert "Nhắc xác nhận bộ quy tắc ứng xử" in out.getvalue()
    call_command("send_reminders", "--today", MONDAY.isoformat(), stdout=StringIO())
    assert len([m for m in mail.outbox if m.subject.startswith("Nhắc xác nhận")]) == len(ours)
