"""Reminders about compliance reports that units have not sent yet.

Run once or twice on any day by `send_reminders` (a cron job or systemd timer). For every
open report (not started, draft, returned) of a live directive, on working days only:

- due soon: 3 working days before the due date, to the unit's focal officers and head;
- due today: on the due date, to the same people (when the due date falls on a weekend or
  holiday, on the last working day before it);
- late: on each working day after the due date, to the head;
- escalation: once, when the delay reaches 5 working days, to the leaders (the groups of
  the `REMINDER_LEADER_GROUPS` setting). Once and not daily: leaders follow every unit of
  the district, and a daily copy of every late report would bury the signal; the head
  keeps getting the daily reminder and the dashboard shows the delay from then on.

Weekends and holidays (Tết, the district's PublicHoliday rows) send nothing, and count
neither towards "3 days before" nor towards the delay.

Each (report, kind, recipient, day, channel) is sent once: a SentReminder row is inserted
before the message goes out, in the same transaction, so a second run on the same day
finds the row, a run racing this one fails on the unique constraint and skips, and a
channel that raises rolls its row back so the next run tries again. The two one-off
kinds (due soon, escalation) also catch up: if the timer did not run on the scheduled
day, they go out on the next run while still in their window, unless someone already got
them (so a leader who joins later is not sent every old escalation).
"""

from __future__ import annotations

import datetime
import logging
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q

from directives_app.core.notifications import Channel, Delivery, configured_channels
from directives_app.core.working_days import add_working_days, days_off, is_working_day
from directives_app.models import ComplianceReport, Membership, ReminderKind, SentReminder

from .reminder_messages import DueReminder, body_for, subject_for

logger = logging.getLogger(__name__)

DAYS_BEFORE = 3
ESCALATE_AFTER = 5
ONE_OFF_KINDS = (ReminderKind.DUE_SOON, ReminderKind.ESCALATION)
KIND_ORDER = list(ReminderKind.values)


def report_reminders(today: datetime.date, dry_run: bool = False) -> list[Delivery]:
    """Send the reminders due on `today` (or only list them when `dry_run`); a provider of
    the `REMINDER_PROVIDERS` setting."""
    if not is_working_day(today):
        return []
    channels = configured_channels()
    reports = _candidate_reports(today)
    if not reports:
        return []
    due = _schedule(reports, today)
    sent, reminded = _already_sent(reports, today)
    recipients = _recipients(reports)
    messages: dict[tuple[str, int, str], list[DueReminder]] = defaultdict(list)
    people = {}
    for item in due:
        on_schedule = item.working_days == (
            DAYS_BEFORE if item.kind == ReminderKind.DUE_SOON else ESCALATE_AFTER
        )
        for user in recipients(item):
            for channel in channels:
                if not channel.reaches(user):
                    continue
                if (item.report.pk, item.kind, user.pk, channel.name) in sent:
                    continue
                if item.kind in ONE_OFF_KINDS and not on_schedule:
                    if (item.report.pk, item.kind) in reminded:
                        continue
                messages[(item.kind, user.pk, channel.name)].append(item)
                people[user.pk] = user
    by_name = {channel.name: channel for channel in channels}
    deliveries = []
    for (kind, user_pk, channel_name), items in sorted(
        messages.items(),
        key=lambda entry: (KIND_ORDER.index(entry[0][0]), people[entry[0][1]].get_username()),
    ):
        delivery = _deliver(by_name[channel_name], people[user_pk], kind, items, today, dry_run)
        if delivery is not None:
            deliveries.append(delivery)
    return deliveries


def _candidate_reports(today: datetime.date) -> list[ComplianceReport]:
    # Every due date up to the day before the 4th working day from today is at most 3
    # working days away, even when it falls on the weekend or holiday after the 3rd.
    horizon = add_working_days(today, DAYS_BEFORE + 1) - datetime.timedelta(days=1)
    return list(
        ComplianceReport.objects.open()
        .filter(directive__live=True, due_date__isnull=False, due_date__lte=horizon)
        .select_related("unit", "directive")
        .order_by("due_date", "directive__symbol", "unit__sort_name")
    )


