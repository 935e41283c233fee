"""A whole-table export of ~800,000 reports through the task worker (issue 17).

Run from the repository root (PostgreSQL; the database named is dropped and made again):
  .venv/bin/python bench/export.py [--units 800] [--directives 1000] [--format csv]
      [--database-url postgres://postgres@127.0.0.1:5432/iagrai_queue_export]

1. migrate, load the demo, add UNITS × DIRECTIVES reports (tests/compliance/progress_data);
2. as the demo leader, GET /admin/tien-do/?export=FORMAT with TASK_BACKEND=database: the
   time until the redirect to the status page, and the status page's first percentage;
3. `manage.py task_worker --batch` under /usr/bin/time: wall time and maximum RSS, while
   the progress (rows_done) is sampled every second;
4. the file is read back and its rows counted against the database.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=800)
    parser.add_argument("--directives", type=int, default=1000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/iagrai_queue_export"
    )
    args = parser.parse_args()
    media = Path("/tmp/iagrai-export-bench")
    media.mkdir(exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="iagrai_cms.settings.test",
        DATABASE_URL=args.database_url,
        TASK_BACKEND="database",
        TEST_MEDIA_DIR=str(media),
        PAGE_CACHE_SECONDS="0",
    )
    os.environ.pop("REDIS_URL", None)
    sys.path[:0] = [str(REPO), str(REPO / "tests" / "compliance")]
    base, name = args.database_url.rsplit("/", 1)
    if not args.skip_build:
        subprocess.run(
            [
                "psql",
                f"{base}/postgres",
                "-qc",
                f'DROP DATABASE IF EXISTS "{name}"',
                "-qc",
                f'CREATE DATABASE "{name}"',
            ],
            check=True,
        )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from directives_app.models import ComplianceReport, PreparedFile, ReportStatus

    if not args.skip_build:
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=open(os.devnull, "w"))
        from progress_data import build

        started = time.perf_counter()
        build(args.units, args.directives, 2031, evidence_per_report=0)
        print(f"built {args.units} × {args.directives} in {time.perf_counter() - started:.0f} s")
    reports = ComplianceReport.objects.exclude(status=ReportStatus.WITHDRAWN).count()
    print(f"reports: {reports}")
    client = Client()
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    started = time.perf_counter()
    response = client.get(f"/admin/tien-do/?export={args.format}")
    print(f"request: {response.status_code} in {1000 * (time.perf_counter() - started):.0f} ms")
    prepared = PreparedFile.objects.latest("created_at")
    status = client.get(response.url).content.decode()
    print("status page: progress bar" if "<progress" in status else "status page: no bar")
    worker = subprocess.Popen(
        [
            "/usr/bin/time",
            "-f",
            "worker: %e s wall, %M KB max RSS",
            sys.executable,
            "manage.py",
            "task_worker",
            "--batch",
            "--no-startup-delay",
            "--worker-id",
            "bench-export",
            "-v0",
        ],
        cwd=REPO,
        env=os.environ,
    )
    samples = []
    while worker.poll() is None:
        time.sleep(1)
        prepared.refresh_from_db()
        samples.append(prepared.rows_done)
    print("progress samples (rows written):", samples[:: max(1, len(samples) // 12)])
    prepared.refresh_from_db()
    print(f"status: {prepared.status} {prepared.error}")
    with prepared.file.open("rb") as handle:
        if args.format == "csv":
            rows = sum(1 for _ in handle) - 1
        else:
            import openpyxl

            # A write-only workbook records no dimension (max_row is None): count them.
            sheet = openpyxl.load_workbook(handle, read_only=True).active
            rows = sum(1 for _ in sheet.iter_rows(values_only=True)) - 1
    live = ComplianceReport.objects.exclude(status=ReportStatus.WITHDRAWN).filter(
        directive__live=True
    )
    print(f"file rows: {rows}, expected: {live.count()}, size: {prepared.file.size} bytes")
    return 0 if rows == live.count() else 1


if __name__ == "__main__":
    sys.exit(main())
