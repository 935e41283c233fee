"""A slow task for the worker-kill test: it records each start in a file, advances step by
step (a file says how far), and at the end queues one e-mail keyed by its marker."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task

from directives_app.background.outbox import queue_email


@task()
def slow_job(marker: str, steps: int, progress_dir: str) -> str:
    folder = Path(progress_dir)
    with (folder / f"{marker}.starts").open("a") as starts:
        starts.write("start\n")
    for step in range(1, steps + 1):
        time.sleep(0.1)
        (folder / f"{marker}.step").write_text(str(step))
    queue_email(["lanhdao@example.org"], f"Xong {marker}", "Đã xong.", key=f"slow:{marker}")
    return marker