def _schedule(reports: list[ComplianceReport], today: datetime.date) -> list[DueReminder]:
    start = min(min(report.due_date for report in reports), today)
    end = max(max(report.due_date for report in reports), today)
    off = days_off(start, end)
    # Sorted working days: "working days after a up to b" is then two bisections, which
    # keeps long-overdue reports cheap.
    workdays = [
        day
        for offset in range((end - start).days + 1)
        if is_working_day(day := start + datetime.timedelta(days=offset), off)
    ]

    def between(after: datetime.date, upto: datetime.date) -> int:
        return bisect_right(workdays, upto) - bisect_right(workdays, after)

    due = []
    for report in reports:
        if report.due_date >= today:
            left = between(today, report.due_date)
            if left == 0:
                due.append(DueReminder(report, ReminderKind.DUE_TODAY, 0))
            elif left <= DAYS_BEFORE:
                due.append(DueReminder(report, ReminderKind.DUE_SOON, left))
        else:
            late = between(report.due_date, today)
            due.append(DueReminder(report, ReminderKind.LATE, late))
            if late >= ESCALATE_AFTER:
                due.append(DueReminder(report, ReminderKind.ESCALATION, late))
    return due


def _already_sent(
    reports: list[ComplianceReport], today: datetime.date
) -> tuple[set[tuple], set[tuple]]:
    """(report, kind, recipient, channel) sent today or, for one-off kinds, ever; and the
    (report, kind) pairs of one-off kinds that anyone has received."""
    rows = SentReminder.objects.filter(report__in=[report.pk for report in reports]).filter(
        Q(date=today) | Q(kind__in=ONE_OFF_KINDS)
    )
    sent = set(rows.values_list("report_id", "kind", "recipient_id", "channel"))
    reminded = {(report, kind) for report, kind, _user, _channel in sent if kind in ONE_OFF_KINDS}
    return sent, reminded


def _recipients(reports: list[ComplianceReport]):
    """A function: reminder → the users it goes to (active users only)."""
    heads: dict[int, list] = defaultdict(list)
    focals: dict[int, list] = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            unit__in={report.unit_id for report in reports},
            role__in=(Membership.Role.HEAD, Membership.Role.FOCAL),
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__username")
    )
    for membership in memberships:
        target = heads if membership.role == Membership.Role.HEAD else focals
        target[membership.unit_id].append(membership.user)
    leader_groups = getattr(settings, "REMINDER_LEADER_GROUPS", [])
    leaders = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=leader_groups)
        .distinct()
        .order_by("username")
    )

    def recipients(item: DueReminder) -> Iterable:
        unit_id = item.report.unit_id
        if item.kind in (ReminderKind.DUE_SOON, ReminderKind.DUE_TODAY):
            return _unique(heads[unit_id] + focals[unit_id])
        if item.kind == ReminderKind.LATE:
            return heads[unit_id]
        if not leaders:
            logger.warning(
                "Escalation of report %s has no recipient: no active user in the groups %s "
                "(setting REMINDER_LEADER_GROUPS).",
                item.report.pk,
                leader_groups,
            )
        return leaders

    return recipients


def _unique(users: list) -> list:
    # A user can be head and focal officer of the same unit; one message is enough.
    seen, unique = set(), []
    for user in users:
        if user.pk not in seen:
            seen.add(user.pk)
            unique.append(user)
    return unique


def _deliver(
    channel: Channel,
    user,
    kind: str,
    items: list[DueReminder],
    today: datetime.date,
    dry_run: bool,
) -> Delivery | None:
    subject = subject_for(kind, items)
    delivery = Delivery(
        kind=kind,
        kind_label=str(ReminderKind(kind).label),
        recipient=f"{user.get_username()} <{channel.address(user)}>",
        channel=channel.name,
        subject=subject,
        items=len(items),
    )
    if dry_run:
        return delivery
    body = body_for(kind, user, items, today, ESCALATE_AFTER)
    try:
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                SentReminder(
                    report=item.report, kind=kind, recipient=user, date=today, channel=channel.name
                )
                for item in items
            )
            channel.send(user, subject, body)
    except IntegrityError:
        # Another run claimed these reminders first and sends them.
        return None
    except Exception as error:
        # The claim was rolled back with the transaction: the next run tries again.
        logger.exception("Reminder to %s via %s failed", user.get_username(), channel.name)
        delivery.error = str(error) or error.__class__.__name__
    return delivery
