"""Vietnamese text rules (DESIGN §7), one mechanism each:

- NFC: every text reaching the database (`normalize_model_text`, a pre_save handler) and
  every request parameter (`NFCInputMiddleware`) is NFC-normalised;
- slugs: `slugify_vi` ("Đẩy mạnh tuyên truyền" → "day-manh-tuyen-truyen"; Django's slugify
  drops "đ");
- folding for accent-insensitive search: `fold`;
- document dates ("ngày 09 tháng 11 năm 2021"): `document_date`;
- collation (a < ă < â, d < đ, tones after letters): `collation_key`.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from anyascii import anyascii
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.text import slugify

T = TypeVar("T")


def nfc(value: str) -> str:
    """NFC form of `value`; ASCII and already-NFC strings are returned as they are."""
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Lower-case ASCII form for matching: "Quản lý Đảng" → "quan ly dang"."""
    return anyascii(nfc(value)).lower()


def slugify_vi(value: str) -> str:
    """URL slug: "Đẩy mạnh tuyên truyền" → "day-manh-tuyen-truyen", "Ia Bă" → "ia-ba"."""
    return slugify(anyascii(nfc(value)))


# -- document dates (Nghị định 30/2020, Phụ lục I) ---------------------------------------


def document_date(value: datetime.date | None, place: str = "") -> str:
    """ "ngày 09 tháng 11 năm 2021": days below 10 and months 1 and 2 take a leading zero.

    With `place`, the whole line: "Ia Grai, ngày 09 tháng 11 năm 2021". Without a date
    (an unsigned draft) the day and month are left blank for the pen, as the decree shows.
    """
    if value is None:
        text = "ngày     tháng     năm     "
    else:
        month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
        text = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text


# -- collation --------------------------------------------------------------------------

# The Vietnamese alphabet; letters outside it sort after, by code point.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks in dictionary order: level, grave, hook, tilde, acute, dot below.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def collation_key(value: str) -> str:
    """A string whose code-point order is Vietnamese dictionary order of `value`.

    Stored in a column (e.g. `Unit.sort_name`) it lets the database sort Vietnamese
    correctly on SQLite and PostgreSQL alike, without ICU collations.
    """
    decomposed = unicodedata.normalize("NFD", nfc(value).lower())
    letters: list[str] = []
    tones: list[str] = []
    for char in decomposed:
        if char in _TONES:
            if tones:
                tones[-1] = str(_TONES[char])
            continue
        if unicodedata.combining(char) and letters:
            # a breve, circumflex or horn: recompose it with the previous base letter
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
            continue
        letters.append(char)
        tones.append("0")
    # Fixed-width, prefix-free codes: space "00", digits "01".."0:", letters "10".."42",
    # anything else "9" + 6 hex digits, so plain string comparison orders the letters.
    primary = []
    for letter in letters:
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            primary.append(f"{rank + 10:02d}")
        elif letter.isspace():
            primary.append("00")
        elif letter in "0123456789":
            primary.append("0" + "123456789:"[int(letter)])
        else:
            primary.append(f"9{ord(letter):06x}")
    return " ".join(["".join(primary), "".join(tones)])


def sorted_vi(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """`items` in Vietnamese dictionary order of `key(item)`."""
    return sorted(items, key=lambda item: collation_key(key(item)))


# -- NFC at the model and request layers -------------------------------------------------


def normalize_model_text(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """pre_save handler: NFC every text field of every model, whatever saved it."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and not value.isascii():
                setattr(instance, field.attname, nfc(value))


def _nfc_querydict(data: QueryDict) -> QueryDict:
    if all(value.isascii() for _, values in data.lists() for value in values):
        return data
    normalised = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        normalised.setlist(nfc(key), [nfc(value) for value in values])
    normalised._mutable = False
    return normalised


class NFCInputMiddleware:
    """NFC-normalises GET and POST parameters and uploaded file names, so every form,
    search box and admin editor sees one form of each Vietnamese letter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.GET = _nfc_querydict(request.GET)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = _nfc_querydict(request.POST)
            for upload in request.FILES.values():
                if upload.name and not upload.name.isascii():
                    upload.name = nfc(upload.name)
        return self.get_response(request)
