"""The leaders' dashboard "Tiến độ thực hiện" on 200 units × 1,000 directives.

Run from the repository root: `.venv/bin/python bench/dashboard.py` (see bench/README.md).

What it does, in a throw-away temporary directory:

1. creates a SQLite database there, migrates it and loads the demo (test settings: demo
   data allowed, DEBUG off, cached templates, page cache off);
2. adds synthetic data: UNITS units (bulk_create), DIRECTIVES live directives (Wagtail
   pages cannot be bulk-created: multi-table inheritance and the page tree, so add_child in
   one transaction), one report per (directive, unit) (bulk_create; every status, half the
   due dates in the past) and one evidence link per submitted report (bulk_create);
3. with Django's test client, logged in as the demo leader `lanhdao`, requests each URL
   once to warm up and then REPEAT times, recording wall time, CPU time of this process
   (time.process_time: the client and the server run in it) and the number of queries;
4. prints a table (medians) and writes the raw figures to bench/results/dashboard-*.json.

Exports of all reports (CSV, XLSX) are measured once each: they are downloads of every row.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def setup_django(db: Path, database_url: str | None = None) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "iagrai_cms.settings.test"
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{db}"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    for name in ("REDIS_URL", "S3_BUCKET"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def create_postgres_database(url: str) -> None:
    """CREATE DATABASE for `url` if it does not exist (the server's `postgres` db)."""
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not found.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def build(units: int, directives: int, evidence: bool = True) -> dict[str, float]:
    """Synthetic units, directives, reports and evidence; seconds spent per step."""

    from directives_app.core.symbols import DocType
    from directives_app.core.vietnamese import collation_key
    from directives_app.models import (
        ComplianceReport,
        DirectiveIndexPage,
        DirectivePage,
        Evidence,
        Unit,
        UnitKind,
    )

    timings = {}
    started = time.perf_counter()
    kinds = [UnitKind.COMMUNE, UnitKind.AGENCY, UnitKind.TOWN]
    names = [f"Đơn vị thử nghiệm {index:03d}" for index in range(units)]
    new_units = Unit.objects.bulk_create(
        Unit(
            code=f"bench-{index}",
            name=name,
            kind=kinds[index % len(kinds)],
            sort_name=collation_key(name),
        )
        for index, name in enumerate(names)
    )
    timings["units (bulk_create)"] = time.perf_counter() - started

    started = time.perf_counter()
    register = DirectiveIndexPage.objects.get()
    issuer = Unit.objects.get(code="ubnd-huyen-ia-grai")
    types = [DocType.CONG_VAN, DocType.KE_HOACH, DocType.CHI_THI]
    pages = bulk_directives(
        register,
        [
            DirectivePage(
                title=f"văn bản thử nghiệm số {index}",
                slug=f"bench-{index}",
                issuer=issuer,
                doc_type=types[index % len(types)],
                number=10000 + index,
                issued_on=datetime.date(2024 + index % 3, 1 + index % 12, 1 + index % 28),
                requires_reports=True,
                body="Nội dung.",
                live=True,
            )
            for index in range(directives)
        ],
    )
    timings["directives (bulk insert)"] = time.perf_counter() - started

    started = time.perf_counter()
    insert_reports([page.pk for page in pages], [unit.pk for unit in new_units])
    timings["reports (INSERT … SELECT)"] = time.perf_counter() - started
    reports = ComplianceReport.objects.filter(unit__in=new_units, submitted_at__isnull=False)

    if not evidence:
        return timings
    started = time.perf_counter()
    Evidence.objects.bulk_create(
        (
            Evidence(
                report=report,
                kind=Evidence.Kind.LINK,
                url=f"https://example.gov.vn/bai/{report.pk}",
                sha256=f"{report.pk:064x}",
                submitted_at=report.submitted_at,
            )
            for report in reports.only("pk", "submitted_at").iterator(chunk_size=5000)
        ),
        batch_size=5000,
    )
    timings["evidence (bulk_create)"] = time.perf_counter() - started
    return timings


def insert_reports(directive_ids: list[int], unit_ids: list[int]) -> None:
    """One report per (directive, unit) with one set-based INSERT … SELECT (the database
    makes the 800,000 rows; building them as Python objects took most of the set-up).
    Every status in turn, half the due dates 30 days in the past, the other columns at
    their model defaults."""
    from django.db import connection, models
    from django.utils import timezone

    from directives_app.models import ComplianceReport, ReportStatus

    today = datetime.date.today()
    sent = datetime.datetime(2025, 6, 1, 8, 0, tzinfo=datetime.UTC)
    cycle = [
        ReportStatus.NOT_STARTED,
        ReportStatus.DRAFT,
        ReportStatus.SUBMITTED,
        ReportStatus.RETURNED,
        ReportStatus.ACCEPTED,
    ]
    own = {"id", "directive_id", "unit_id", "status", "due_date", "submitted_at", "decided_at"}
    columns, values = [], []
    for field in ComplianceReport._meta.concrete_fields:
        if field.attname in own:
            continue
        if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            default = timezone.now()
        else:
            default = field.get_default()
        columns.append(connection.ops.quote_name(field.column))
        values.append(field.get_db_prep_save(default, connection))
    status = " ".join(f"WHEN {i} THEN '{value}'" for i, value in enumerate(cycle))
    table = ComplianceReport._meta.db_table
    marks = ", ".join(["%s"] * len(columns))
    directives = ", ".join(str(int(pk)) for pk in directive_ids)
    units = ", ".join(str(int(pk)) for pk in unit_ids)
    sql = (
        f"INSERT INTO {table} (directive_id, unit_id, status, due_date, submitted_at, "
        f"decided_at, {', '.join(columns)}) "
        f"SELECT d.id, u.id, CASE (d.r + u.r) % 5 {status} END, "
        f"CASE WHEN (d.r + u.r) % 2 = 0 THEN %s ELSE %s END, "
        f"CASE WHEN (d.r + u.r) % 5 >= 2 THEN %s END, "
        f"CASE WHEN (d.r + u.r) % 5 >= 3 THEN %s END, {marks} "
        f"FROM (SELECT page_ptr_id AS id, ROW_NUMBER() OVER (ORDER BY page_ptr_id) - 1 AS r "
        f"FROM directives_app_directivepage WHERE page_ptr_id IN ({directives})) d "
        f"CROSS JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS r "
        f"FROM directives_app_unit WHERE id IN ({units})) u"
    )
    params = [
        connection.ops.adapt_datefield_value(today - datetime.timedelta(days=30)),
        connection.ops.adapt_datefield_value(today + datetime.timedelta(days=30)),
        connection.ops.adapt_datetimefield_value(sent),
        connection.ops.adapt_datetimefield_value(sent),
        *values,
    ]
    with connection.cursor() as cursor:
        # "%" of the modulo is the driver's placeholder character: doubled.
        cursor.execute(sql.replace("% 5", "%% 5").replace("% 2", "%% 2"), params)


def bulk_directives(register, pages: list) -> list:
    """Insert live directive pages under `register` in bulk: the page rows with their tree
    paths (Page.bulk_create), then the DirectivePage rows (a multi-table child, which
    bulk_create refuses, so through the manager's _insert). add_child would take a
    transaction per page: minutes for 5,000."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page

    from directives_app.models import DirectivePage

    content_type = ContentType.objects.get_for_model(DirectivePage)
    last = register.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    fields = [field for field in DirectivePage._meta.local_concrete_fields]
    with transaction.atomic():
        for page in pages:
            position += 1
            page.path = register.path + Page._int2str(position).rjust(Page.steplen, "0")
            page.depth = register.depth + 1
            page.numchild = 0
            page.content_type = content_type
            page.locale_id = register.locale_id
            page.draft_title = page.title
            page.url_path = f"{register.url_path}{page.slug}/"
            page.issued_year = page.issued_on.year
            page.symbol = page.compose_symbol()
        bases = Page.objects.bulk_create(
            [
                Page(
                    **{
                        field.attname: getattr(page, field.attname)
                        for field in Page._meta.concrete_fields
                        if field.attname != "id"
                    }
                )
                for page in pages
            ],
            batch_size=500,
        )
        for page, base in zip(pages, bases, strict=True):
            page.pk = page.id = page.page_ptr_id = base.pk
        for start in range(0, len(pages), 200):
            DirectivePage._base_manager._insert(pages[start : start + 200], fields=fields)
        Page.objects.filter(pk=register.pk).update(numchild=register.numchild + len(pages))
    return pages


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def once() -> tuple[float, float, int, int, int]:
        wall, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        if not body:
            raise SystemExit(f"{url}: empty response")
        sql = sum(float(query["time"]) for query in context.captured_queries)
        return wall, cpu, len(context.captured_queries), len(body), sql

    once()  # warm-up: templates, content types, URL resolvers
    runs = [once() for _ in range(repeat)]
    return {
        "url": url,
        "repeat": repeat,
        "wall_ms": [round(run[0] * 1000, 1) for run in runs],
        "cpu_ms": [round(run[1] * 1000, 1) for run in runs],
        "best_wall_ms": round(min(run[0] for run in runs) * 1000, 1),
        "median_wall_ms": round(statistics.median(run[0] for run in runs) * 1000, 1),
        "best_cpu_ms": round(min(run[1] for run in runs) * 1000, 1),
        "median_cpu_ms": round(statistics.median(run[1] for run in runs) * 1000, 1),
        # Wall time spent waiting for the database's answers (PostgreSQL works in its own
        # process, so the process's CPU time does not include it).
        "median_sql_ms": round(statistics.median(run[4] for run in runs) * 1000, 1),
        "queries": sorted({run[2] for run in runs}),
        "bytes": runs[-1][3],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--directives", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-exports", action="store_true", help="skip the CSV/XLSX downloads")
    parser.add_argument(
        "--dashboard-only",
        action="store_true",
        help="measure the dashboard pages only (no PDF report, no public page)",
    )
    parser.add_argument(
        "--no-evidence", action="store_true", help="no evidence rows (the dashboard reads none)"
    )
    parser.add_argument(
        "--database-url",
        help="PostgreSQL instead of a SQLite file, e.g. "
        "postgres://postgres@127.0.0.1:5432/iagrai_province_bench (created if missing; the "
        "data is built once and reused by later runs)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="keep the built SQLite database at this path, or reuse it if it exists "
        "(the build takes minutes; the default is a temporary file)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="iagrai-bench-dashboard-") as name:
        tmp = Path(name)
        db = args.db.resolve() if args.db else tmp / "bench.sqlite3"
        if args.database_url:
            create_postgres_database(args.database_url)
        setup_django(db, args.database_url)
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        setup_seconds = {}
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        from directives_app.models import DirectivePage as _Directive

        reuse = _Directive.objects.filter(slug="bench-0").exists()
        if not reuse:
            call_command("load_demo", stdout=StringIO())
            setup_seconds["migrate + load_demo"] = time.perf_counter() - started
            setup_seconds.update(build(args.units, args.directives, not args.no_evidence))
            if connection.vendor == "postgresql":
                started = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
                setup_seconds["ANALYZE"] = time.perf_counter() - started
        else:
            print(f"setup: reusing {args.database_url or db}", flush=True)
        from directives_app.progress.tally import reconcile

        started = time.perf_counter()
        recounted = reconcile()
        setup_seconds[f"summary: count in {recounted} directives"] = time.perf_counter() - started
        for step, seconds in setup_seconds.items():
            print(f"setup: {step:<24} {seconds:7.1f} s", flush=True)

        from directives_app.models import ComplianceReport, DirectivePage, Evidence

        counts = {
            "directives": DirectivePage.objects.count(),
            "reports": ComplianceReport.objects.count(),
            "evidence": Evidence.objects.count(),
        }
        print(f"data: {counts}", flush=True)
        client = Client()
        client.force_login(_user("lanhdao"))
        last_page = -(-counts["directives"] // 20)
        seed = DirectivePage.objects.filter(slug="bench-0").first()
        urls = [
            ("dashboard, page 1", "/admin/tien-do/"),
            ("dashboard, last page", f"/admin/tien-do/?p={last_page}"),
            ("dashboard, year + unit kind", "/admin/tien-do/?nam=2025&loai_don_vi=commune"),
            ("filter refresh fragment", "/admin/tien-do/ket-qua/?loai=ke_hoach"),
            ("PDF report of one directive", f"/admin/tien-do/{seed.pk}/pdf/"),
        ]
        if args.dashboard_only:
            urls = urls[:4]
        results = []
        for label, url in urls:
            result = measure(client, url, args.repeat)
            result["label"] = label
            results.append(result)
            print(_row(result), flush=True)
        if not args.dashboard_only:
            anonymous = Client()
            result = measure(anonymous, seed.url + "tien-do/", args.repeat)
            result["label"] = f"public progress page ({args.units} units)"
            results.append(result)
            print(_row(result), flush=True)
        if not args.no_exports:
            for fmt in ("csv", "xlsx"):
                result = measure(client, f"/admin/tien-do/?export={fmt}", 1)
                result["label"] = f"export {fmt.upper()} (all {counts['reports']} reports)"
                results.append(result)
                print(_row(result), flush=True)

    record = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "units": args.units,
        "directives": args.directives,
        "data": counts,
        "setup_seconds": {key: round(value, 1) for key, value in setup_seconds.items()},
        "reused_db": reuse,
        "database": connection.vendor,
        "nproc": os.cpu_count(),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
        "results": results,
    }
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"dashboard-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2))
    print(f"raw figures: {path.relative_to(REPO)}")
    return 0


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _row(result: dict) -> str:
    return (
        f"{result['label']:<44} wall best {result['best_wall_ms']:8.1f} "
        f"median {result['median_wall_ms']:8.1f} ms  cpu best {result['best_cpu_ms']:8.1f} "
        f"median {result['median_cpu_ms']:8.1f} ms  sql {result['median_sql_ms']:8.1f} ms  "
        f"queries {result['queries']}  "
        f"{result['bytes'] / 1024:8.1f} KiB"
    )


if __name__ == "__main__":
    sys.exit(main())
