"""What happens when a directive is issued (published): its addressed units are resolved
and stored, and the issue is written to Wagtail's audit log."""

from __future__ import annotations

from django.db import transaction
from wagtail.log_actions import log

from directives_app.models import DirectiveAddressee, DirectivePage


def resolved_units(page: DirectivePage) -> list:
    units: dict[int, object] = {}
    for task in page.tasks.prefetch_related("addressee_units", "addressee_groups"):
        for unit in task.resolved_units(page.issued_on):
            units.setdefault(unit.pk, unit)
    return list(units.values())


@transaction.atomic
def sync_addressees(page: DirectivePage) -> None:
    """Make DirectiveAddressee rows exactly the units the live version addresses."""
    wanted = {unit.pk for unit in resolved_units(page)}
    existing = set(DirectiveAddressee.objects.filter(page=page).values_list("unit_id", flat=True))
    DirectiveAddressee.objects.filter(page=page, unit_id__in=existing - wanted).delete()
    DirectiveAddressee.objects.bulk_create(
        [DirectiveAddressee(page=page, unit_id=unit_id) for unit_id in wanted - existing]
    )


def on_published(page: DirectivePage, revision, user=None) -> None:
    from directives_app.compliance.services import sync_reports

    sync_addressees(page)
    sync_reports(page)
    if getattr(page, "_just_issued", False):
        log(
            instance=page,
            action="directives_app.issue",
            user=user,
            revision=revision,
            data={
                "number": page.number,
                "symbol": page.symbol,
                "issued_on": page.issued_on.isoformat(),
            },
        )
        page._just_issued = False
