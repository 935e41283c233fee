"""The signer block: authority lines (TM./KT./TL./TUQ./Q.), the title, the name; lines a
narrow column wrapped are joined back."""

from __future__ import annotations

import re

from directives_app.core.vietnamese import fold

from .letter import Signer
from .patterns import (
    _AUTHORITY,
    _AUTHORITY_INSIDE,
    _MARKER,
    _TITLE_HEADS,
    _is_upper,
    _starts_body_name,
)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 6
        and all(word[:1].isupper() for word in words)
        and not any(char.isdigit() or char in ";:,." for char in text)
    )


def _upper_prefix(text: str) -> tuple[str, str]:
    """ "KT. CHỦ TỊCH Đỗ Văn Đông" → ("KT. CHỦ TỊCH", "Đỗ Văn Đông")."""
    words = text.split()
    count = 0
    while count < len(words) and not any(char.islower() for char in words[count]):
        count += 1
    upper = " ".join(words[:count])
    if upper and not _is_upper(upper):
        return "", text
    return upper, " ".join(words[count:])


_TITLE_WORDS = ("chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ", "bo truong")


def _join_wrapped_authority(pieces: list[str]) -> list[str]:
    """ "TM." / "ỦY BAN NHÂN DÂN TỈNH" / "KT. CHỦ TỊCH": a marker alone on its line, or the
    body's name printed under "TL. CHỦ TỊCH", belongs to the authority line (issue 16)."""
    joined: list[str] = []
    for piece in pieces:
        if joined and re.fullmatch(_MARKER, joined[-1].strip()):
            joined[-1] = f"{joined[-1].strip()} {piece}"
        elif (
            joined
            and _AUTHORITY.match(joined[-1])
            and _is_upper(piece)
            and _starts_body_name(piece)
            and not fold(piece[:20]).startswith(_TITLE_WORDS)
            and not _AUTHORITY.match(piece)
        ):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


def _parse_signer(pieces: list[str]) -> Signer:
    parts: list[tuple[str, str]] = []  # (kind, text): auth, upper, text
    for piece in _join_wrapped_authority(pieces):
        for chunk in _AUTHORITY_INSIDE.split(piece):
            upper, rest = _upper_prefix(chunk.strip())
            if upper:
                kind = "auth" if _AUTHORITY.match(upper) else "upper"
                parts.append((kind, upper))
            if rest:
                parts.append(("text", rest))
    signer = Signer()
    last_auth = max((i for i, (kind, _text) in enumerate(parts) if kind == "auth"), default=-1)
    titles = [text for kind, text in parts[last_auth + 1 :] if kind == "upper"]
    names = [text for kind, text in parts[last_auth + 1 :] if kind == "text"]
    for position, (kind, text) in enumerate(parts):
        if kind != "auth":
            continue
        text = re.sub(r"^(TM|KT|TL|TUQ|Q)\.(?=[^\s.])", r"\1. ", text)
        if position == last_auth and not titles:
            if text.startswith("Q."):
                # "Q. CHỦ TỊCH" (acting chairman) is the signer's title, printed under "TM."
                titles = [text]
                continue
            text, title = _split_authority_title(text)
            if title:
                titles = [title]
        signer.form_lines.append(text)
    # A last line such as "Trân trọng!" or a page's "Tải file đầy đủ bên dưới", "Để tăng
    # độ chính xác bạn hãy nói …" is no signer's name.
    names = [text for text in names if _looks_like_name(text.rstrip(". ")) and "!" not in text]
    if not names and len(titles) > 1:
        names = [titles.pop()]  # a name printed in capitals
    signer.title = " ".join(titles)
    signer.name = names[-1] if names else ""
    return signer


def _split_authority_title(text: str) -> tuple[str, str]:
    """ "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    words = text.split()
    for index in range(2, len(words)):
        word = words[index]
        if word in _TITLE_HEADS or word.startswith("P."):
            return " ".join(words[:index]), " ".join(words[index:])
    return text, ""
