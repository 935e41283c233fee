"""Tracking codes of incident reports: `PA.YYYYMMDD.XXXXC`.

The date part keeps the form staff and earlier documents know; the rest is four random
characters and one check character (Luhn mod N) over an alphabet without look-alikes
(no 0/O, 1/I/L, U), so a code cannot be guessed from another one, a single mistyped
character is caught, and it is still short enough to read over the phone.

Codes issued before (`PA.YYYYMMDD.NNNN`, digits) still look up: `normalise` accepts both.
Pure functions: no database.
"""

from __future__ import annotations

import datetime
import re
import secrets

PREFIX = "PA"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 4
EXAMPLE = "PA.20261202.K7M3F"

_VALUE = {char: index for index, char in enumerate(ALPHABET)}
# What people type: any case, with or without dots, spaces, dashes or underscores.
_TYPED = re.compile(r"^PA(\d{8})([0-9A-Z]{4,8})$")


def check_character(body: str) -> str:
    """Luhn mod N over `body` (characters of ALPHABET): detects any single substitution
    and most swaps of neighbours."""
    base = len(ALPHABET)
    factor = 2
    total = 0
    for char in reversed(body):
        addend = factor * _VALUE[char]
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def is_well_formed(tail: str) -> bool:
    """True for a random tail with a correct check character, or a legacy number."""
    if tail.isdigit():
        return len(tail) >= 4
    if len(tail) != RANDOM_LENGTH + 1 or any(char not in _VALUE for char in tail):
        return False
    return check_character(tail[:-1]) == tail[-1]


def new_code(day: datetime.date) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{PREFIX}.{day:%Y%m%d}.{body}{check_character(body)}"


def normalise(typed: str) -> str | None:
    """The stored form of what someone typed ("pa 20261202 k7m3f" → "PA.20261202.K7M3F"),
    or None when it cannot be a code (wrong shape, wrong check character)."""
    compact = re.sub(r"[\s.\-_/]+", "", typed or "").upper()
    match = _TYPED.match(compact)
    if match is None:
        return None
    date_part, tail = match.groups()
    try:
        datetime.datetime.strptime(date_part, "%Y%m%d")
    except ValueError:
        return None
    if not is_well_formed(tail):
        return None
    return f"{PREFIX}.{date_part}.{tail}"
