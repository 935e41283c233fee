"""Addressee phrases of a letter → units of the organisation tree.

`UnitDirectory` is an in-memory index of unit names, aliases, short names, abbreviations
and addressee groups, built once per import (`UnitDirectory.from_db`) or from plain data
in tests, so that resolving stays a pure function of the phrase. It matches the way
letters write names:

- accents, case and punctuation are ignored ("Phòng Văn hóa - Thông tin" = "Phòng Văn
  hóa, Thông tin"), "UBND" = "Ủy ban nhân dân", "HĐND" = "Hội đồng nhân dân";
- a head stands for the unit ("Trưởng phòng Nội vụ" → Phòng Nội vụ, "Chủ tịch UBND các
  xã, thị trấn" → the communes and the town, "Thủ trưởng các cơ quan, đơn vị" → the group);
- a trailing "huyện …" may be present or not ("Công an huyện" = "Công an huyện Ia Grai");
- an addressee group stands for all its units ("các xã, thị trấn" = every commune and
  town); "UBND các xã Ia Bă, Ia Tô" lists communes by name.

What cannot be resolved is kept as printed and reported in the letter's warnings.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..vietnamese import fold
from .parser import ParsedLetter


@dataclass(frozen=True)
class Target:
    """A unit or an addressee group, with the unit codes it stands for."""

    kind: str  # "unit" or "group"
    code: str
    unit_codes: tuple[str, ...]


_ABBREVIATIONS = [
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
    (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"),
]
# The head of a unit, and what stands for the unit once the head is removed.
_HEADS = [
    ("pho truong phong ", "phong "),
    ("truong phong ", "phong "),
    ("pho chanh van phong ", "van phong "),
    ("chanh van phong ", "van phong "),
    ("chanh thanh tra ", "thanh tra "),
    ("pho truong ban ", "ban "),
    ("truong ban ", "ban "),
    ("pho giam doc ", ""),
    ("giam doc ", ""),
    ("pho chu tich ", ""),
    ("chu tich ", ""),
    ("thu truong ", ""),
    ("lanh dao ", ""),
    ("bi thu ", ""),
    ("chi huy truong ", ""),
    ("truong ", ""),
    ("doi voi ", ""),
    ("giao ", ""),
]
_DISTRICT_SUFFIX = re.compile(r"(?<=\S) huyen(?: [a-z0-9 ]*)?$")
_COMMUNE_LIST = re.compile(
    r"^(?:(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+)?các\s+xã\s*:?\s*(?P<names>.+)$", re.IGNORECASE
)


def name_key(text: str) -> str:
    """ "Phòng Văn hóa - Thông tin (VH-TT)" → "phong van hoa thong tin": the form names
    are compared in."""
    text = re.sub(r"\([^)]*\)", " ", text)
    key = fold(text).replace("&", " va ")
    key = re.sub(r"[^a-z0-9]+", " ", key).strip()
    for pattern, replacement in _ABBREVIATIONS:
        key = pattern.sub(replacement, key)
    return key


def _variants(key: str) -> list[str]:
    """The key, without the head of the unit, without a trailing "huyện …"."""
    found = [key]
    for head, replacement in _HEADS:
        if key.startswith(head):
            found.append(replacement + key[len(head) :])
            break
    for item in list(found):
        stripped = _DISTRICT_SUFFIX.sub("", item)
        if stripped != item:
            found.append(stripped)
    return list(dict.fromkeys(found))


class UnitDirectory:
    """Names → units and groups. Exact names win; a name without its trailing "huyện …"
    is used only when it points to one target."""

    def __init__(self) -> None:
        self._exact: dict[str, set[Target]] = {}
        self._loose: dict[str, set[Target]] = {}
        self._communes: dict[str, Target] = {}
        self._abbreviations: dict[str, str] = {}

    def add(self, names: Iterable[str], target: Target, *, commune: bool = False) -> None:
        for name in names:
            key = name_key(name)
            if not key:
                continue
            self._exact.setdefault(key, set()).add(target)
            stripped = _DISTRICT_SUFFIX.sub("", key)
            if stripped != key:
                self._loose.setdefault(stripped, set()).add(target)
            if commune:
                bare = re.sub(r"^(?:ubnd )?(?:xa|thi tran) ", "", key)
                self._communes.setdefault(bare, target)

    def add_abbreviation(self, abbreviation: str, code: str) -> None:
        """ "VHTT" in "971/UBND-VHTT" → the unit that drafted it."""
        if abbreviation:
            self._abbreviations.setdefault(name_key(abbreviation), code)

    def by_abbreviation(self, abbreviation: str) -> str:
        return self._abbreviations.get(name_key(abbreviation), "") if abbreviation else ""

    def lookup(self, phrase: str) -> list[Target]:
        """The targets `phrase` names; [] when it names none (or is ambiguous)."""
        for key in _variants(name_key(phrase)):
            exact = self._exact.get(key)
            if exact and len(exact) == 1:
                return list(exact)
        for key in _variants(name_key(phrase)):
            loose = self._loose.get(key)
            if loose and len(loose) == 1:
                return list(loose)
        return self._commune_list(phrase)

    def _commune_list(self, phrase: str) -> list[Target]:
        match = _COMMUNE_LIST.match(phrase.strip())
        if not match:
            return []
        names = re.split(r"\s*[,;]\s*|\s+và\s+", match.group("names"))
        targets = [self._communes.get(name_key(name)) for name in names if name.strip()]
        if not targets or None in targets:
            return []
        return list(dict.fromkeys(targets))

    @classmethod
    def from_db(cls, day: datetime.date | None = None) -> UnitDirectory:
        """Every unit active on `day` (the letter's date: a 2021 letter resolves to the units
        of 2021) and every addressee group."""
        from ..models import AddresseeGroup, Unit, UnitKind

        directory = cls()
        units = list(Unit.objects.active_on(day).prefetch_related("aliases"))
        for unit in units:
            if unit.kind == UnitKind.GROUP:
                continue
            names = [unit.name, unit.short_name, *(alias.name for alias in unit.aliases.all())]
            target = Target("unit", unit.code, (unit.code,))
            directory.add(
                filter(None, names),
                target,
                commune=unit.kind in (UnitKind.COMMUNE, UnitKind.TOWN),
            )
            directory.add_abbreviation(unit.abbreviation, unit.code)
        for group in AddresseeGroup.objects.prefetch_related("units").select_related("within"):
            codes = tuple(unit.code for unit in group.resolve(day))
            directory.add([group.name, *group.aliases], Target("group", group.code, codes))
        return directory


def resolve_letter(letter: ParsedLetter, directory: UnitDirectory) -> ParsedLetter:
    """Fill the issuer, the drafting unit and each task's units; report what is unknown."""
    warnings: list[str] = []
    if letter.issuer_lines:
        letter.issuer_unit = _resolve_issuer(letter.issuer_lines, directory)
        if not letter.issuer_unit:
            warnings.append(
                _("Không xác định được cơ quan ban hành “%(name)s” trong danh mục đơn vị.")
                % {"name": letter.issuer}
            )
    letter.drafting_unit = directory.by_abbreviation(letter.drafting_abbreviation)
    for number, task in enumerate(letter.tasks, start=1):
        codes: dict[str, None] = {}
        for addressee in task.addressees:
            targets = directory.lookup(addressee)
            if not targets:
                warnings.append(
                    _(
                        "Nhiệm vụ %(n)d: không xác định được đơn vị “%(name)s” trong danh mục "
                        "đơn vị; giữ nguyên như trong văn bản."
                    )
                    % {"n": number, "name": addressee}
                )
            for target in targets:
                codes.update(dict.fromkeys(target.unit_codes))
        task.units = list(codes)
    letter.warnings.extend(warnings)
    return letter


def _resolve_issuer(lines: list[str], directory: UnitDirectory) -> str:
    """ "ỦY BAN NHÂN DÂN / HUYỆN IA GRAI" as a whole; "UBND HUYỆN IA GRAI / PHÒNG NỘI VỤ"
    by its last lines (the parent body is printed above the issuing one)."""
    candidates = [" ".join(lines)] + [" ".join(lines[start:]) for start in range(1, len(lines))]
    for candidate in candidates:
        targets = [target for target in directory.lookup(candidate) if target.kind == "unit"]
        if len(targets) == 1:
            return targets[0].code
    return ""


def task_targets(addressees: list[str], directory: UnitDirectory) -> list[Target]:
    """The units and groups of a task, for the draft's addressee fields."""
    targets: dict[Target, None] = {}
    for addressee in addressees:
        targets.update(dict.fromkeys(directory.lookup(addressee)))
    return list(targets)
