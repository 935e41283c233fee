"""The footer's "Nơi nhận" list, cut from the signer block printed beside it; it ends with
the "Lưu" line and never takes what a copy put after it (a file path)."""

from __future__ import annotations

import re

from .letter import ParsedLetter
from .patterns import _AUTHORITY, _AUTHORITY_INSIDE, _BULLET, _NOI_NHAN, _PLACEHOLDER, _is_upper
from .signer import _looks_like_name, _parse_signer


def _footer_pieces(lines: list[str]) -> list[str]:
    pieces: list[str] = []
    for line in lines:
        for cell in line.split("\t"):
            cell = cell.strip()
            noi = re.search(r"(?<=\S)\s+(?=Nơi\s+nhận\b)", cell, re.IGNORECASE)
            parts = [cell[: noi.start()], cell[noi.end() :]] if noi else [cell]
            for part in parts:
                match = _NOI_NHAN.match(part)
                if match and part[match.end() :].strip():
                    pieces.append(part[: match.end()].strip())
                    part = part[match.end() :].strip()
                for piece in _AUTHORITY_INSIDE.split(part):
                    pieces.extend(_split_glued_title(piece.strip()))
    return [piece for piece in pieces if piece]


def _split_glued_title(piece: str) -> list[str]:
    """ "- Lưu: VT, VH TT. PHÓ CHỦ TỊCH" → the distribution line and the title."""
    if not _BULLET.match(piece):
        return [piece]
    match = re.match(r"^(.*?[;.])\s+(\S.*)$", piece)
    if match and _is_upper(match.group(2)) and len(match.group(2).split()) >= 2:
        return [match.group(1), match.group(2)]
    return [piece]


def _parse_footer(lines: list[str], letter: ParsedLetter) -> None:
    distribution: list[str] = []
    signer_pieces: list[str] = []
    in_list = False
    filed = False  # "- Lưu: VT, …" ends the list (Nghị định 30, Phụ lục I)
    for piece in _footer_pieces(lines):
        match = _NOI_NHAN.match(piece)
        if match:
            in_list = True
            continue
        if _PLACEHOLDER.match(piece) or _JUNK.search(piece):
            continue  # "d:\2011\CV\…", the file the typist saved, a lone ";"
        if _BULLET.match(piece):
            distribution.append(piece)
            filed = filed or bool(re.match(r"^[-–—•+]?\s*Lưu\b", piece))
        elif (
            in_list
            and not filed
            and not _is_upper(piece)
            and not _looks_like_name(piece)
            and not _AUTHORITY.match(piece)
            # A line without a dash continues a list that has begun, or reads as an item
            # ("Như trên;", "Lưu: VT."); not a page's text under an empty list ("Ý kiến
            # bạn đọc").
            and (distribution or re.search(r"[;,]$", piece) or re.match(r"Lưu\b", piece))
        ):
            distribution.append(piece)
        else:
            signer_pieces.append(piece)
    letter.distribution = distribution
    letter.signer = _parse_signer(signer_pieces)


_JUNK = re.compile(
    r"^[A-Za-z]:[\\/]|\\[^\s\\]+\\|\.(?:docx?|pdf|odt)\s*$|^[;,.\s]+$", re.IGNORECASE
)
