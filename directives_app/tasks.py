"""Background tasks of directives_app (django-tasks). Each takes ids, never objects, and
can run again after a worker died in the middle: it re-reads its row and skips what is
already done (see docs/DECISIONS.md, issue 17)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_outgoing_email(email_id: int) -> bool:
    from .background.outbox import send_outgoing

    return send_outgoing(email_id)


@task()
def prepare_file(file_id: str) -> str:
    from .background.prepared_files import build_prepared_file

    return build_prepared_file(file_id)
