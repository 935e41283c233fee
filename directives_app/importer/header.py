"""The header: two columns that copies flatten into one line or interleave (issuing body,
"Số: …", "V/v …"; national title, motto, "place, ngày … tháng … năm …"; the type title and
the subject below it). The header is cut into segments at those anchors, wherever they are
in a line; `header_layout` first joins the elements copies broke over lines."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from directives_app.core.symbols import DocType
from directives_app.core.vietnamese import fold

from .header_layout import split_issuer
from .letter import ParsedLetter
from .patterns import (
    _AUTHORITY_LINE,
    _BASIS,
    _BULLET,
    _HEADER_DATE,
    _ITEM,
    _KINH_GUI,
    _MOTTO,
    _NATIONAL,
    _OPENER,
    _SO,
    _TYPE_CODES,
    _TYPE_TITLE,
    _TYPE_TITLES,
    _URGENCY,
    _VV,
    _date_or_none,
    _is_upper,
    _starts_body_name,
)


@dataclass
class _Segment:
    kind: str  # national, motto, so, date, vv, kinh_gui, type, plain
    text: str
    match: re.Match | None = None
    raw: str = ""  # as printed, for the body when the header ends inside this line

    def __post_init__(self) -> None:
        self.raw = self.raw or self.text


def _find_anchor(text: str, start: int, after_vv: bool) -> tuple[int, int, str, re.Match] | None:
    """The earliest header anchor in text[start:] as (start, end, kind, match)."""
    found: list[tuple[int, int, str, re.Match]] = []
    candidates = [("national", _NATIONAL), ("motto", _MOTTO), ("date", _HEADER_DATE)]
    if not after_vv:
        candidates += [("so", _SO), ("vv", _VV), ("kinh_gui", _KINH_GUI)]
    for kind, pattern in candidates:
        match = pattern.search(text, start)
        if match is None:
            continue
        begin = match.start()
        if kind == "date":
            # The place is title case: capitals in front of it belong to the issuer.
            place = match.group("place") or ""
            words = place.split()
            leading = 0
            while leading < len(words) - 1 and _is_upper(words[leading]):
                leading += 1
            if leading:
                begin = text.index(words[leading], match.start("place"))
            if match.group("place") is None and match.start() != 0:
                continue
            if match.group("place") is None and re.match(r"\s*,\s*\w", text[match.end() :]):
                continue  # "Ngày 20/7/2018, Ủy ban nhân dân tỉnh nhận được …": a sentence
        found.append((begin, match.end(), kind, match))
    if not found:
        return None
    return min(found, key=lambda item: (item[0], -item[1]))


def _segments(line: str) -> list[_Segment]:
    """A header line cut at every anchor, each cell of the line separately."""
    segments: list[_Segment] = []
    for cell in line.split("\t"):
        position, after_vv = 0, False
        while position < len(cell):
            anchor = _find_anchor(cell, position, after_vv)
            if anchor is None:
                rest = cell[position:].strip()
                if rest:
                    segments.append(_classify_plain(rest))
                break
            begin, end, kind, match = anchor
            before = cell[position:begin].strip()
            if before:
                segments.append(_classify_plain(before))
            if kind == "vv":
                # The rest of the cell is the subject, up to a right-column anchor.
                following = _find_anchor(cell, end, after_vv=True)
                stop = following[0] if following else len(cell)
                segments.append(
                    _Segment("vv", cell[end:stop].strip(), match, cell[begin:stop].strip())
                )
                position, after_vv = stop, True
                continue
            if kind == "kinh_gui":
                segments.append(_Segment("kinh_gui", cell[begin:].strip(), match))
                break
            segments.append(_Segment(kind, cell[begin:end].strip(), match))
            position = end
    return segments


def _classify_plain(text: str) -> _Segment:
    match = _TYPE_TITLE.match(text)
    if match and not text[match.end() :].isupper():
        return _Segment("type", text, match)
    return _Segment("plain", text)


def _continues_subject(previous: str, text: str) -> bool:
    if not text or _is_upper(text) or _OPENER.match(text) or _ITEM.match(text):
        return False
    if _BULLET.match(text):
        return False
    if text[0].islower():
        return True
    return len(text) < 80 and not previous.rstrip().endswith((".", ";", ":"))


@dataclass
class _Header:
    found: bool = False
    issuer_lines: list[str] = field(default_factory=list)
    symbol: str = ""
    number: int | None = None
    symbol_seen: bool = False
    place: str = ""
    date: datetime.date | None = None
    year: int | None = None
    date_seen: bool = False
    date_text: str = ""
    symbol_text: str = ""
    national: bool = False
    subject_parts: list[str] = field(default_factory=list)
    type_title: str = ""
    # "Thông báo về việc …": the title a portal printed above a copy of the body alone.
    page_title: str = ""


def _parse_header(lines: list[str]) -> tuple[_Header, list[str]]:
    """The header fields and the lines after the header."""
    header = _Header()
    state = ""  # "vv" or "type": the subject may continue on the next line
    started = False
    skipped = 0
    above: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            if state and header.subject_parts:
                state = ""
            continue
        if (
            state
            and header.symbol_seen
            and header.date_seen
            and _is_upper(line)
            and not _TYPE_TITLE.match(line)
        ):
            # "… NGHỊ QUYẾT SỐ 41/2022/NQ-HĐND NGÀY 09/12/2022 …" inside a title in
            # capitals: not a second symbol or date.
            segments = [_Segment("plain", line.replace("\t", " "))]
        else:
            segments = _segments(line)
        for position, segment in enumerate(segments):
            kind, text = segment.kind, segment.text
            if kind == "plain" and not re.search(r"\w", text):
                continue  # "." after the date, "|" of a table, a rule
            if started and kind == "plain" and (_URGENCY.match(text) or _DRAFT_MARK.match(text)):
                continue  # "DỰ THẢO", "KHẨN" printed between the date and the type title
            if not started and kind == "plain":
                # "1. UBND TỈNH …": the number of a list the page put the copy in.
                text = re.sub(r"^\d{1,2}\.\s+(?=\S)", "", text)
            if not started:
                if kind == "plain" and not _starts_body_name(text):
                    # Lines above the letter copied from a web page ("Trang chủ › …",
                    # the page's title in capitals, "Số hiệu: …" metadata).
                    skipped += 1
                    above = above + [text] if _is_upper(text) else []
                    if _PAGE_TITLE.match(text):
                        header.page_title = text
                    if skipped > 12:
                        return header, lines
                    break
                if kind != "plain" and above:
                    # An issuer whose name the list of bodies does not know, right above
                    # the first anchor.
                    header.issuer_lines = above[-2:]
                started = True
            if kind == "national":
                header.national = True
                state = ""
            elif kind == "motto":
                state = ""
            elif kind == "so":
                _read_symbol(header, segment.match)
                state = ""
            elif kind == "date" and header.date_seen and state and header.subject_parts:
                header.subject_parts.append(text)  # "Về cho học sinh nghỉ học" / "Ngày 26/11"
            elif kind == "date":
                _read_date(header, segment.match, text)
                state = ""
            elif kind == "vv":
                header.subject_parts = [text] if text else []
                state = "vv"
            elif kind == "type":
                header.type_title = segment.match.group("title")
                rest = text[segment.match.end() :].strip()
                rest = _VV.sub("", rest, count=1) if _VV.match(rest) else rest
                header.subject_parts = [rest] if rest else []
                state = "type"
            elif kind == "kinh_gui":
                return _finish_header(header, segments[position:], lines[index + 1 :])
            elif (
                not state
                and not header.subject_parts
                and not header.type_title
                and header.symbol_seen
                and re.match(r"Về\s+[a-zà-ỹđ]", text)
            ):
                header.subject_parts = [text]
                state = "vv"
            elif state and _subject_continues(header, state, text):
                if _VV.match(text) and not header.subject_parts:
                    text = _VV.sub("", text, count=1)
                header.subject_parts.append(text)
            elif _is_upper(text) and not (
                header.symbol_seen or header.type_title or header.subject_parts
            ):
                header.issuer_lines.append(text)
            else:
                return _finish_header(header, segments[position:], lines[index + 1 :])
    if not started:
        # No anchor at all: a portal's copy of the body alone ("UBND tỉnh có ý kiến như
        # sau: Giao Sở …"); every line is the body, its tasks are still the letter's.
        return header, lines
    return _finish_header(header, [], [])


def _subject_continues(header: _Header, state: str, text: str) -> bool:
    if not header.subject_parts:
        # "V/v:" or "KẾ HOẠCH" alone on its line: the subject is the next line.
        if _OPENER.match(text) or _ITEM.match(text) or _KINH_GUI.match(text):
            return False
        return state == "type" or not _is_upper(text)
    previous = header.subject_parts[-1] if header.subject_parts else ""
    if _is_upper(text) and _is_upper(previous):
        # A title in capitals wraps over several lines; the authority line of a quyết
        # định ("ỦY BAN NHÂN DÂN TỈNH X", "CHỦ TỊCH …") follows it.
        return not _AUTHORITY_LINE.match(fold(text[:30])) and not _TYPE_TITLE.match(text)
    if (
        len(text) <= 30
        and not _is_upper(text)
        and not _KINH_GUI.match(text)
        and not _ITEM.match(text)
        and not _BASIS.match(text)
        and not text.endswith(":")
    ):
        return True  # "Ngày 26/11/2018" under "Về cho học sinh nghỉ học"
    return _continues_subject(previous, text)


_DRAFT_MARK = re.compile(r"^(?:DỰ\s+THẢO|Dự\s+thảo)(?:\s+(?:LẦN|lần)\s+\d+)?\.?$")


# A page title in sentence case that names the letter's type: "Thông báo về việc tổ chức
# tổng vệ sinh …", "Thông báo Khẩn ngày 18/10/2020".
_PAGE_TITLE = re.compile(
    r"^(?P<title>"
    + "|".join(re.escape(title.capitalize()) for title in (*_TYPE_TITLES, "CÔNG VĂN"))
    + r")(?!\w)\s*(?P<rest>.*)$"
)


def _finish_header(
    header: _Header, segments: list[_Segment], rest: list[str]
) -> tuple[_Header, list[str]]:
    header.found = header.symbol_seen or header.national or header.date_seen
    if not header.found and header.page_title and not header.type_title:
        # A copy of the body alone under the page's title, up to "Kính gửi": the title
        # gives the type, and the subject when it says "về việc …".
        title = _PAGE_TITLE.match(header.page_title)
        if title.group("title").upper() in _TYPE_TITLES:
            header.type_title = title.group("title").upper()
        about = re.match(r"(?:về\s+việc|V/v)\s*:?\s*(?P<subject>\S.*)", title.group("rest"))
        if about and not header.subject_parts:
            header.subject_parts = [about.group("subject")]
    first = "\t".join(segment.raw for segment in segments)
    return header, ([first] if first else []) + rest


def _read_symbol(header: _Header, match: re.Match) -> None:
    if header.symbol_seen:
        return
    header.symbol_seen = True
    header.symbol_text = match.group(0).strip()
    symbol = re.sub(r"\s+", "", match.group("symbol"))
    symbol = re.sub(r"[–—]", "-", symbol)
    symbol = re.sub(r"^[._…]+", "", symbol).rstrip(".")
    header.symbol = symbol
    digits = re.match(r"\d+", symbol)
    header.number = int(digits.group()) if digits else None


def _read_date(header: _Header, match: re.Match, text: str) -> None:
    if header.date_seen:
        return
    header.date_seen = True
    header.date_text = text
    place = (match.group("place") or "").strip()
    words = place.split()
    while len(words) > 1 and _is_upper(words[0]):
        words.pop(0)
    header.place = " ".join(words)
    day, month, year = (
        match.group("d") or match.group("d2"),
        match.group("m") or match.group("m2"),
        match.group("y") or match.group("y2"),
    )
    header.year = int(year) if year else None
    if day and month and year:
        header.date = _date_or_none(int(year), int(month), int(day))


def _apply_header(header: _Header, letter: ParsedLetter) -> None:
    parent, issuer = split_issuer(header.issuer_lines)
    letter.issuer_lines = issuer
    letter.issuer = " ".join(issuer)
    letter.parent_issuer = " ".join(parent)
    sources = letter.sources
    if issuer:
        sources["issuer"] = (" / ".join(header.issuer_lines), 0.9 if parent else 1.0)
    if parent:
        sources["parent_issuer"] = (" / ".join(header.issuer_lines), 0.9)
    if header.symbol_seen:
        sources["symbol"] = (header.symbol_text, 1.0 if header.number else 0.6)
    if header.date_seen:
        sources["date"] = (header.date_text, 1.0 if header.date else 0.5)
        sources["place"] = (header.date_text, 1.0 if header.place else 0.5)
    if header.subject_parts:
        sources["subject"] = (" ".join(header.subject_parts), 1.0)
    letter.symbol = header.symbol
    letter.number = header.number
    letter.place = header.place
    letter.date = header.date
    letter.year = header.year
    subject = " ".join(part for part in header.subject_parts if part).strip().rstrip(".")
    subject = _VV.sub("", subject, count=1) if _VV.match(subject) else subject
    if subject.endswith("”") and "“" not in subject:
        subject = subject[
            :-1
        ].rstrip()  # “V/v …” printed in quotes: the opening one went with "V/v"
    letter.subject = subject
    if header.type_title:
        letter.doc_type = _TYPE_TITLES[header.type_title].value
    else:
        letter.doc_type = _type_from_symbol(header.symbol).value


def _type_from_symbol(symbol: str) -> DocType:
    party = re.match(r"^[^/]*?-([A-Za-zĐđ]+)/", symbol)
    if party:
        code = party.group(1)
    else:
        tail = symbol.rsplit("/", 1)[-1]
        code = tail.split("-")[0]
    return DocType(_TYPE_CODES.get(code, DocType.CONG_VAN))
