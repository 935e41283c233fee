"""The "Kính gửi" block: recipients on its line and/or as a "- X;" list below."""

from __future__ import annotations

import re

from .patterns import _BULLET, _KINH_GUI, _OPENER, _URGENCY, _strip_item


def _parse_recipients(lines: list[str]) -> tuple[list[str], list[str]]:
    """ "Kính gửi:" with the recipients on its line and/or as a "- X;" list below."""
    index = 0
    while index < len(lines) and (not lines[index] or _URGENCY.match(lines[index])):
        index += 1
    if index >= len(lines):
        return [], lines
    cells = lines[index].split("\t")
    first = cells[0]
    match = _KINH_GUI.match(first)
    if not match:
        return [], lines
    if len(cells) > 1:
        # A flattened copy: the body goes on in the next cells of the same line.
        if _split_recipients(first[match.end() :]):
            lines = [*lines[: index + 1], "\t".join(cells[1:]), *lines[index + 1 :]]
        else:
            first = " ".join(cells)
    # "Kính gửi: Ông (Bà) Hiệu trưởng các đơn vị trực thuộc. Thực hiện Kế hoạch số …": the
    # body goes on after the recipient's full stop on the same line.
    body = re.search(r"[.;]\s+(?=\S)", first[match.end() :])
    if body and _OPENER.match(first[match.end() + body.end() :]):
        cut = match.end() + body.end()
        lines = [*lines[: index + 1], first[cut:], *lines[index + 1 :]]
        first = first[:cut].rstrip()
    items = _split_recipients(first[match.end() :])
    previous = first
    index += 1
    while index < len(lines):
        line = lines[index].replace("\t", " ")
        if not line:
            index += 1
            continue
        short = len(line) < 120 and not _OPENER.match(line)
        # After "X;" the list goes on even without a dash; a first recipient may stand
        # alone on the line below "Kính gửi:".
        if items and previous.rstrip().endswith(",") and not _BULLET.match(line) and short:
            # "Hiệu trưởng các trường Mầm non, Tiểu học," / "THCS trên địa bàn …"
            parts = _split_recipients(line)
            if parts:
                items[-1] = f"{items[-1]}, {parts[0]}"
                items.extend(parts[1:])
        elif _BULLET.match(line) or (short and (previous.rstrip().endswith(";") or not items)):
            items.extend(_split_recipients(line))
        else:
            break
        previous = line
        index += 1
    return items, lines[index:]


def _split_recipients(text: str) -> list[str]:
    parts = (_BULLET.sub("", part.strip()) for part in text.split(";"))
    return [_strip_item(part) for part in parts if _strip_item(part)]
