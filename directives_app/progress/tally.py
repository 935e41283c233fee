"""The leaders' dashboard summary: report counts per (unit, year, document type, issuer,
stored status, due date), so that per-unit totals read a few thousand summary rows
instead of every report (800,000 in a province: 160 units × 5,000 directives).

How it stays right (docs/DECISIONS.md, issue 17):

- Database triggers on the reports table move a report's count from its old key to its new
  one in the same transaction as the change, whatever makes it: the compliance services,
  Wagtail's workflow signals, `bulk_create`, a queryset `update()`, a hand-made UPDATE. The
  statements are plain SQL that SQLite (≥ 3.33) and PostgreSQL both accept.
- Only reports of *tallied* directives are counted: TalliedDirective holds the live
  directives that require reports, with the (year, type, issuer) their reports are counted
  under. `reconcile()` compares it with the directives (one query over directives, not
  reports) and re-counts the few that were published, unpublished, edited or deleted; the
  dashboard calls it before reading, so a publish needs no hook of its own.
- "Overdue" is not stored: open reports keep their due date in the key, and the dashboard
  classifies with today's date when it reads, as `progress.status_counts` does for reports.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from directives_app.models import DirectivePage, ProgressTally, ReportStatus, TalliedDirective
from directives_app.models.compliance import NO_DUE_DATE, OPEN_STATUSES

TALLY = ProgressTally._meta.db_table
TALLIED = TalliedDirective._meta.db_table
REPORTS = "directives_app_compliancereport"
KEY = "unit_id, issued_year, doc_type, issuer_key, status, due_date"
_OPEN = ", ".join(f"'{status.value}'" for status in OPEN_STATUSES)
_WITHDRAWN = f"'{ReportStatus.WITHDRAWN.value}'"
_NO_DUE = f"'{NO_DUE_DATE.isoformat()}'"


def _due(row: str) -> str:
    return (
        f"CASE WHEN {row}.status IN ({_OPEN}) AND {row}.due_date IS NOT NULL "
        f"THEN {row}.due_date ELSE {_NO_DUE} END"
    )


def _add(row: str) -> str:
    return (
        f"INSERT INTO {TALLY} ({KEY}, reports) "
        f"SELECT {row}.unit_id, d.issued_year, d.doc_type, d.issuer_key, {row}.status, "
        f"{_due(row)}, 1 FROM {TALLIED} d "
        f"WHERE d.directive_id = {row}.directive_id AND {row}.status <> {_WITHDRAWN} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET reports = {TALLY}.reports + 1;"
    )


def _subtract(row: str) -> str:
    return (
        f"UPDATE {TALLY} SET reports = reports - 1 "
        f"WHERE unit_id = {row}.unit_id AND status = {row}.status AND due_date = {_due(row)} "
        f"AND {row}.status <> {_WITHDRAWN} AND (issued_year, doc_type, issuer_key) IN "
        f"(SELECT d.issued_year, d.doc_type, d.issuer_key FROM {TALLIED} d "
        f"WHERE d.directive_id = {row}.directive_id);"
    )


_COLUMNS = "status, due_date, unit_id, directive_id"
_CHANGED = " OR ".join(
    f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in _COLUMNS.split(", ")
)

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER progress_tally_insert AFTER INSERT ON {REPORTS} FOR EACH ROW "
    f"BEGIN {_add('NEW')} END",
    f"CREATE TRIGGER progress_tally_delete AFTER DELETE ON {REPORTS} FOR EACH ROW "
    f"BEGIN {_subtract('OLD')} END",
    f"CREATE TRIGGER progress_tally_update AFTER UPDATE OF {_COLUMNS} ON {REPORTS} "
    f"FOR EACH ROW WHEN {_CHANGED.replace('IS DISTINCT FROM', 'IS NOT')} "
    f"BEGIN {_subtract('OLD')} {_add('NEW')} END",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS progress_tally_{name}" for name in ("insert", "delete", "update")
]
POSTGRES_TRIGGERS = [
    "CREATE FUNCTION progress_tally_report() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_subtract('OLD')} END IF; "
    f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {_add('NEW')} END IF; "
    "RETURN NULL; END $$",
    f"CREATE TRIGGER progress_tally_insert_delete AFTER INSERT OR DELETE ON {REPORTS} "
    "FOR EACH ROW EXECUTE FUNCTION progress_tally_report()",
    f"CREATE TRIGGER progress_tally_update AFTER UPDATE OF {_COLUMNS} ON {REPORTS} "
    f"FOR EACH ROW WHEN ({_CHANGED}) EXECUTE FUNCTION progress_tally_report()",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS progress_tally_insert_delete ON {REPORTS}",
    f"DROP TRIGGER IF EXISTS progress_tally_update ON {REPORTS}",
    "DROP FUNCTION IF EXISTS progress_tally_report()",
]


def install_triggers(schema_editor, drop: bool = False) -> None:
    """Create (or drop) the triggers: called by the migration for its database."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = POSTGRES_DROP if drop else POSTGRES_TRIGGERS
    elif vendor == "sqlite":
        statements = SQLITE_DROP if drop else SQLITE_TRIGGERS
    else:  # pragma: no cover - the project runs on these two
        raise NotImplementedError(f"progress tally triggers for {vendor}")
    for statement in statements:
        schema_editor.execute(statement, params=None)


