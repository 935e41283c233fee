"""Citations of documents ("Công văn số 412-CV/HU ngày 09/11/2021 của Huyện ủy Ia Grai",
"Luật An ninh mạng năm 2018") and which of them a basis paragraph rests on."""

from __future__ import annotations

import re

from directives_app.core.vietnamese import fold

from .addressees import is_addressee_phrase
from .patterns import (
    _CITATION,
    _CITATION_STOP,
    _CITATION_STOP_PAIRS,
    _DATE_NUMERIC,
    _DATE_WORDS,
    _INLINE_BASIS,
    _KIND_FIRST_WORDS,
    _LAW,
    _LAW_DATE,
)

_DATE_AFTER_ISSUER = re.compile(rf"\s+ngày\s+(?:{_DATE_NUMERIC}|{_DATE_WORDS})")


def _name_stops(tokens: list[re.Match], position: int) -> bool:
    """Does the word at `position` end the name of a cited document's issuer or law?"""
    word = tokens[position].group()
    bare = word.rstrip(',;.:)”"')
    following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
    if not bare or word.startswith(("(", "“", '"')) or bare in _CITATION_STOP:
        return True
    lower = bare.lower()
    if (bare, following.rstrip(",;.:")) in _CITATION_STOP_PAIRS:
        return True
    if position and (lower, following.rstrip(",;.:").lower()) in _CITATION_STOP_PAIRS:
        return True  # "… của Bộ Tài chính Hướng dẫn quản lý …" (not "Luật Ban hành …")
    if lower.startswith("về") and len(lower) > 2 and fold(lower).startswith("veviec"):
        return True  # "vềviệc": words a PDF copy glued
    # "… của UBND tỉnh và Quyết định số …": "và" before another document.
    return word == "và" and following in _KIND_FIRST_WORDS


def _issuer_end(text: str, start: int) -> int:
    """End of the "của <issuer>" words after a citation (an issuer's name is capitalised
    words and a few lower-case ones; a verb or punctuation ends it)."""
    tokens = list(re.finditer(r"\S+", text[start:]))
    end = start
    # After a comma inside the name ("Bộ Văn hóa, Thể thao và Du lịch") the name must go
    # on for two words more, or the comma ended it ("…Truyền thông, Phòng …").
    before_comma, after_comma = None, 0
    for position, token in enumerate(tokens):
        if position > 12 or _name_stops(tokens, position):
            break
        word = token.group()
        if word == "ngày" and _DATE_AFTER_ISSUER.match(text, start + token.start() - 1):
            break  # "… của Sở Giáo dục và Đào tạo ngày 20 tháng 4 năm 2021"
        following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
        if word == "và" and following[:1].islower():
            break  # "… của Chính phủ và ý kiến chỉ đạo của …": a body's name goes on capitalised
        bare = word.rstrip(',;.:)”"')
        end = start + token.start() + len(bare)
        if before_comma is not None:
            after_comma += 1
        if bare != word:
            following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
            if (
                word.endswith(",")
                and before_comma is None
                and following[:1].isupper()
                and following not in _KIND_FIRST_WORDS
                # ", Ủy ban nhân dân huyện đề nghị": the subject of the main clause.
                and not is_addressee_phrase(text[start + token.end() :].strip()[:80])
            ):
                before_comma = end
                continue
            break
    if before_comma is not None and after_comma < 2:
        return before_comma
    return end


def find_citations(text: str) -> list[tuple[int, str]]:
    """Documents cited in `text` as printed, with their positions: "Công văn số 412-CV/HU
    ngày 09/11/2021 của Huyện ủy Ia Grai", "Luật An ninh mạng năm 2018"."""
    found: list[tuple[int, str]] = []
    for match in _CITATION.finditer(text):
        end = match.end()
        if match.group("date") is None:
            end -= len(match.group("symbol")) - len(match.group("symbol").rstrip("."))
        following = re.match(r"\s+của\s+", text[end:])
        if following:
            issuer_end = _issuer_end(text, end + following.end())
            if issuer_end > end + following.end():
                end = issuer_end
                dated = _DATE_AFTER_ISSUER.match(text, end)
                if match.group("date") is None and dated:
                    end = dated.end()  # "số 1160/SGDĐT-CTTT của Sở … ngày 20 tháng 4 năm 2021"
        found.append((match.start(), text[match.start() : end].strip()))
    for match in _LAW.finditer(text):
        if match.group("amending"):
            # "Luật sửa đổi, bổ sung một số điều của Luật …, Luật … ngày 22/11/2019":
            # the name runs to its date.
            dated = _LAW_DATE.search(text, match.end(), match.end() + 300)
            if dated:
                end = dated.start() if dated.group() == ";" else dated.end()
                found.append((match.start(), text[match.start() : end].strip()))
            continue
        end = _law_end(text, match.end())
        if end > match.end():
            found.append((match.start(), text[match.start() : end].strip()))
    return sorted(found)


def _law_end(text: str, start: int) -> int:
    end = start
    tokens = list(re.finditer(r"\S+", text[start:]))
    for position, token in enumerate(tokens):
        word = token.group()
        if position > 15 or _name_stops(tokens, position) or word.rstrip(",;.:)") == "của":
            break
        bare = word.rstrip(",;.:)")
        end = start + token.start() + len(bare)
        if bare != word:
            # "Luật Phổ biến, giáo dục pháp luật năm 2012": a comma followed by a lower-case
            # word is inside the name, until the year or date is reached.
            following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
            dated = re.search(r"\d{4}", text[start:end])
            if word.endswith(",") and following[:1].islower() and not dated:
                continue
            break
    return end


def _basis_documents(text: str, match: re.Match) -> list[str]:
    """The documents a basis paragraph rests on. A second citation counts only when it is
    joined to the first ("… và Quyết định số …", "…; Luật …"), not when it is inside the
    first one's title ("… quy định chi tiết … Luật Ban hành văn bản …") or name ("Luật sửa
    đổi … của Luật Tổ chức Chính phủ …")."""
    documents: list[str] = []
    covered = 0
    verb = match.group("verb")
    for position, citation in find_citations(text):
        if position < covered:
            continue
        before = text[:position].rstrip()
        joined = before.endswith((" và", ",", ";", " tại"))
        if (
            (documents and joined)
            or position <= match.end()
            or (not documents and _INLINE_BASIS.search(before[-120:]))
            # "Thực hiện chỉ đạo của Bộ …, Sở … đã ban hành Công văn số …": the issuer's
            # own letter that carried out what the opening names.
            or (not documents and re.search(r"\bđã\s+ban\s+hành$", before))
        ):
            documents.append(citation)
            covered = position + len(citation)
        elif not documents and verb.startswith(("Căn", "Thực")):
            break
    if documents:
        return documents
    remainder = text[match.end() :].strip().rstrip(";.,").strip()
    if verb.startswith("Căn") and remainder[:1].isupper() and "của" not in remainder[:12]:
        return [remainder]
    return []


def _inline_bases(text: str) -> list[str]:
    """Documents a sentence rests on when a basis verb stands right before the first one."""
    documents: list[str] = []
    covered = 0
    for position, citation in find_citations(text):
        if position < covered:
            continue
        before = text[:position].rstrip()
        if documents and before.endswith((" và", ",", ";")):
            documents.append(citation)
        elif not documents and _INLINE_BASIS.search(before[-160:]):
            documents.append(citation)
        elif documents:
            break
        else:
            continue
        covered = position + len(citation)
    return documents
