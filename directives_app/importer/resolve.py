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

Issue 16: no silent wrong resolution. `resolve_phrase` says how a phrase was resolved, with
the name or alias that matched (evidence) and a confidence:

- a group phrase ("UBND các huyện, thị, thành phố", "các Sở, ban, ngành") is resolved only
  to an addressee group (or a list of communes), never to a single unit;
- a phrase naming another level than the tree's (a province's "Sở …", "UBND tỉnh", another
  district) is kept as printed with a warning, never cut down to a local unit;
- a name shared by several units, or a unit's name found inside a longer phrase, is only a
  suggestion (confidence below `CONFIDENT`): the clerk confirms it in the admin.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from directives_app.core.vietnamese import fold

from .parser import ParsedLetter

CONFIDENT = 0.8  # below: a suggestion the clerk confirms, not a resolution


@dataclass(frozen=True)
class Resolution:
    """How one addressee phrase was resolved."""

    phrase: str
    status: str  # resolved, suggested, group, other_level, unknown
    targets: tuple[Target, ...] = ()
    evidence: str = ""  # the name or alias of the tree that matched
    confidence: float = 0.0

    def to_json(self) -> dict:
        return {
            "addressee": self.phrase,
            "status": self.status,
            "units": [code for target in self.targets for code in target.unit_codes],
            "targets": [target.code for target in self.targets],
            "evidence": self.evidence,
            "confidence": round(self.confidence, 2),
        }


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
    r"^(?:(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+)?các\s+(?:xã|phường)\s*:?\s*(?P<names>.+)$",
    re.IGNORECASE,
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


def _variants(key: str, suffixes: Iterable[str] | None = None) -> list[str]:
    """The key, without the head of the unit, without a trailing "huyện …" (only "huyện"
    alone or the tree's own district when `suffixes` are given: "Công an huyện Chư Păh" is
    not the local "Công an huyện")."""
    found = [key]
    for head, replacement in _HEADS:
        if key.startswith(head):
            found.append(replacement + key[len(head) :])
            break
    for item in list(found):
        stripped = _DISTRICT_SUFFIX.sub("", item)
        suffix = item[len(stripped) :].strip()
        if stripped != item and (suffixes is None or suffix in suffixes):
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
        self._names: dict[tuple[str, Target], str] = {}  # (key, target) → name as entered
        self._suffixes: set[str] = {"huyen"}  # "huyện Ia Grai": the tree's own district

    def add(self, names: Iterable[str], target: Target, *, commune: bool = False) -> None:
        for name in names:
            key = name_key(name)
            if not key:
                continue
            self._exact.setdefault(key, set()).add(target)
            self._names.setdefault((key, target), name)
            stripped = _DISTRICT_SUFFIX.sub("", key)
            if stripped != key:
                self._loose.setdefault(stripped, set()).add(target)
                self._names.setdefault((stripped, target), name)
                self._suffixes.add(key[len(stripped) :].strip())
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
        """The targets `phrase` names with confidence; [] when it names none, is ambiguous,
        is a group no group of the tree matches, or belongs to another level."""
        resolution = self.resolve_phrase(phrase)
        return list(resolution.targets) if resolution.status == "resolved" else []

    def resolve_phrase(self, phrase: str) -> Resolution:
        key = name_key(phrase)
        group = is_group_phrase(phrase)
        variants = _variants(key, self._suffixes)
        ambiguous: set[Target] = set()
        for position, variant in enumerate(variants):
            exact = self._exact.get(variant)
            if exact and len(exact) == 1:
                (target,) = exact
                if group and target.kind == "unit":
                    continue  # "UBND các huyện …" is never one unit
                confidence = 1.0 if position == 0 else 0.9
                return self._resolved(phrase, target, variant, confidence)
            if exact:
                ambiguous |= exact
        for variant in variants:
            # "Công an huyện" = "Công an huyện Ia Grai"; only with the tree's own district.
            stripped = _DISTRICT_SUFFIX.sub("", variant)
            suffix = variant[len(stripped) :].strip()
            loose = self._loose.get(variant) or (
                self._loose.get(stripped)
                if suffix in self._suffixes and stripped != variant
                else None
            )
            if loose and len(loose) == 1:
                (target,) = loose
                if group and target.kind == "unit":
                    continue
                matched = variant if self._loose.get(variant) else stripped
                return self._resolved(phrase, target, matched, 0.85)
            if loose:
                ambiguous |= loose
        communes = self._commune_list(phrase)
        if communes:
            return Resolution(phrase, "resolved", tuple(communes), phrase, 0.9)
        if ambiguous:
            candidates = tuple(sorted(ambiguous, key=lambda target: target.code))
            return Resolution(phrase, "suggested", candidates, "", 0.4)
        if other_level(phrase):
            return Resolution(phrase, "other_level")
        if group:
            return Resolution(phrase, "group")
        inside = self._inside(phrase, key)
        if inside:
            return inside
        return Resolution(phrase, "unknown")

    def _resolved(self, phrase: str, target: Target, key: str, confidence: float) -> Resolution:
        evidence = self._names.get((key, target), key)
        return Resolution(phrase, "resolved", (target,), evidence, confidence)

    def _inside(self, phrase: str, key: str) -> Resolution | None:
        """A unit's full name inside a longer phrase ("Phòng Tư pháp huyện và các đơn vị
        có liên quan"): a suggestion only."""
        best: tuple[int, str, Target] | None = None
        for name_key_, targets in self._exact.items():
            if len(targets) != 1 or len(name_key_.split()) < 2:
                continue
            if f" {name_key_} " not in f" {key} ":
                continue
            rest = f" {key} ".replace(f" {name_key_} ", " ", 1)
            if re.search(r" (?:tinh|thanh pho|quan|huyen|thi xa|xa|phuong|thi tran) ", rest):
                continue  # "Phòng Văn hóa và Thông tin thành phố": another place's office
            if best is None or len(name_key_) > best[0]:
                best = (len(name_key_), name_key_, next(iter(targets)))
        if best is None or best[2].kind != "unit":
            return None
        _length, matched, target = best
        return Resolution(
            phrase, "suggested", (target,), self._names.get((matched, target), matched), 0.6
        )

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
        from directives_app.models import AddresseeGroup, Unit, UnitKind
        from directives_app.models.units import COMMUNE_LEVEL_KINDS

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
                commune=unit.kind in COMMUNE_LEVEL_KINDS,
            )
            directory.add_abbreviation(unit.abbreviation, unit.code)
        for group in AddresseeGroup.objects.prefetch_related("units").select_related("within"):
            codes = tuple(unit.code for unit in group.resolve(day))
            directory.add([group.name, *group.aliases], Target("group", group.code, codes))
        return directory


