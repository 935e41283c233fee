"""The durable queue with a real worker process (PostgreSQL, the production set-up):
a worker killed in the middle of a job runs it again after its restart and completes it,
with nothing lost or doubled; a whole-table export goes through the worker end to end."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directives_app.models import ComplianceReport, OutgoingEmail, PreparedFile, ReportStatus

REPO = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
DURABLE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES, reason="the production queue runs on PostgreSQL"),
]


def worker_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    env.update(
        DJANGO_SETTINGS_MODULE="iagrai_cms.settings.test",
        TASK_BACKEND="database",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        TEST_MEDIA_DIR=str(Path(settings.PRIVATE_MEDIA_ROOT).parent),
        PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), str(REPO)]),
    )
    return env


def start_worker(worker_id: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "task_worker",
            "--worker-id",
            worker_id,
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
            *extra,
        ],
        cwd=REPO,
        env=worker_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_until(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def run_batch(worker_id: str) -> str:
    process = start_worker(worker_id, "--batch")
    output, _ = process.communicate(timeout=180)
    assert process.returncode == 0, output.decode()
    return output.decode()


def test_killed_worker_runs_the_job_again_and_nothing_doubles(
    django_db_setup, django_db_blocker, tmp_path
):
    from task_support import slow_job

    marker = uuid.uuid4().hex[:12]
    worker_id = f"test-{marker}"
    with django_db_blocker.unblock():
        try:
            with override_settings(TASKS=DURABLE):
                result = slow_job.enqueue(marker, 40, str(tmp_path))
            worker = start_worker(worker_id)
            step = tmp_path / f"{marker}.step"
            try:
                wait_until(lambda: step.exists() and int(step.read_text() or 0) >= 3)
            finally:
                os.kill(worker.pid, signal.SIGKILL)
                worker.wait(timeout=30)
            row = DBTaskResult.objects.get(pk=result.id)
            assert row.status == TaskResultStatus.RUNNING  # died with it
            assert int(step.read_text()) < 40
            assert not OutgoingEmail.objects.filter(key=f"slow:{marker}").exists()

            output = run_batch(worker_id)  # the same worker, restarted by systemd

            assert "Requeued 1 task(s)" in output
            row.refresh_from_db()
            assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
            assert row.return_value == marker
            assert (tmp_path / f"{marker}.starts").read_text() == "start\nstart\n"
            emails = OutgoingEmail.objects.filter(key=f"slow:{marker}")
            assert emails.count() == 1
            assert emails.get().sent_at is not None and emails.get().attempts == 1
            # A second restart finds nothing to do: the job does not run a third time.
            run_batch(worker_id)
            assert (tmp_path / f"{marker}.starts").read_text() == "start\nstart\n"
        finally:
            emails = OutgoingEmail.objects.filter(key=f"slow:{marker}")
            DBTaskResult.objects.filter(
                args_kwargs__args__0__in=[marker, *map(str, emails.values_list("pk", flat=True))]
            ).delete()
            DBTaskResult.objects.filter(task_path__endswith="send_outgoing_email").filter(
                args_kwargs__args__0__in=list(emails.values_list("pk", flat=True))
            ).delete()
            emails.delete()


def test_export_through_the_worker_is_complete_and_mailed_once(django_db_setup, django_db_blocker):
    from directives_app.background.prepared_files import request_file

    with django_db_blocker.unblock():
        leader = get_user_model().objects.get(username="lanhdao")
        prepared = None
        try:
            with override_settings(TASKS=DURABLE):
                prepared = request_file(leader, "csv", {}, "Tiến độ (CSV)", "tien-do.csv")
            assert prepared.status == PreparedFile.Status.QUEUED  # the request did not build it
            run_batch(f"test-export-{prepared.pk.hex[:8]}")
            prepared.refresh_from_db()
            assert prepared.status == PreparedFile.Status.DONE, prepared.error
            with prepared.file.open("rb") as handle:
                rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))
            expected = ComplianceReport.objects.exclude(status=ReportStatus.WITHDRAWN).filter(
                directive__live=True
            )
            assert len(rows) - 1 == expected.count() == prepared.rows_total
            email = OutgoingEmail.objects.get(key=f"prepared-file:{prepared.pk}")
            assert email.sent_at is not None and email.attempts == 1
            assert f"/admin/tep/{prepared.pk}/" in email.body
        finally:
            if prepared is not None:
                emails = OutgoingEmail.objects.filter(key=f"prepared-file:{prepared.pk}")
                DBTaskResult.objects.filter(
                    args_kwargs__args__0__in=[
                        str(prepared.pk),
                        *emails.values_list("pk", flat=True),
                    ]
                ).delete()
                emails.delete()
                prepared.file.delete(save=False)
                prepared.delete()
