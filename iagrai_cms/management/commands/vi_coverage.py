"""python manage.py vi_coverage [--min 95] [--missing]: how much of Wagtail's admin is in
Vietnamese.

Counts the msgids of every Wagtail catalogue (wagtail/**/locale/en/LC_MESSAGES/django.po
and djangojs.po) that have a Vietnamese translation in the project's catalogues (the
LOCALE_PATHS: locale/vi and locale/wagtail-admin/vi) or in Wagtail's own vi catalogues,
domain by domain, the way Django merges them at run time: a django.po msgid is translated
if any django-domain vi catalogue translates it (not fuzzy, every plural form filled).
Exits with status 1 when the share is below --min (per cent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib
import wagtail
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

DOMAINS = ("django", "djangojs")
Key = tuple[str, str | None, str]  # domain, msgctxt, msgid


@dataclass
class Catalogue:
    name: str  # e.g. "wagtail/images", relative to Wagtail's parent directory
    domain: str
    keys: list[Key] = field(default_factory=list)


def wagtail_root() -> Path:
    return Path(wagtail.__file__).resolve().parent


def read(path: Path) -> list[polib.POEntry]:
    """The live entries of a .po file: no header, no obsolete (#~) entries."""
    return [entry for entry in polib.pofile(str(path)) if entry.msgid and not entry.obsolete]


def source_catalogues(root: Path) -> list[Catalogue]:
    """Wagtail's English catalogues: the msgids to translate."""
    catalogues = []
    for domain in DOMAINS:
        for path in sorted(root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
            app_dir = path.parents[3]
            name = app_dir.relative_to(root.parent).as_posix()
            keys = [(domain, entry.msgctxt, entry.msgid) for entry in read(path)]
            catalogues.append(Catalogue(name, domain, keys))
    return catalogues


def translated_keys(paths: list[Path], domain: str) -> set[Key]:
    keys: set[Key] = set()
    for path in paths:
        if path.is_file():
            keys.update(
                (domain, entry.msgctxt, entry.msgid) for entry in read(path) if entry.translated()
            )
    return keys


def project_catalogue_paths(domain: str, language: str = "vi") -> list[Path]:
    return [
        Path(locale_path) / language / "LC_MESSAGES" / f"{domain}.po"
        for locale_path in settings.LOCALE_PATHS
    ]


def wagtail_catalogue_paths(root: Path, domain: str, language: str = "vi") -> list[Path]:
    return sorted(root.glob(f"**/locale/{language}/LC_MESSAGES/{domain}.po"))


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


class Command(BaseCommand):
    help = (
        "Tỷ lệ chuỗi giao diện của Wagtail đã có bản dịch tiếng Việt (danh mục của dự án và "
        "của Wagtail); trả mã lỗi khi dưới ngưỡng --min."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--min",
            type=float,
            default=0.0,
            help="Ngưỡng tối thiểu (phần trăm, ví dụ 95); thấp hơn thì thoát với mã 1.",
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Liệt kê các chuỗi chưa dịch.",
        )

    def handle(self, *args, **options) -> None:
        root = wagtail_root()
        catalogues = source_catalogues(root)
        wagtail_vi: set[Key] = set()
        project_vi: set[Key] = set()
        for domain in DOMAINS:
            wagtail_vi |= translated_keys(wagtail_catalogue_paths(root, domain), domain)
            project_vi |= translated_keys(project_catalogue_paths(domain), domain)
        either = wagtail_vi | project_vi

        width = max(len(f"{c.name} ({c.domain})") for c in catalogues)
        self.stdout.write(
            f"{'Danh mục':<{width}}  {'Số chuỗi':>8}  {'Wagtail vi':>10}  {'Có bản dịch':>11}"
        )
        for catalogue in catalogues:
            keys = set(catalogue.keys)
            label = f"{catalogue.name} ({catalogue.domain})"
            self.stdout.write(
                f"{label:<{width}}  {len(keys):>8}  "
                f"{percent(len(keys & wagtail_vi), len(keys)):>9.1f}%  "
                f"{percent(len(keys & either), len(keys)):>10.1f}%"
            )

        all_keys = {key for catalogue in catalogues for key in catalogue.keys}
        done = all_keys & either
        share = percent(len(done), len(all_keys))
        own = percent(len(all_keys & wagtail_vi), len(all_keys))
        self.stdout.write(
            f"Chuỗi của Wagtail có bản dịch tiếng Việt: {len(done)}/{len(all_keys)} "
            f"({share:.1f} %); chỉ với danh mục vi của Wagtail: {own:.1f} %."
        )
        if options["missing"]:
            for catalogue in catalogues:
                for key in catalogue.keys:
                    if key not in either:
                        domain, context, msgid = key
                        where = f"{catalogue.name} ({domain})"
                        prefix = f"[{context}] " if context else ""
                        self.stdout.write(f"  {where}: {prefix}{msgid!r}")
        if share < options["min"]:
            raise CommandError(f"Tỷ lệ dịch {share:.1f} % thấp hơn ngưỡng {options['min']:.1f} %.")
