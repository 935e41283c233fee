"""send_reminders: the schedule around Tết 2022 (31/1–4/2, between two weekends), who gets
what, idempotence, dry run, the Vietnamese e-mail, and the plug-in points (channels and
reminder providers)."""

import datetime
import email
from email.header import decode_header, make_header
from email.utils import parseaddr
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from reporting import edit_url, report_form

from directives_app.core.notifications import Channel, Delivery
from directives_app.models import ComplianceReport, ReportStatus, SentReminder

D = datetime.date


def run(day: datetime.date, **options) -> str:
    out = StringIO()
    call_command("send_reminders", today=day, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def outbox() -> set[tuple[str, str]]:
    """(username, subject) of every e-mail sent since the last call."""
    sent = set()
    for message in mail.outbox:
        assert len(message.to) == 1
        address = parseaddr(message.to[0])[1]
        sent.add((address.split("@")[0], message.subject))
    mail.outbox.clear()
    return sent


def days(start: datetime.date, end: datetime.date):
    while start <= end:
        yield start
        start += datetime.timedelta(days=1)


def soon(symbol):
    return f"Sắp đến hạn báo cáo kết quả thực hiện văn bản số {symbol}"


def today(symbol):
    return f"Hôm nay đến hạn báo cáo kết quả thực hiện văn bản số {symbol}"


def late(symbol):
    return f"Quá hạn báo cáo kết quả thực hiện văn bản số {symbol}"


def escalated(unit, symbol):
    return f"{unit} chậm báo cáo kết quả thực hiện văn bản số {symbol}"


@pytest.fixture(autouse=True)
def _report_reminders_only(settings):
    """Other apps' providers (conduct_app's acknowledgements) have their own tests and
    demo data; here the outbox holds report reminders only."""
    settings.REMINDER_PROVIDERS = ["directives_app.compliance.reminders.report_reminders"]


@pytest.fixture
def directive(make_directive):
    """make_directive, with every demo report withdrawn first so that the outbox holds
    only the reminders of the directives a test issues."""
    ComplianceReport.objects.update(status=ReportStatus.WITHDRAWN)

    def make(title, units, issued_on):
        return make_directive(title=title, units=units, issued_on=issued_on)

    return make


@pytest.fixture
def before_tet(directive):
    """Issued Fri 14/01/2022 to Xã Ia Bă: 10 working days → due Fri 28/01, the last
    working day before Tết."""
    page = directive("tuyên truyền trước Tết", ("xa-ia-ba",), D(2022, 1, 14))
    assert ComplianceReport.objects.get(directive=page).due_date == D(2022, 1, 28)
    return page


@pytest.fixture
def across_tet(directive):
    """Issued Wed 19/01/2022 to Xã Ia O: 10 working days skip Tết and both weekends → due
    Wed 09/02; its "3 working days before" is Fri 28/01, a week earlier in calendar days."""
    page = directive("rà soát trang giả mạo", ("xa-ia-o",), D(2022, 1, 19))
    assert ComplianceReport.objects.get(directive=page).due_date == D(2022, 2, 9)
    return page


@pytest.mark.django_db
def test_schedule_around_tet_2022_runs_twice_a_day_and_sends_nothing_twice(before_tet, across_tet):
    a, b = before_tet.symbol, across_tet.symbol
    a_late = {("xa-ia-ba.truong", late(a))}
    both_late = a_late | {("xa-ia-o.truong", late(b))}
    expected = {
        D(2022, 1, 25): {("xa-ia-ba.truong", soon(a)), ("xa-ia-ba.canbo", soon(a))},
        D(2022, 1, 28): {
            ("xa-ia-ba.truong", today(a)),
            ("xa-ia-ba.canbo", today(a)),
            ("xa-ia-o.truong", soon(b)),
            ("xa-ia-o.canbo", soon(b)),
        },
        # 29/01–06/02: weekend, Tết, weekend: nothing, though report A is already late.
        D(2022, 2, 7): a_late,
        D(2022, 2, 8): a_late,
        D(2022, 2, 9): a_late | {("xa-ia-o.truong", today(b)), ("xa-ia-o.canbo", today(b))},
        D(2022, 2, 10): both_late,
        # A is 5 working days late (7, 8, 9, 10, 11/02): the leaders are told, once.
        D(2022, 2, 11): both_late | {("lanhdao", escalated("Xã Ia Bă", a))},
        D(2022, 2, 14): both_late,
        D(2022, 2, 15): both_late,
        D(2022, 2, 16): both_late | {("lanhdao", escalated("Xã Ia O", b))},
        D(2022, 2, 17): both_late,
        D(2022, 2, 18): both_late,
    }
    for day in days(D(2022, 1, 20), D(2022, 2, 20)):
        run(day)
        assert outbox() == expected.get(day, set()), day
        second = run(day)
        assert outbox() == set(), f"second run on {day} sent again"
        if day in expected:
            assert "đã gửi 0 thư" in second
    assert not SentReminder.objects.filter(date__range=(D(2022, 1, 29), D(2022, 2, 6))).exists()
    assert SentReminder.objects.filter(kind="escalation").count() == 2


@pytest.mark.django_db
def test_weekend_and_tet_days_say_so_and_send_nothing(before_tet):
    for day in (D(2022, 1, 29), D(2022, 1, 31), D(2022, 2, 3), D(2022, 2, 6)):
        output = run(day)
        assert "không phải ngày làm việc" in output
        assert f"{day:%d/%m/%Y}" in output
    assert mail.outbox == []
    assert run(D(2022, 2, 7)).startswith("Nhắc việc ngày 07/02/2022: đã gửi 1 thư.")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_dry_run_lists_recipients_and_sends_or_records_nothing(before_tet, across_tet):
    output = run(D(2022, 1, 28), dry_run=True, verbosity=2)
    assert mail.outbox == []
    assert not SentReminder.objects.exists()
    assert "Chạy thử ngày 28/01/2022: 4 thư sẽ được gửi" in output
    assert "Sắp đến hạn: 2 thư" in output
    assert "Đến hạn hôm nay: 2 thư" in output
    assert "xa-ia-o.canbo <xa-ia-o.canbo@example.gov.vn> (email)" in output
    assert today(before_tet.symbol) in output
    # the real run afterwards sends exactly what the dry run announced
    real = run(D(2022, 1, 28))
    assert "đã gửi 4 thư" in real
    assert len(mail.outbox) == 4
    assert SentReminder.objects.count() == 4


@pytest.mark.django_db
def test_summary_counts_per_kind_and_lists_only_with_verbosity_2(before_tet, across_tet):
    run(D(2022, 2, 10))
    output = run(D(2022, 2, 11))
    assert "Nhắc việc ngày 11/02/2022: đã gửi 3 thư." in output
    assert "Quá hạn: 2 thư" in output
    assert "Báo cáo lãnh đạo: 1 thư" in output
    assert "lanhdao" not in output
    assert "lanhdao <lanhdao@example.gov.vn>" in run(D(2022, 2, 16), verbosity=2)


@pytest.mark.django_db
def test_email_is_vietnamese_utf8_with_rfc2047_subject(before_tet):
    run(D(2022, 1, 25))
    message = next(m for m in mail.outbox if "xa-ia-ba.truong" in m.to[0])
    raw = message.message().as_bytes()
    parsed = email.message_from_bytes(raw)
    header = parsed["Subject"]
    assert header.split()[0].lower().startswith("=?utf-8?")
    assert str(make_header(decode_header(header))).strip() == soon(before_tet.symbol)
    assert "Sắp đến hạn" not in raw.decode("ascii", errors="replace").split("\n\n")[0]
    assert parsed.get_content_charset() == "utf-8"
    body = parsed.get_payload(decode=True).decode("utf-8")
    assert body.startswith("Kính gửi: Thủ trưởng Xã Ia Bă")
    assert f"Văn bản số {before_tet.symbol} ngày 14/01/2022: V/v tuyên truyền trước Tết" in body
    assert "Đơn vị báo cáo: Xã Ia Bă" in body
    assert "Hạn báo cáo: 28/01/2022 (còn 3 ngày làm việc)" in body
    report = ComplianceReport.objects.get(directive=before_tet)
    assert "http://testserver" + edit_url(report) in body
    to = str(make_header(decode_header(parsed["To"])))
    assert to == "Thủ trưởng Xã Ia Bă <xa-ia-ba.truong@example.gov.vn>"


@pytest.mark.django_db
def test_late_and_escalation_bodies_count_working_days(before_tet):
    for day in days(D(2022, 2, 7), D(2022, 2, 11)):
        run(day)
    head = [m for m in mail.outbox if "xa-ia-ba.truong" in m.to[0]][-1]
    assert "Hạn báo cáo: 28/01/2022 (quá hạn 5 ngày làm việc)" in head.body
    assert "Đề nghị đồng chí chỉ đạo hoàn thiện và gửi báo cáo ngay." in head.body
    leader = next(m for m in mail.outbox if "lanhdao" in m.to[0])
    assert "quá hạn từ 5 ngày làm việc trở lên" in leader.body
    assert "Kính báo cáo lãnh đạo để chỉ đạo." in leader.body


@pytest.mark.django_db
def test_due_date_on_a_sunday_reminds_on_the_friday_before(before_tet):
    task = before_tet.tasks.get()
    task.deadline = D(2022, 2, 13)  # a Sunday
    before_tet.tasks = [task]
    before_tet.save_revision().publish()
    assert ComplianceReport.objects.get(directive=before_tet).due_date == D(2022, 2, 13)
    symbol = before_tet.symbol
    sent = {}
    for day in days(D(2022, 2, 7), D(2022, 2, 14)):
        run(day)
        sent[day] = outbox()
    both = {"xa-ia-ba.truong", "xa-ia-ba.canbo"}
    assert sent[D(2022, 2, 8)] == {(user, soon(symbol)) for user in both}  # 9, 10, 11 left
    assert sent[D(2022, 2, 11)] == {(user, today(symbol)) for user in both}
    assert sent[D(2022, 2, 14)] == {("xa-ia-ba.truong", late(symbol))}
    assert all(not sent[day] for day in (D(2022, 2, 7), D(2022, 2, 9), D(2022, 2, 10)))


@pytest.mark.django_db
def test_escalation_catches_up_once_when_the_timer_missed_its_day(before_tet):
    run(D(2022, 2, 10))
    outbox()
    # no run on Fri 11/02 (the 5th working day late); the next run is on Monday
    run(D(2022, 2, 14))
    assert ("lanhdao", escalated("Xã Ia Bă", before_tet.symbol)) in outbox()
    run(D(2022, 2, 15))
    assert outbox() == {("xa-ia-ba.truong", late(before_tet.symbol))}


@pytest.mark.django_db
def test_submitted_accepted_and_withdrawn_reports_get_no_reminder(
    before_tet, across_tet, client_for
):
    report = ComplianceReport.objects.get(directive=before_tet)
    data = report_form(report, **{"action-submit": "1"})
    response = client_for("xa-ia-ba.truong").post(edit_url(report), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    ComplianceReport.objects.filter(directive=across_tet).update(status=ReportStatus.ACCEPTED)
    mail.outbox.clear()
    for day in days(D(2022, 2, 7), D(2022, 2, 18)):
        run(day)
    assert mail.outbox == []


@pytest.mark.django_db
def test_one_message_per_recipient_lists_every_report_due(directive):
    first = directive("phòng, chống tin giả", ("xa-ia-ba",), D(2022, 1, 14))
    second = directive("bảo đảm an toàn thông tin", ("xa-ia-ba",), D(2022, 1, 14))
    run(D(2022, 1, 25))
    messages = {parseaddr(m.to[0])[1]: m for m in mail.outbox}
    body = messages["xa-ia-ba.canbo@example.gov.vn"].body
    assert f"1. Văn bản số {first.symbol}" in body
    assert f"2. Văn bản số {second.symbol}" in body
    assert outbox() == {
        ("xa-ia-ba.truong", "Sắp đến hạn 2 báo cáo kết quả thực hiện"),
        ("xa-ia-ba.canbo", "Sắp đến hạn 2 báo cáo kết quả thực hiện"),
    }
    assert SentReminder.objects.filter(kind="due_soon").count() == 4
    run(D(2022, 1, 25))
    assert outbox() == set()


class RecordingChannel(Channel):
    """A stand-in for an SMS or Zalo channel: it only reaches heads."""

    name = "sms"
    label = "SMS"
    sent: list = []

    def reaches(self, recipient) -> bool:
        return recipient.username.endswith(".truong")

    def address(self, recipient) -> str:
        return "+84 90 000 0000"

    def send(self, recipient, subject, body) -> None:
        RecordingChannel.sent.append((recipient.username, subject))


class FlakyChannel(RecordingChannel):
    name = "flaky"
    down = True

    def send(self, recipient, subject, body) -> None:
        if FlakyChannel.down:
            raise ConnectionError("gateway down")
        super().send(recipient, subject, body)


@pytest.mark.django_db
def test_another_channel_plugs_in_with_its_own_delivery_record(before_tet):
    RecordingChannel.sent = []
    channels = ["directives_app.core.notifications.EmailChannel", f"{__name__}.RecordingChannel"]
    with override_settings(NOTIFICATION_CHANNELS=channels):
        run(D(2022, 2, 7))
        run(D(2022, 2, 7))
    assert outbox() == {("xa-ia-ba.truong", late(before_tet.symbol))}
    assert RecordingChannel.sent == [("xa-ia-ba.truong", late(before_tet.symbol))]
    assert set(SentReminder.objects.values_list("channel", flat=True)) == {"email", "sms"}


@pytest.mark.django_db
def test_a_failing_channel_records_nothing_and_the_next_run_retries(before_tet):
    RecordingChannel.sent = []
    FlakyChannel.down = True
    channels = [f"{__name__}.FlakyChannel", "directives_app.core.notifications.EmailChannel"]
    with override_settings(NOTIFICATION_CHANNELS=channels):
        with pytest.raises(CommandError, match="1 thư không gửi được; lần chạy sau sẽ gửi lại"):
            run(D(2022, 2, 7))
        assert outbox() == {("xa-ia-ba.truong", late(before_tet.symbol))}
        assert list(SentReminder.objects.values_list("channel", flat=True)) == ["email"]
        FlakyChannel.down = False
        assert "đã gửi 1 thư" in run(D(2022, 2, 7))
    assert outbox() == set()  # the e-mail is not sent again
    assert RecordingChannel.sent == [("xa-ia-ba.truong", late(before_tet.symbol))]
    assert sorted(SentReminder.objects.values_list("channel", flat=True)) == ["email", "flaky"]


def fake_provider(today, dry_run):
    """Stands for conduct_app's acknowledgement reminders."""
    if dry_run:
        return []
    return [
        Delivery(
            kind="acknowledgement",
            kind_label="Xác nhận Bộ quy tắc ứng xử",
            recipient="canbo <canbo@example.gov.vn>",
            channel="email",
            subject="Nhắc xác nhận Bộ quy tắc ứng xử",
        )
    ]


@pytest.mark.django_db
def test_reminder_providers_come_from_settings(before_tet):
    providers = [
        "directives_app.compliance.reminders.report_reminders",
        f"{__name__}.fake_provider",
    ]
    with override_settings(REMINDER_PROVIDERS=providers):
        output = run(D(2022, 2, 7))
    assert "đã gửi 2 thư" in output
    assert "Xác nhận Bộ quy tắc ứng xử: 1 thư" in output
    with override_settings(REMINDER_PROVIDERS=["no_such_app.reminders.nothing"]):
        with pytest.raises(CommandError, match=r"no_such_app\.reminders\.nothing"):
            run(D(2022, 2, 8))


@pytest.mark.django_db
def test_bad_date_is_refused():
    with pytest.raises(CommandError, match="Ngày không hợp lệ: 2022-02-30"):
        run("2022-02-30")
