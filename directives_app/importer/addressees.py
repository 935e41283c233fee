"""Addressee phrases: is a phrase a unit (or a unit's head, or a group)? Where does it end
in a sentence? How is a heading split into units?"""

from __future__ import annotations

import re

from .patterns import (
    _ADDRESSEE_STARTS,
    _HONORIFIC,
    _NOT_ADDRESSEE_STARTS,
    _PREFIX_WORDS,
    _STOP_VERB,
    _strip_item,
    _words_key,
)


def is_addressee_phrase(phrase: str) -> bool:
    """Does `phrase` name units or their heads ("Phòng Tư pháp", "Thủ trưởng các cơ quan,
    đơn vị"), rather than a topic ("Mục đích", "TỔ CHỨC THỰC HIỆN")?"""
    phrase = _HONORIFIC.sub("", _PREFIX_WORDS.sub("", phrase.strip()))
    if not phrase or not phrase[0].isupper() or len(phrase) > 300:
        return False
    if _UNFOLDED_STARTS.match(phrase):
        return True
    key = _words_key(phrase[:60]) + " "  # the beginning decides; folding all of it is slow
    if key.startswith(_NOT_ADDRESSEE_STARTS):
        return False
    return key.startswith(_ADDRESSEE_STARTS)


# Starts that folding would confuse with other words: "các sở" / "các số liệu", "Trạm" /
# "Trăm".
_UNFOLDED_STARTS = re.compile(r"(?:(?:Tất\s+cả\s+)?[Cc]ác\s+(?:sở|bộ)|Trạm)(?!\w)")


def _addressee_prefix(text: str) -> str:
    """ "Công an huyện chủ trì, phối hợp …" → "Công an huyện"; the whole text when it
    holds no verb ("Trung tâm Văn hóa, Thông tin và Thể thao; UBND các xã, thị trấn")."""
    head = re.match(r"^(?:Giám\s+đốc|Thủ\s+trưởng|Chủ\s+tịch|Trưởng)\s*:\s*", text)
    if head:
        text = text[head.end() :]  # "Giao Giám đốc: Sở A, Sở B …" → the units
    courtesy = _HONORIFIC.match(text)
    if courtesy:
        # "ông (bà) Hiệu trưởng …": its parenthesis does not end the phrase.
        rest = _addressee_prefix(text[courtesy.end() :])
        return f"{text[: courtesy.end()]}{rest}" if rest else ""
    match = _STOP_VERB.search(text)
    phrase = text[: match.start()] if match else text
    cut = re.search(r"[.:(]|\s[-–]\s+(?=[a-zà-ỹđ])", phrase)
    if cut:
        phrase = phrase[: cut.start()]
    return phrase.strip().rstrip(",;").strip()


def split_addressees(heading: str) -> list[str]:
    """ "Các cơ quan, đơn vị thuộc huyện; UBND các xã, thị trấn" → two addressees. A comma
    or "và" separates two only when a unit's name follows it ("Phòng Nội vụ và Phòng Tư
    pháp"), not inside a name ("Phòng Văn hóa và Thông tin", "UBND các xã, thị trấn")."""
    heading = _PREFIX_WORDS.sub("", heading.strip())
    addressees = []
    for part in heading.split(";"):
        pieces = re.split(r"(,\s*|\s+và\s+)", part)
        current = pieces[0]
        for separator, piece in zip(pieces[1::2], pieces[2::2], strict=False):
            if is_addressee_phrase(piece) and piece[:1].isupper():
                addressees.append(current)
                current = piece
            else:
                current = f"{current}{separator}{piece}"
        addressees.append(current)
    return [_strip_item(name) for name in addressees if _strip_item(name)]


def _names_issuer(heading: str, issuer: str) -> bool:
    """ "UBND xã chỉ xem xét …" in a letter of the UBND xã: the issuer speaking of itself."""
    key = re.sub(r"\b(?:chi|se|da|van|cung)$", "", _words_key(heading)).strip()
    issuer_key = _words_key(issuer)
    bare_levels = ("ubnd", "ubnd xa", "ubnd huyen", "ubnd tinh", "ubnd phuong", "ubnd quan")
    return bool(issuer_key) and key in bare_levels and issuer_key.startswith(key)


def _recipient_key(text: str) -> str:
    key = _words_key(_HONORIFIC.sub("", text))
    return re.sub(r"\b(?:cac|tat ca)\b", " ", key).split().__str__()


def _sentence_addressees(phrase: str) -> list[str]:
    """The unit phrases of a sentence's addressee: split as a heading is, and also before a
    group in lower case ("Đài truyền thanh xã, các đồng chí Trưởng thôn")."""
    names: list[str] = []
    for name in split_addressees(phrase):
        pieces = _LOWER_SPLIT.split(name)
        names.extend(piece.strip() for piece in pieces if piece.strip())
    return names or [phrase]


# Before a unit phrase in lower case inside a sentence: "các đơn vị thôn, hiệu trưởng các
# trường và trạm Y tế xã"; not before the rest of one group ("UBND các xã, thị trấn",
# "các sở, ban, ngành", "các quận, huyện và các xã").
_LOWER_SPLIT = re.compile(
    r"(?:,\s*|\s+và\s+)(?=(?:các|tất\s+cả)\s+(?!(?:xã|phường|thị|huyện|quận|thành\s+phố|"
    r"ban|ngành|cấp|địa\s+phương)(?!\w))|(?:hiệu\s+trưởng|thủ\s+trưởng|trạm|chủ\s+tịch|"
    r"giám\s+đốc)(?!\w))"
)
