"""From the bytes of an uploaded letter to clean lines the layout parser can trust.

Real copies of a công văn arrive copied from web pages (HTML fragments, `&nbsp;`, table
pipes), exported from Word, retyped from a scan, with Windows line endings, in NFD, with
light Markdown and decoration lines ("-----", "******"). This module removes what is not
text and keeps the two things the layout depends on: line breaks, and column breaks of a
flattened two-column header or footer, which become a tab ("\\t") inside a line.

`read_letter` raises `LetterInputError` (a Vietnamese message for the user) on input that
is not a readable letter: empty, binary, too large, a .docx that is not a Word file.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from directives_app.core.vietnamese import nfc

from .docx import read_docx
from .errors import LetterInputError

# Letters are a few pages; a .docx with an embedded logo stays well below this. The admin
# carries the original between its two steps, so the limit also bounds that form.
MAX_LETTER_BYTES = 3 * 1024 * 1024
# A công văn runs to a few thousand words; this is some fifty pages, and bounds the time
# parsing takes on pathological input.
MAX_TEXT_CHARS = 400_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc (and .xls)
PDF_MAGIC = b"%PDF"


@dataclass(frozen=True)
class LetterSource:
    """A letter as received: its original bytes, file name and extracted text."""

    name: str
    data: bytes
    kind: str  # "txt" or "docx"
    text: str


def read_letter(data: bytes, name: str = "") -> LetterSource:
    """Recognise the input by its content (not its name) and extract its text."""
    name = nfc(name or "")
    if not data:
        raise LetterInputError(_("Tệp trống: không có nội dung văn bản."))
    if len(data) > MAX_LETTER_BYTES:
        raise too_large(len(data))
    if data.startswith(ZIP_MAGIC):
        text, kind = read_docx(data), "docx"
    elif name.lower().endswith(".docx"):
        raise LetterInputError(
            _(
                "Tệp “%(name)s” không phải tệp Word .docx hợp lệ (không phải tệp nén ZIP). "
                "Hãy mở bằng Word và lưu lại dưới dạng .docx, hoặc dán nội dung văn bản."
            )
            % {"name": name}
        )
    elif data.startswith(OLE_MAGIC):
        raise LetterInputError(
            _(
                "Tệp Word 97–2003 (.doc) chưa được hỗ trợ: hãy mở bằng Word và lưu thành "
                ".docx, hoặc dán nội dung văn bản."
            )
        )
    elif data.startswith(PDF_MAGIC):
        raise LetterInputError(
            _("Tệp PDF chưa được hỗ trợ: hãy dùng tệp .docx, .txt hoặc dán nội dung văn bản.")
        )
    else:
        text, kind = decode_text(data), "txt"
    if len(text) > MAX_TEXT_CHARS:
        raise LetterInputError(
            _("Văn bản quá dài (%(count)d ký tự); giới hạn là %(limit)d ký tự.")
            % {"count": len(text), "limit": MAX_TEXT_CHARS}
        )
    if not clean_lines(text):
        raise LetterInputError(_("Tệp trống: không có nội dung văn bản."))
    return LetterSource(name=name, data=data, kind=kind, text=nfc(text))


def too_large(size: int) -> LetterInputError:
    return LetterInputError(
        _("Tệp quá lớn (%(size).1f MB); giới hạn là %(limit)d MB.")
        % {"size": size / 1024 / 1024, "limit": MAX_LETTER_BYTES // 1024 // 1024}
    )


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _binary_error() from error
    else:
        if b"\x00" in data:
            raise _binary_error()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise LetterInputError(
                _(
                    "Tệp không phải văn bản UTF-8 (có thể là tệp nhị phân, hoặc văn bản gõ "
                    "bằng bảng mã cũ TCVN3/VNI). Hãy lưu lại dưới dạng UTF-8 hoặc .docx."
                )
            ) from error
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v"
    )
    if controls > max(2, len(text) // 200):
        raise _binary_error()
    return text


def _binary_error() -> LetterInputError:
    return LetterInputError(
        _("Tệp có vẻ là tệp nhị phân, không phải văn bản. Hãy dùng tệp .txt, .docx.")
    )


# -- cleaning -----------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,500})?/?>")
_HTML_DROP = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<!--.*?-->")
_HTML_LINE_BREAK = re.compile(r"(?i)<br\s*/?>|</(?:p|div|tr|li|h[1-6]|table|blockquote)\s*>")
_HTML_CELL = re.compile(r"(?i)</t[dh]\s*>")
_MD_STRONG = re.compile(r"\*\*|__")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}|>+)\s+")
_MD_BULLET = re.compile(r"^\s*\*\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_COLUMN_GAP = re.compile(r"\t+| {4,}")
_ORPHAN_MARKS = re.compile(r"(?:(?<=\s)|^)[\u0300-\u036f]+", re.MULTILINE)
# The blanks an unsigned draft leaves for the pen ("Số:      /UBND-TP", "ngày      tháng
# 12") are not a gap between two columns.
_BLANK_FOR_PEN = re.compile(
    r"(?<!\w)(Số\s*:?|ngày|tháng(?:\s+\d{1,2})?)(?:\t+| {2,})(?=[/._…]|\d|tháng|năm)"
)
_TRAILING_RULE = re.compile(r"\s*[-_=*~]{4,}\s*$")


def _is_decoration(cell: str) -> bool:
    """ "-----", "******", "|", "* * *", "___": no letter or digit. "./." is kept: it ends
    the body of a letter."""
    return not any(char.isalnum() for char in cell) and "/" not in cell


def clean_lines(text: str) -> list[str]:
    """NFC lines without markup or decoration; "" for a blank line (never two in a row);
    cells of a flattened table or of a wide gap separated by a tab."""
    text = nfc(text)
    text = _NEWLINES.sub("\n", text)
    if "<" in text:
        text = _HTML_DROP.sub("", text)
        text = _HTML_LINE_BREAK.sub("\n", text)
        text = _HTML_CELL.sub("\t", text)
        text = _HTML_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    text = nfc(text)  # entities and NFD input may leave decomposed letters
    # Tone marks a PDF extraction left alone after a space ("thiêt hai ̀ ̣ ̣ do"): nothing
    # to combine with.
    text = _ORPHAN_MARKS.sub(" ", text)
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _MD_HEADING.sub("", raw)
        line = _MD_BULLET.sub("- ", line)
        line = _MD_STRONG.sub("", line)
        line = _MD_EMPHASIS.sub(r"\1", line)
        line = _MD_ESCAPE.sub(r"\1", line)
        line = line.replace("|", "\t")
        line = _BLANK_FOR_PEN.sub(r"\1 ", line)
        cells = []
        for cell in _COLUMN_GAP.split(line):
            cell = " ".join(cell.split())
            cell = _TRAILING_RULE.sub("", cell) if len(cell) > 4 else cell
            if cell and not _is_decoration(cell):
                cells.append(cell)
        cleaned = "\t".join(cells)
        if cleaned:
            lines.append(cleaned)
        elif lines and lines[-1]:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return lines
