"""Receiving a report, from the public form or from a unit in the admin: one transaction
gives it a tracking code, stores its links and screenshots, links it to an earlier report
of the same address, writes the audit log and routes it to its handler. If anything
fails, nothing is kept: no row, no file."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from conduct_app.channels.links import normalise_url
from conduct_app.models import (
    IncidentReport,
    ReportedLink,
    Screenshot,
    Source,
    allocate_tracking_code,
)
from directives_app.models import Unit

from . import triage
from .screenshots import CleanScreenshot

logger = logging.getLogger(__name__)


@dataclass
class Submission:
    """What a reporter tells us; validated by the forms before it gets here."""

    urls: Sequence[str]
    platform: str
    category: str
    description: str
    impersonated: str = ""
    screenshots: Sequence[CleanScreenshot] = field(default_factory=list)
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    confidential: bool = False


def earlier_report_for(normalized_urls: Sequence[str]) -> IncidentReport | None:
    """The first report ever received about any of these addresses (the original that a
    repeated report is linked to)."""
    if not normalized_urls:
        return None
    link = (
        ReportedLink.objects.filter(normalized_url__in=list(normalized_urls))
        .select_related("report")
        .order_by("report__received_at", "report__pk")
        .first()
    )
    if link is None:
        return None
    original = link.report
    # Follow to the root so that every repeat points at the same original.
    seen = {original.pk}
    while original.earlier_report_id and original.earlier_report_id not in seen:
        seen.add(original.earlier_report_id)
        original = original.earlier_report
    return original


def file_report(
    submission: Submission,
    *,
    source: str = Source.PUBLIC,
    submitted_by: Any = None,
    reporting_unit: Unit | None = None,
) -> IncidentReport:
    stored: list[str] = []
    try:
        with transaction.atomic():
            report = _create(submission, source, submitted_by, reporting_unit, stored)
    except BaseException:
        # The rows rolled back; the files did not.
        for name in stored:
            try:
                Screenshot.file.field.storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a failed report", name)
        raise
    return report


def _create(submission, source, submitted_by, reporting_unit, stored: list[str]):
    received_at = timezone.now()
    normalized = []
    for url in submission.urls:
        key = normalise_url(url)
        if key not in normalized:
            normalized.append(key)
    earlier = earlier_report_for(normalized)
    report = IncidentReport.objects.create(
        code=allocate_tracking_code(timezone.localdate(received_at)),
        received_at=received_at,
        source=source,
        platform=submission.platform,
        category=submission.category,
        impersonated=submission.impersonated.strip(),
        description=submission.description.strip(),
        reporter_name=submission.reporter_name.strip(),
        reporter_phone=submission.reporter_phone.strip(),
        reporter_email=submission.reporter_email.strip(),
        confidential=submission.confidential,
        submitted_by=submitted_by,
        reporting_unit=reporting_unit,
        earlier_report=earlier,
    )
    ReportedLink.objects.bulk_create(
        ReportedLink(report=report, url=url.strip(), normalized_url=normalise_url(url))
        for url in submission.urls
    )
    for number, image in enumerate(submission.screenshots, start=1):
        screenshot = Screenshot(
            report=report,
            original_name=image.original_name,
            content_type=image.content_type,
            size=len(image.data),
            width=image.width,
            height=image.height,
            sha256=image.sha256,
        )
        screenshot.file.save(
            f"{report.code}-{number}.{image.extension}", ContentFile(image.data), save=False
        )
        stored.append(screenshot.file.name)
        screenshot.save()
    log(
        instance=report,
        action="conduct_app.incident.receive",
        user=submitted_by,
        data={
            "source": source,
            "unit": reporting_unit.name if reporting_unit else "",
            "earlier_report": earlier.code if earlier else "",
        },
    )
    return triage.route(report)
