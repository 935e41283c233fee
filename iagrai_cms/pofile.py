"""A small reader of gettext .po files: enough to count what a catalogue translates.

Used by `manage.py vi_coverage` (no third-party dependency: polib is not installed).
Handles msgctxt, plural forms, multi-line strings, the fuzzy flag and obsolete (#~)
entries, which are skipped.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        """Translated as msgfmt sees it: every form filled and not fuzzy."""
        return bool(self.msgstr) and all(self.msgstr) and "fuzzy" not in self.flags


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted string: {text!r}")
    return ast.literal_eval(text)


def parse(text: str) -> Iterator[Entry]:
    """Yield the entries of a .po file, header (msgid "") included."""
    fields: dict[str, str] = {}
    flags: set[str] = set()
    current: str | None = None

    def finish() -> Entry | None:
        if "msgid" not in fields:
            return None
        forms = sorted(
            (int(name[7:-1]), value) for name, value in fields.items() if name.startswith("msgstr[")
        )
        msgstr = [value for _index, value in forms] if forms else [fields.get("msgstr", "")]
        return Entry(
            msgid=fields["msgid"],
            msgctxt=fields.get("msgctxt"),
            msgid_plural=fields.get("msgid_plural"),
            msgstr=msgstr,
            flags=set(flags),
        )

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line and fields:
                entry = finish()
                if entry:
                    yield entry
                fields, flags, current = {}, set(), None
            continue
        if line.startswith("#"):
            if fields and current is not None:
                # a comment after a string starts the next entry
                entry = finish()
                if entry:
                    yield entry
                fields, flags, current = {}, set(), None
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"continuation line without a keyword: {raw!r}")
            fields[current] += _unquote(line)
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and "msgid" in fields and current != "msgctxt":
            # a new entry without a blank line between
            entry = finish()
            if entry:
                yield entry
            fields, flags = {}, set()
        current = keyword
        fields[keyword] = _unquote(rest)
    entry = finish()
    if entry:
        yield entry


def read(path: Path) -> list[Entry]:
    """The entries of a .po file, without the header."""
    return [entry for entry in parse(path.read_text(encoding="utf-8")) if entry.msgid]
