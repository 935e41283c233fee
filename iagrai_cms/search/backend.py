"""The search backend: Wagtail's database backend (SQLite FTS5 or PostgreSQL), with every
query string cleaned first (DESIGN §9). One place for the register, the site search, the
API's `?search=` and the admin's search boxes.

Both backends put each term inside quotes, so a `"` in the text ends the quoted term early
(SQLite: "unterminated string", a 500). The tokenisers drop punctuation anyway, so keeping
only letters, digits, marks and the few joiners found inside document symbols ("123/QĐ-UBND")
loses nothing a visitor could find and leaves no FTS syntax (`"`, `*`, `^`, `(`, `:`,
`NEAR(`) or control character (NUL) for the database to parse.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from wagtail.search.backends import database

MAX_QUERY_LENGTH = 200
# Kept inside words: symbols are written "123/QĐ-UBND", "v.v.", "so_hieu".
JOINERS = frozenset("/-._")


def clean_query(text: str) -> str:
    """The words of `text`, without search syntax or control characters ("" if none)."""
    kept = [
        char
        if char.isalnum() or char in JOINERS or unicodedata.category(char).startswith("M")
        else " "
        for char in text[: MAX_QUERY_LENGTH * 2]
    ]
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH]


class CleanQueryMixin:
    """Cleans plain-string queries; parsed queries (the admin's Phrase, Not…) pass as they are."""

    def search(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = clean_query(query)
        return super().search(query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = clean_query(query)
        return super().autocomplete(query, model_or_queryset, *args, **kwargs)


@cache
def _clean_class(base: type) -> type:
    return type(f"Clean{base.__name__}", (CleanQueryMixin, base), {})


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """The database backend Wagtail would pick for this connection, cleaning its queries."""
    return _clean_class(type(database.SearchBackend(params)))(params)
