"""E-mail to a handler unit's staff when a report is routed to it (issue 15, item 8).

Hung on `conduct_app.incidents.signals.report_routed`: triage does not know who is told. The
recipients are the unit's members whom the report policy lets handle the report (a
police officer who only drafts compliance reports is not told), with an e-mail address.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from conduct_app.models import IncidentReport
from directives_app.models import Unit

from .permissions import INCIDENT_POLICY

logger = logging.getLogger(__name__)


def recipients(report: IncidentReport, unit: Unit) -> list:
    users = (
        get_user_model()
        .objects.filter(unit_memberships__unit=unit, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [
        user
        for user in users
        if INCIDENT_POLICY.user_has_permission_for_instance(user, "change", report)
    ]


def notify_routed(sender, report: IncidentReport, unit: Unit, user=None, **kwargs) -> None:
    people = [person for person in recipients(report, unit) if person != user]
    if not people:
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    path = reverse("wagtailsnippets_conduct_app_incidentreport:edit", args=[report.pk])
    # The site's language: handlers read Vietnamese whatever their admin language.
    with translation.override(settings.LANGUAGE_CODE):
        context = {"report": report, "unit": unit, "url": base + path}
        subject = render_to_string("conduct_app/email/report_routed_subject.txt", context).strip()
        body = render_to_string("conduct_app/email/report_routed.txt", context)
    for person in people:
        try:
            send_mail(subject, body, None, [person.email])
        except OSError:
            logger.exception("Could not e-mail %s about report %s", person.pk, report.code)