# -- reconciliation with the directives ----------------------------------------------------

_BATCH = 500


def _directive_keys() -> dict[int, tuple[int, str, int]]:
    rows = (
        DirectivePage.objects.live()
        .filter(requires_reports=True)
        .values_list("pk", "issued_year", "doc_type", "issuer_id")
    )
    return {pk: (year or 0, doc_type, issuer or 0) for pk, year, doc_type, issuer in rows}


def _grouped(ids: list[int]) -> str:
    """Reports of the tallied directives `ids` (placeholders), grouped by tally key."""
    marks = ", ".join(["%s"] * len(ids))
    return (
        f"SELECT unit_id, issued_year, doc_type, issuer_key, status, due_date, "
        f"COUNT(*) AS n FROM (SELECT r.unit_id, d.issued_year, d.doc_type, d.issuer_key, "
        f"r.status, {_due('r')} AS due_date FROM {REPORTS} r "
        f"JOIN {TALLIED} d ON d.directive_id = r.directive_id "
        f"WHERE r.directive_id IN ({marks}) AND r.status <> {_WITHDRAWN}) AS keyed "
        f"GROUP BY unit_id, issued_year, doc_type, issuer_key, status, due_date"
    )


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), _BATCH):
        yield ids[start : start + _BATCH]


def reconcile() -> int:
    """Re-count the directives whose tallied key differs from the directive (published,
    unpublished, edited, deleted, or never counted). Returns how many were re-counted."""
    current = _directive_keys()
    stored = {
        pk: (year, doc_type, issuer)
        for pk, year, doc_type, issuer in TalliedDirective.objects.values_list(
            "directive_id", "issued_year", "doc_type", "issuer_key"
        )
    }
    changed = {pk for pk in current.keys() | stored.keys() if current.get(pk) != stored.get(pk)}
    if not changed:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Writers of reports wait while the counts move: a report changed between the
            # subtraction and the addition below would otherwise be counted twice or not
            # at all. Self-exclusive, so two reconciliations run one after the other.
            cursor.execute(f"LOCK TABLE {REPORTS} IN SHARE ROW EXCLUSIVE MODE")
            stored = {
                pk: (year, doc_type, issuer)
                for pk, year, doc_type, issuer in TalliedDirective.objects.values_list(
                    "directive_id", "issued_year", "doc_type", "issuer_key"
                )
            }
            changed = {
                pk for pk in current.keys() | stored.keys() if current.get(pk) != stored.get(pk)
            }
        for ids in _chunks(changed & stored.keys()):
            cursor.execute(
                f"UPDATE {TALLY} SET reports = {TALLY}.reports - g.n FROM ({_grouped(ids)}) g "
                f"WHERE {TALLY}.unit_id = g.unit_id AND {TALLY}.issued_year = g.issued_year "
                f"AND {TALLY}.doc_type = g.doc_type AND {TALLY}.issuer_key = g.issuer_key "
                f"AND {TALLY}.status = g.status AND {TALLY}.due_date = g.due_date",
                ids,
            )
        TalliedDirective.objects.filter(directive_id__in=changed).delete()
        TalliedDirective.objects.bulk_create(
            TalliedDirective(directive_id=pk, issued_year=year, doc_type=doc_type, issuer_key=key)
            for pk, (year, doc_type, key) in current.items()
            if pk in changed
        )
        for ids in _chunks(changed & current.keys()):
            # WHERE true: SQLite needs it to read ON CONFLICT as the upsert clause.
            cursor.execute(
                f"INSERT INTO {TALLY} ({KEY}, reports) SELECT * FROM ({_grouped(ids)}) g "
                f"WHERE true ON CONFLICT ({KEY}) DO UPDATE "
                f"SET reports = {TALLY}.reports + excluded.reports",
                ids,
            )
        ProgressTally.objects.filter(reports=0).delete()
    return len(changed)


