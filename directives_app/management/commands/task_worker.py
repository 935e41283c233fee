"""`manage.py task_worker --worker-id NAME`: the durable task queue's worker.

django-tasks-db's `db_worker`, plus recovery: a task this worker id was running when its
process died (SIGKILL, power cut, OOM) is put back in the queue at start, so it runs
again and completes. Give each worker process a stable id that no other live process
uses (the systemd unit uses `%H-%i`: host and instance).
"""

from __future__ import annotations

from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.models import DBTaskResult


class Command(DbWorkerCommand):
    help = "Chạy hàng đợi tác vụ nền (django-tasks-db), nhận lại tác vụ dở dang của chính nó."

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        # Few rows are running at any time: the check of the last claim is done here rather
        # than with a JSON lookup that SQLite and PostgreSQL spell differently.
        running = DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, backend_name=options["backend_name"]
        ).only("pk", "worker_ids")
        requeued = 0
        for result in running:
            # The last claim is this id's: its previous process died with the task.
            if result.worker_ids and result.worker_ids[-1] == worker_id:
                DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.READY, started_at=None
                )
                requeued += 1
        if requeued and options["verbosity"]:
            self.stdout.write(f"Requeued {requeued} task(s) left running by {worker_id}.")
        return super().handle(*args, **options)
