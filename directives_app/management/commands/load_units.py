"""python manage.py load_units PATH: load the organisation tree (all or nothing)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directives_app.units.loader import UnitFileError, load_units


def read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path}) from error
    except UnicodeDecodeError as error:
        raise CommandError(_("Tệp %(path)s không phải UTF-8.") % {"path": path}) from error
    except json.JSONDecodeError as error:
        raise CommandError(
            _("Tệp %(path)s không phải JSON hợp lệ: dòng %(line)d, cột %(col)d: %(msg)s.")
            % {"path": path, "line": error.lineno, "col": error.colno, "msg": error.msg}
        ) from error


class Command(BaseCommand):
    help = "Nạp cây tổ chức (đơn vị) từ tệp JSON; tệp lỗi thì không thay đổi gì."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        data = read_json(path)
        try:
            result = load_units(data)
        except UnitFileError as error:
            raise CommandError(
                _("Tệp không hợp lệ, không có thay đổi nào được lưu:")
                + "\n"
                + "\n".join(f"  - {problem}" for problem in error.problems)
            ) from error
        self.stdout.write(
            _(
                "Đã nạp đơn vị: %(created)d mới, %(updated)d cập nhật, "
                "%(unchanged)d không đổi; %(groups)d nhóm nơi nhận."
            )
            % {
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": len(result.unchanged),
                "groups": result.groups,
            }
        )
