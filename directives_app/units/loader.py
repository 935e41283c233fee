"""Load the organisation tree from JSON (the format of shared/data/ia-grai-units.json).

Validation runs over the whole file first and reports every problem with its place in the
file; only a clean file is written, in one transaction, matched to existing units by code
(so loading twice changes nothing the second time).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from directives_app.core.vietnamese import fold, nfc
from directives_app.models import AddresseeGroup, Unit, UnitAlias, UnitKind
from directives_app.models.units import COMMUNE_LEVEL_KINDS

CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KIND_BY_SUBKIND = {
    "district-peoples-committee": UnitKind.PEOPLES_COMMITTEE,
    "province-peoples-committee": UnitKind.PEOPLES_COMMITTEE,
    "commune-peoples-committee": UnitKind.PEOPLES_COMMITTEE,
    "group": UnitKind.GROUP,
}
KNOWN_KINDS = {choice.value for choice in UnitKind}


class UnitFileError(Exception):
    """The file is not loadable; `problems` lists each one as "where: what"."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    groups: int = 0


@dataclass
class _UnitRow:
    path: str
    parent_code: str | None
    values: dict[str, Any]
    aliases: list[str]


def _date(value: Any, path: str, key: str, problems: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        problems.append(
            _("%(path)s: “%(key)s” phải là ngày dạng YYYY-MM-DD, không phải “%(value)s”.")
            % {"path": path, "key": key, "value": value}
        )
        return None


def _string_list(node: dict, key: str, path: str, problems: list[str]) -> list[str]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(
            _("%(path)s: “%(key)s” phải là danh sách chuỗi.") % {"path": path, "key": key}
        )
        return []
    return [nfc(item.strip()) for item in value if item.strip()]


def _derived_aliases(name: str, kind: str) -> list[str]:
    """Names letters use for communes, wards and towns: "UBND xã Ia Bă", "Ủy ban nhân dân
    phường Hội Phú"."""
    if kind not in COMMUNE_LEVEL_KINDS:
        return []
    lowered = name[0].lower() + name[1:]
    return [f"UBND {lowered}", f"Ủy ban nhân dân {lowered}"]


def _read_unit(node: Any, path: str, parent_code: str | None, rows: list, problems: list) -> None:
    if not isinstance(node, dict):
        problems.append(_("%(path)s: phải là một đối tượng JSON.") % {"path": path})
        return
    code = node.get("code")
    if not isinstance(code, str) or not CODE_RE.match(code):
        problems.append(
            _("%(path)s: thiếu “code” hoặc “code” không hợp lệ (chỉ chữ thường, số và “-”).")
            % {"path": path}
        )
        code = None
    else:
        path = f"{path} ({code})"
    name = node.get("name_vi")
    if not isinstance(name, str) or not name.strip():
        problems.append(_("%(path)s: thiếu tên đơn vị “name_vi”.") % {"path": path})
        name = ""
    kind = KIND_BY_SUBKIND.get(node.get("subkind", ""), node.get("kind"))
    if kind not in KNOWN_KINDS:
        problems.append(
            _("%(path)s: loại đơn vị “%(kind)s” không hợp lệ (cho phép: %(known)s).")
            % {"path": path, "kind": node.get("kind"), "known": ", ".join(sorted(KNOWN_KINDS))}
        )
    valid_from = _date(node.get("valid_from"), path, "valid_from", problems)
    valid_to = _date(node.get("valid_to"), path, "valid_to", problems)
    if valid_from and valid_to and valid_to < valid_from:
        problems.append(_("%(path)s: “valid_to” trước “valid_from”.") % {"path": path})
    aliases = _string_list(node, "aliases", path, problems) + [
        variant.split(" (")[0]
        for variant in _string_list(node, "spelling_variants", path, problems)
    ]
    if code and name and kind in KNOWN_KINDS:
        name = nfc(name.strip())
        if kind in COMMUNE_LEVEL_KINDS:
            prefix = name.split(" ")[0] + " " if " " in name else ""
            aliases = [
                alias if fold(alias).startswith(fold(prefix)) else prefix + alias
                for alias in aliases
            ]
        aliases += _derived_aliases(name, kind)
        reform = node.get("reform_2025") or {}
        notes = node.get("note", "")
        if isinstance(reform, dict) and reform.get("merged_into"):
            notes = (notes + "\n" if notes else "") + _("Sáp nhập 2025 vào: %(unit)s") % {
                "unit": reform["merged_into"]
            }
        rows.append(
            _UnitRow(
                path=path,
                parent_code=parent_code,
                values={
                    "code": code,
                    "name": name,
                    "short_name": nfc(node.get("short_name", "")),
                    "kind": kind,
                    "subkind": node.get("subkind", ""),
                    "abbreviation": nfc(
                        node.get("doc_issuer_abbr")
                        or node.get("doc_unit_abbr")
                        or node.get("doc_unit_abbr_suggested_unconfirmed")
                        or ""
                    ),
                    "header_lines": nfc(node.get("header_line_vi", "")),
                    "place_name": nfc(node.get("place_name_for_date_line", "")),
                    "email": node.get("email", ""),
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "notes": nfc(notes),
                },
                aliases=aliases,
            )
        )
    children = node.get("children", [])
    if not isinstance(children, list):
        problems.append(_("%(path)s: “children” phải là danh sách.") % {"path": path})
        return
    for index, child in enumerate(children):
        _read_unit(child, f"{path} › children[{index}]", code, rows, problems)


def _read_groups(data: dict, unit_codes: set[str], problems: list[str]) -> list[dict]:
    groups = data.get("addressee_groups", [])
    if not isinstance(groups, list):
        problems.append(_("addressee_groups: phải là danh sách."))
        return []
    read = []
    for index, group in enumerate(groups):
        path = f"addressee_groups[{index}]"
        if not isinstance(group, dict) or not CODE_RE.match(str(group.get("code", ""))):
            problems.append(_("%(path)s: thiếu “code” hợp lệ.") % {"path": path})
            continue
        if not str(group.get("name", "")).strip():
            problems.append(_("%(path)s: thiếu “name”.") % {"path": path})
            continue
        kinds = _string_list(group, "kinds", path, problems)
        for kind in kinds:
            if kind not in KNOWN_KINDS:
                problems.append(
                    _("%(path)s: loại đơn vị “%(kind)s” không hợp lệ.")
                    % {"path": path, "kind": kind}
                )
        for key in ("within",):
            if group.get(key) and group[key] not in unit_codes:
                problems.append(
                    _("%(path)s: không có đơn vị mã “%(code)s”.")
                    % {"path": path, "code": group[key]}
                )
        units = _string_list(group, "units", path, problems)
        for code in units:
            if code not in unit_codes:
                problems.append(
                    _("%(path)s: không có đơn vị mã “%(code)s”.") % {"path": path, "code": code}
                )
        read.append(
            {
                "code": group["code"],
                "name": nfc(group["name"].strip()),
                "aliases": _string_list(group, "aliases", path, problems),
                "kinds": kinds,
                "within": group.get("within"),
                "units": units,
            }
        )
    return read


def parse_units(data: Any) -> tuple[list[_UnitRow], list[dict]]:
    """Validate the whole document; raise UnitFileError listing every problem."""
    problems: list[str] = []
    rows: list[_UnitRow] = []
    if not isinstance(data, dict) or "root" not in data:
        raise UnitFileError([_("Tệp phải là một đối tượng JSON có khóa “root”.")])
    _read_unit(data["root"], "root", None, rows, problems)
    extra = data.get("also_addressed_not_subordinate", [])
    if not isinstance(extra, list):
        problems.append(_("also_addressed_not_subordinate: phải là danh sách."))
        extra = []
    for index, node in enumerate(extra):
        _read_unit(node, f"also_addressed_not_subordinate[{index}]", None, rows, problems)
    seen: dict[str, str] = {}
    for row in rows:
        code = row.values["code"]
        if code in seen:
            problems.append(
                _("%(path)s: mã “%(code)s” trùng với %(other)s.")
                % {"path": row.path, "code": code, "other": seen[code]}
            )
        seen.setdefault(code, row.path)
    groups = _read_groups(
        data, set(seen) | set(Unit.objects.values_list("code", flat=True)), problems
    )
    if problems:
        raise UnitFileError(problems)
    return rows, groups


@transaction.atomic
def load_units(data: Any) -> LoadResult:
    """Create or update units (by code), their aliases and addressee groups."""
    rows, groups = parse_units(data)
    result = LoadResult()
    existing = {unit.code: unit for unit in Unit.objects.all()}
    by_code: dict[str, Unit] = {}
    for row in rows:  # parents come before their children in `rows`
        values = dict(row.values)
        values["parent"] = by_code.get(row.parent_code) if row.parent_code else None
        unit = existing.get(values["code"])
        if unit is None:
            unit = Unit(**values)
            unit.save()
            result.created.append(unit.code)
        else:
            changed = [key for key, value in values.items() if getattr(unit, key) != value]
            if changed:
                for key in changed:
                    setattr(unit, key, values[key])
                unit.save()
                result.updated.append(unit.code)
            else:
                result.unchanged.append(unit.code)
        by_code[unit.code] = unit
        known = set(unit.aliases.values_list("folded", flat=True))
        for alias in dict.fromkeys(row.aliases):
            if fold(alias) not in known:
                UnitAlias.objects.create(unit=unit, name=alias)
                known.add(fold(alias))
    for group in groups:
        units = Unit.objects.filter(code__in=group["units"])
        within = Unit.objects.filter(code=group["within"]).first() if group["within"] else None
        obj, _created = AddresseeGroup.objects.update_or_create(
            code=group["code"],
            defaults={
                "name": group["name"],
                "aliases": group["aliases"],
                "kinds": group["kinds"],
                "within": within,
            },
        )
        obj.units.set(units)
        result.groups += 1
    return result
