"""The error the reading modules raise on input that is not a readable letter. Its own
module so that `text` (which dispatches to `docx`) and `docx` both import it without
importing each other."""

from __future__ import annotations


class LetterInputError(ValueError):
    """The input cannot be read as a letter; `str(error)` is the message for the user."""
