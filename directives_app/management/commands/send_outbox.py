"""`manage.py send_outbox`: enqueue again every e-mail of the outbox still unsent after
`--older-than` minutes (a failure past the scheduled retries, or the immediate backend,
which cannot schedule a retry). Safe to run often: a sent e-mail is never sent again."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand

from directives_app.background.outbox import requeue_unsent


class Command(BaseCommand):
    help = "Gửi lại các thư trong hộp thư đi chưa gửi được."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=5, help="phút (mặc định 5)")

    def handle(self, *args, older_than: int, **options):
        count = requeue_unsent(datetime.timedelta(minutes=older_than))
        self.stdout.write(f"Đã đưa {count} thư vào hàng đợi gửi lại.")
