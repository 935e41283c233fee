"""Header lines as copies break them, put back together before the header is read.

Web pages and PDF extractions print the two header columns of Nghị định 30/2020 in narrow
cells, so one element runs over several lines ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM",
"Lạng Sơn, ngày 13" / "tháng 01 năm 2020", "Số:" / "33/2009/QĐ-UBND", "ỦY" / "BAN NHÂN
DÂN", "Mỹ" / "Tho, ngày …"), and some copies put a blank line between every two lines.
`unwrap_header` joins two neighbouring lines of the header zone when the join makes a
header element that neither line is alone; it never joins body lines.

`split_issuer` separates the issuing body from the body above it (Phụ lục I: tên cơ quan,
tổ chức chủ quản / tên cơ quan ban hành): "UBND TỈNH X" over "SỞ Y".
"""

from __future__ import annotations

import re

from directives_app.core.vietnamese import fold

# The body of the letter starts here: the header zone is above it.
_BODY_START = re.compile(
    r"^(?:Kính\s+g[ửở]i|Căn\s+cứ|Thực\s+hiện|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|"
    r"(?:[IVX]+|\d{1,2})\s*[.)]\s)",
    re.IGNORECASE,
)
_NATIONAL_WORDS = re.compile(
    r"^C[ỘO]NG(?:\s+H(?:ÒA|OÀ|OA))?(?:\s+X[ÃA])?(?:\s+H[ỘO]I)?(?:\s+CH[ỦU])?(?:\s+NGH[ĨI]A)?"
    r"(?:\s+VI[ỆE]T)?$"
)
_NATIONAL_FULL = re.compile(r"C[ỘO]NG\s*H(?:ÒA|OÀ|OA)\s*X[ÃAà]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A")
_DATE_HEAD = re.compile(r"(?:^|,\s*)ngày\s*(?:\d{1,2}|[.…_]+)?\s*(?:tháng\s*(?:\d{1,2})?)?\s*$")
_DATE_TAIL = re.compile(r"^(?:\d{1,2}\s*)?(?:tháng|năm)\b|^\d{1,2}\s+tháng\b")
_PLACE_TAIL = re.compile(r"^[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){0,3}\s*,\s*ngày\b")
_SO_ALONE = re.compile(r"^(?:Số|SỐ)\s*[:.]?$")
_SYMBOL_START = re.compile(r"^[\d./_…\s]*/\s*[A-ZĐ]|^\d+\s*/")
# "ỦY" / "BAN NHÂN DÂN", "UỶ BAN NHÂN" / "DÂN": the issuer's name broken inside.
_COUNCIL = re.compile(r"(?:[ỦU][ỶY]|UY)\s+BAN\s+NHÂN\s+DÂN")
# Words that start the name of a body (folded), for the parent/issuer split.
_BODY_WORDS = (
    "so ", "phong ", "ban ", "van phong ", "chi cuc ", "cuc ", "tong cuc ", "vu ",
    "trung tam ", "truong ", "benh vien ", "dai ", "thanh tra ", "cong an ", "bo chi huy ",
    "kho bac ", "chi nhanh ", "hat ", "doi ", "vien ", "hoc vien ", "ban quan ly ",
)  # fmt: skip
_PARENT_WORDS = ("uy ban nhan dan", "ubnd", "bo ", "tong cuc ", "cuc ", "so ")