_GROUP_WORDS = re.compile(
    r"\b(?:cac|tat ca|nhung)\b"
    r"|\b(?:huyen|thi xa|thi|thanh pho|xa|phuong|thi tran|so|ban|nganh|phong|quan|tinh)"
    r" (?:huyen|thi xa|thi|thanh pho|xa|phuong|thi tran|so|ban|nganh|phong|quan|tinh)\b"
)
_OTHER_LEVEL = re.compile(
    r"^(?:(?:chu tich|pho chu tich|giam doc|thu truong|lanh dao) )?"
    r"(?:(?:ubnd|hdnd) (?:cac )?(?:tinh|thanh pho truc thuoc|quan)\b|so |bo |cuc |tong cuc |"
    r"van phong chinh phu|chinh phu|thu tuong|tinh uy|thanh uy|ban (?:\w+ )?tinh uy|"
    r"cong an tinh|bo chi huy quan su tinh|dai phat thanh truyen hinh (?:tinh|[a-z]+ [a-z]+)$)"
)


def is_group_phrase(phrase: str) -> bool:
    """ "UBND các huyện, thị xã, thành phố", "các Sở, ban, ngành", "Chủ tịch UBND huyện, thị
    xã, thành phố": units of a kind, not one unit."""
    return bool(_GROUP_WORDS.search(name_key(phrase)))


def other_level(phrase: str) -> bool:
    """A phrase naming a body of another level than a district's tree: a province's
    department ("Sở …", "Giám đốc Sở …"), "UBND tỉnh", a ministry, the Government."""
    return bool(_OTHER_LEVEL.search(name_key(phrase)))


def resolve_letter(letter: ParsedLetter, directory: UnitDirectory) -> ParsedLetter:
    """Fill the issuer, the drafting unit and each task's units; report what is unknown,
    what is of another level, and what is only a suggestion."""
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
        task.resolution = []
        for addressee in task.addressees:
            resolution = directory.resolve_phrase(addressee)
            task.resolution.append(resolution.to_json())
            names = {"n": number, "name": addressee}
            if resolution.status == "resolved" and resolution.confidence >= CONFIDENT:
                for target in resolution.targets:
                    codes.update(dict.fromkeys(target.unit_codes))
            elif resolution.status == "suggested":
                warnings.append(
                    _(
                        "Nhiệm vụ %(n)d: “%(name)s” có thể là %(candidates)s (độ tin cậy "
                        "%(percent)d%%); cần người nhập xác nhận."
                    )
                    % {
                        **names,
                        "candidates": ", ".join(f"“{t.code}”" for t in resolution.targets),
                        "percent": round(resolution.confidence * 100),
                    }
                )
            else:
                # Unknown, a group the tree has no group for, or a body of another level
                # (the resolution's status says which): kept as printed, never guessed.
                warnings.append(
                    _(
                        "Nhiệm vụ %(n)d: không xác định được đơn vị “%(name)s” trong danh mục "
                        "đơn vị; giữ nguyên như trong văn bản."
                    )
                    % names
                )
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
