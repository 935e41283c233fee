"""`manage.py import_directive PATH [--json] [--dry-run] [--publish] [--parent SLUG]`

Reads a letter (.txt or .docx; "-" reads standard input), prints what was read, and,
without --dry-run, creates a draft directive under the register with its tasks and
addressees, the original attached and the warnings kept for the clerk. --publish issues
it too, but only when the letter is complete (numbered, dated, everything resolved).

Exit status 2 and nothing created on bad input: a missing, empty, binary or too large
file, a .docx that is not one, a text without a letter's header, an issuing body that is
not in the unit tree, a number already used.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from directives_app.importer.drafts import (
    DraftRefused,
    analyse,
    create_draft,
    find_register,
    previous_imports,
)
from directives_app.importer.text import MAX_LETTER_BYTES, LetterInputError, read_letter, too_large


class Command(BaseCommand):
    help = _("Nhập một công văn (.txt, .docx) thành bản nháp văn bản chỉ đạo.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("Tệp .txt hoặc .docx; “-” để đọc từ đầu vào chuẩn."))
        parser.add_argument(
            "--json", action="store_true", help=_("In kết quả đọc dưới dạng JSON (UTF-8).")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Chỉ đọc văn bản, không tạo bản nháp.")
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("Ban hành luôn nếu văn bản đầy đủ (có số, ngày, không có cảnh báo)."),
        )
        parser.add_argument(
            "--parent", metavar="SLUG", help=_("Slug của sổ văn bản (mặc định: sổ duy nhất).")
        )

    def execute(self, *args, **options) -> str | None:
        # A CommandError's message goes to stderr with status 2 from the command line;
        # call_command raises it, so tests see the same message.
        try:
            return super().execute(*args, **options)
        except (LetterInputError, DraftRefused) as error:
            raise CommandError(str(error), returncode=2) from error

    def handle(self, *args, **options) -> None:
        for stream in (self.stdout._out, self.stderr._out):
            # The output is UTF-8 whatever the locale of the shell (LANG=C prints "?").
            encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
            if hasattr(stream, "reconfigure") and encoding != "utf8":
                stream.reconfigure(encoding="utf-8")
        source = read_letter(*self._read(options["path"]))
        letter = analyse(source.text)
        if letter.errors:
            raise CommandError(" ".join(letter.errors), returncode=2)
        if options["json"]:
            self.stdout.write(json.dumps(letter.to_json(), ensure_ascii=False, indent=2))
        else:
            self._summary(letter)
        for record in previous_imports(source):
            self.stderr.write(
                _("Lưu ý: tệp này đã được nhập ngày %(date)s thành “%(title)s” (trang %(id)d).")
                % {
                    "date": f"{record.created_at:%d/%m/%Y}",
                    "title": record.page.title,
                    "id": record.page_id,
                }
            )
        if options["dry_run"]:
            return
        parent = find_register(options["parent"])
        result = create_draft(letter, source, parent=parent, publish=options["publish"])
        out = self.stderr if options["json"] else self.stdout
        page = result.page
        if result.published:
            out.write(
                _("Đã ban hành “%(title)s” số %(symbol)s (trang %(id)d).")
                % {"title": page.title, "symbol": page.symbol, "id": page.pk}
            )
        else:
            out.write(
                _("Đã tạo bản nháp “%(title)s” (trang %(id)d), chưa ban hành.")
                % {"title": page.title, "id": page.pk}
            )
        if result.not_published:
            out.write(_("Không ban hành vì văn bản chưa đầy đủ:"))
            for reason in result.not_published:
                out.write(f"  - {reason}")

    def _read(self, path: str) -> tuple[bytes, str]:
        if path == "-":
            return sys.stdin.buffer.read(MAX_LETTER_BYTES + 1), "stdin.txt"
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("Không tìm thấy tệp “%(path)s”.") % {"path": path}, returncode=2)
        if file.stat().st_size > MAX_LETTER_BYTES:
            raise too_large(file.stat().st_size)  # without reading it into memory
        try:
            return file.read_bytes(), file.name
        except OSError as error:
            raise CommandError(
                _("Không đọc được tệp “%(path)s”: %(error)s")
                % {"path": path, "error": error.strerror},
                returncode=2,
            ) from error

    def _summary(self, letter) -> None:
        write = self.stdout.write
        write(f"{_('Loại')}: {letter.doc_type}   {_('Số, ký hiệu')}: {letter.symbol or '—'}")
        write(f"{_('Cơ quan ban hành')}: {letter.issuer or '—'}")
        if letter.parent_issuer:
            write(f"{_('Cơ quan chủ quản')}: {letter.parent_issuer}")
        date = f"{letter.date:%d/%m/%Y}" if letter.date else "—"
        write(f"{_('Địa danh, ngày')}: {letter.place or '—'}, {date}")
        write(f"{_('Trích yếu')}: {letter.subject or '—'}")
        for number, task in enumerate(letter.tasks, start=1):
            units = ", ".join(task.units) or "—"
            write(f"{_('Nhiệm vụ')} {number}: {task.heading} → {units}")
            for item in task.resolution:
                if item["status"] == "suggested":
                    targets = ", ".join(item["targets"])
                    write(f"  {_('Gợi ý cần xác nhận')}: {item['addressee']} → {targets}")
        for warning in letter.warnings:
            write(f"{_('Cảnh báo')}: {warning}")