def _is_upper(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and not any(char.islower() for char in letters)


def header_zone_end(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if _BODY_START.match(line) or len(line) > 220:
            return index
    return len(lines)


def _joins(first: str, second: str) -> bool:
    if "\t" in first or "\t" in second:
        return False
    if _NATIONAL_WORDS.match(first) and not _NATIONAL_FULL.search(first):
        return bool(_NATIONAL_FULL.search(f"{first} {second}"))
    if _DATE_HEAD.search(first) and _DATE_TAIL.match(second):
        return True
    if first.endswith(",") and re.match(r"ngày\b", second) and len(first) < 40:
        return True  # "Quảng Bình," / "ngày 25 tháng 5 năm 2015"
    if _SO_ALONE.match(first) and _SYMBOL_START.match(second):
        return True
    if _is_upper(first) and _is_upper(second) and not _COUNCIL.search(first):
        if not _COUNCIL.search(second) and _COUNCIL.search(f"{first} {second}"):
            return True
    # "Mỹ" / "Tho, ngày 24 …": a word or two of the place left on the line above.
    return bool(
        len(first.split()) <= 2
        and first[:1].isupper()
        and not _is_upper(first)
        and not re.search(r"[\d,.:;]", first)
        and _PLACE_TAIL.match(second)
    )


def _double_spaced(lines: list[str], end: int) -> bool:
    """A copy with a blank line after (nearly) every line of its header."""
    texts = [index for index in range(end) if lines[index]]
    if len(texts) < 4:
        return False
    followed = sum(1 for index in texts if index + 1 < len(lines) and not lines[index + 1])
    return followed >= 0.7 * len(texts)


def unwrap_header(lines: list[str]) -> list[str]:
    """`lines` with the broken header elements joined (and, in a double-spaced copy, the
    blank lines of the header dropped so that an element over two lines reads as one)."""
    end = header_zone_end(lines)
    head = [_join_place_cells(line) for line in lines[:end]]
    if _double_spaced(lines, end):
        head = [line for line in head if line]
    head = _pull_symbol(head)
    joined: list[str] = []
    for line in head:
        if not line:
            joined.append(line)
            continue
        # "Hà Nội, ngày" / "" / "tháng" / "" / "năm 2016": a date or a "Số:" left open
        # joins its rest over one blank line.
        previous = joined[-2] if len(joined) >= 2 and not joined[-1] else None
        if previous and _open(previous) and _joins(previous, line):
            joined.pop()
            joined[-1] = f"{previous} {line}"
        elif joined and joined[-1] and _joins(joined[-1], line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined + lines[end:]


def _open(line: str) -> bool:
    return bool(_SO_ALONE.match(line) or _DATE_HEAD.search(line))


def split_issuer(lines: list[str]) -> tuple[list[str], list[str]]:
    """(parent lines, issuer lines): "ỦY BAN NHÂN DÂN / THÀNH PHỐ HỒ CHÍ MINH / SỞ GIÁO DỤC
    VÀ ĐÀO TẠO" → the first two and the last. A body whose name runs on over two lines
    ("ỦY BAN NHÂN DÂN" / "HUYỆN IA GRAI") is one body. Party headers ("ĐẢNG BỘ …" /
    "ĐẢNG ỦY …") are kept whole, as issue 4 records them."""
    if len(lines) < 2 or fold(lines[0]).startswith("dang "):
        return [], lines
    first = fold(lines[0])
    if not first.startswith(_PARENT_WORDS):
        return [], lines
    for index in range(1, len(lines)):
        key = fold(lines[index])
        if key.startswith(_BODY_WORDS):
            return lines[:index], lines[index:]
    return [], lines


def _join_place_cells(line: str) -> str:
    """ "Phan Rang-Tháp<TAB>Chàm, ngày 05 …": a place name cut by a wide gap."""
    cells = line.split("\t")
    for index in range(len(cells) - 1, 0, -1):
        before, after = cells[index - 1], cells[index]
        if (
            _PLACE_TAIL.match(after)
            and before[:1].isupper()
            and not _is_upper(before)
            and len(before.split()) <= 3
            and not re.search(r"[\d,:;]", before)
        ):
            cells[index - 1 : index + 1] = [f"{before} {after}"]
    return "\t".join(cells)


_SYMBOL_ONLY = re.compile(r"^/\s*[A-ZĐ][\w&.]*(?:\s*[-–—/]\s*[A-ZĐ][\w&.]*)*$")


def _pull_symbol(head: list[str]) -> list[str]:
    """ "Số:" alone in the left column and "/TTr-VPCP" printed a few lines below it, after
    the right column's lines: the two are one element."""
    for index, line in enumerate(head):
        if not _SO_ALONE.match(line):
            continue
        for later in range(index + 1, min(index + 8, len(head))):
            if _SYMBOL_ONLY.match(head[later]):
                head = list(head)
                head[index] = f"{line} {head[later]}"
                del head[later]
                return head
    return head
