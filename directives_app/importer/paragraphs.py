"""The body as paragraphs: hard-wrapped lines joined back, each paragraph classified (a
numbered item, an article "Điều N.", a bullet, text), and where the footer starts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import (
    _ARTICLE,
    _AUTHORITY,
    _BASIS,
    _BULLET,
    _EXECUTION,
    _ITEM,
    _KINH_GUI,
    _NOI_NHAN,
    UPPER,
    _is_upper,
)


def _find_footer(lines: list[str]) -> int:
    """Index of the first line of the Nơi nhận / signer footer."""
    marks = []
    for index, line in enumerate(lines):
        first = line.split("\t")[0]
        if _NOI_NHAN.match(first) or any(_NOI_NHAN.match(cell) for cell in line.split("\t")):
            marks.append(index)
            break
        if _AUTHORITY.match(first) and _is_upper(first):
            marks.append(index)
            break
    limit = marks[0] if marks else len(lines)
    terminal = [index for index, line in enumerate(lines[:limit]) if line.rstrip().endswith("/.")]
    if terminal:
        marks.append(terminal[-1] + 1)
    return min(marks) if marks else len(lines)


def _reflow(lines: list[str]) -> list[str]:
    """Paragraphs: hard-wrapped lines of a retyped or copied letter are joined back."""
    paragraphs: list[str] = []
    last_physical = ""
    after_blank = True
    for raw in lines:
        line = raw.replace("\t", " ").strip()
        if not line:
            after_blank = True
            continue
        if paragraphs and _joins(last_physical, line, after_blank):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        last_physical = line
        after_blank = False
    return paragraphs


def _structural(line: str) -> bool:
    return bool(
        _ARTICLE.match(line)
        or _BULLET.match(line)
        or _ITEM.match(line)
        or _BASIS.match(line)
        or _KINH_GUI.match(line)
        or _NOI_NHAN.match(line)
    )


# Words a printed line can end with only when the sentence goes on below it.
_OPEN_WORDS = {
    "của", "và", "số", "ngày", "các", "về", "tại", "theo", "với", "cho", "trong", "thuộc",
    "năm", "tháng", "để", "là", "đến", "từ", "bằng", "hoặc", "những", "được", "có",
}  # fmt: skip


def _joins(previous: str, line: str, after_blank: bool) -> bool:
    if _ARTICLE.match(previous) and not _ARTICLE.match(previous).group("text"):
        return not _structural(line)  # "Điều 2." / "Giám đốc Sở … phối hợp …"
    if (
        re.match(r"-\s+[" + UPPER + r"]", line)
        and previous[-1:].isalpha()
        and not _BULLET.match(previous)
        and not _ITEM.match(previous)
        and not _ARTICLE.match(previous)
        and not _is_upper(previous)
        and not after_blank
    ):
        return True  # "… của Sở Lao động" / "- Thương binh và Xã hội tại Tờ trình …"
    if _structural(line) or previous.endswith((".", ":", ";", "!", "?", "/.")):
        return False
    if _is_upper(previous) or _is_upper(line):
        return False
    if line[0].islower():
        return True
    last_word = previous.rsplit(None, 1)[-1] if previous.strip() else ""
    if not after_blank and (last_word in _OPEN_WORDS or line[0].isdigit()):
        return True  # "Căn cứ Quyết định số" / "112/QĐ-TTg ngày …"
    return not after_blank and len(previous) >= 55


@dataclass
class _Paragraph:
    text: str
    kind: str  # item, bullet, text
    level: int = 0
    body: str = ""  # text after the item's number


def _classify(text: str) -> _Paragraph:
    article = _ARTICLE.match(text)
    if article:
        body = article.group("text")
        if _EXECUTION.search(body):
            return _Paragraph(text, "text")
        return _Paragraph(text, "item", 1, body)
    match = _ITEM.match(text)
    if match and any(
        match.group(name) for name in ("roman", "dotted", "arabic", "letter", "letter2")
    ):
        if match.group("roman"):
            level = 1
        elif match.group("arabic"):
            level = 2
        elif match.group("dotted"):
            level = 3
        else:
            level = 4
        return _Paragraph(text, "item", level, match.group("text"))
    if _BULLET.match(text):
        return _Paragraph(text, "bullet")
    return _Paragraph(text, "text")