def rebuild() -> None:
    """Count everything again from the reports (after a restore, or to check)."""
    with transaction.atomic():
        TalliedDirective.objects.all().delete()
        ProgressTally.objects.all().delete()
        reconcile()


# -- reading ---------------------------------------------------------------------------------

# Report filter lookups (ProgressFilterSet's field names) → the summary's.
TALLY_FIELDS = {
    "directive__issued_year": "issued_year",
    "directive__doc_type": "doc_type",
    "directive__issuer": "issuer_key",
    "directive__issuer_id": "issuer_key",
    "unit": "unit",
    "unit_id": "unit_id",
    "unit__kind": "unit__kind",
}


def tally_filters(filterset) -> Q | None:
    """The filterset's active filters as a condition on ProgressTally, or None when one of
    them cannot be answered from the summary (a custom method, a directive filter, …)."""
    if filterset is None or not filterset.is_valid():
        return Q()  # the listing ignores an invalid filter form, so do we
    condition = Q()
    for name, definition in filterset.filters.items():
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        # A filter with a method of its own may say what it means on the summary.
        if summary_condition := getattr(filterset, f"tally_{name}", None):
            condition &= summary_condition(value)
            continue
        field = TALLY_FIELDS.get(definition.field_name)
        if field is None or getattr(definition, "method", None) or definition.exclude:
            return None
        lookup = definition.lookup_expr
        if isinstance(value, (list, tuple, QuerySet)):
            value = [getattr(item, "pk", item) for item in value]
        else:
            value = getattr(value, "pk", value)
        condition &= Q(**{field if lookup == "exact" else f"{field}__{lookup}": value})
    return condition


def tallied_directive_ids(condition: Q) -> QuerySet | None:
    """Ids of the summary's directives (live, requiring reports) that match `condition`,
    after reconcile(); None when it filters units, which these rows cannot answer. A
    directive whose reports are all withdrawn is among them (an empty column)."""
    if _on_units(condition):
        return None
    reconcile()
    return TalliedDirective.objects.filter(condition).values("directive_id")


def _on_units(condition: Q) -> bool:
    return any(
        _on_units(child) if isinstance(child, Q) else child[0].startswith("unit")
        for child in condition.children
    )


def unit_totals(
    condition: Q,
    today: datetime.date,
    statuses: tuple[str, ...],
    overdue: str,
    reconciled: bool = False,
) -> dict[int, dict[str, int]]:
    """unit id → count per progress status (`statuses`, with `overdue` for open reports
    past their due date), over the tallied reports matching `condition` (`reconciled`:
    the caller has just called reconcile())."""
    if not reconciled:
        reconcile()
    late = Q(status__in=OPEN_STATUSES, due_date__lt=today)
    sums = {
        key: Coalesce(
            Sum("reports", filter=Q(status=key) & ~late), Value(0), output_field=IntegerField()
        )
        for key in statuses
        if key != overdue
    }
    sums[overdue] = Coalesce(Sum("reports", filter=late), Value(0), output_field=IntegerField())
    rows = (
        ProgressTally.objects.filter(condition, reports__gt=0)
        .order_by()
        .values("unit_id")
        .annotate(**sums)
    )
    return {row.pop("unit_id"): row for row in rows}
