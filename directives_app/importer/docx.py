"""The text of a .docx letter, in reading order, with python-docx.

The two-column header (and often the Nơi nhận / signer footer) of a letter typed in Word
is a table: each cell is read in turn, so the layout parser sees the left column, then
the right one. Paragraphs are separated by a blank line, so that the parser never joins
two real paragraphs as it does the hard-wrapped lines of a retyped letter.

Word's automatic numbering ("1.", "a)", "-" of a list style) is not in the paragraph
text; it is rendered here from the numbering definitions, since the parser finds the
tasks of a letter by their numbers.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directives_app.core.active_content import check_office

from .errors import LetterInputError

# A .docx is a zip: refuse archives that would expand to far more than a letter.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def read_docx(data: bytes) -> str:
    """The letter's text: one paragraph per line, blank lines between paragraphs."""
    _check_archive(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        blocks = list(_blocks(document.element.body, numbering))
    except LetterInputError:
        raise
    except Exception as error:  # python-docx raises many types on a broken package
        raise LetterInputError(
            _(
                "Tệp .docx bị hỏng hoặc không phải văn bản Word (%(reason)s). Hãy mở bằng "
                "Word và lưu lại, hoặc dán nội dung văn bản."
            )
            % {"reason": type(error).__name__}
        ) from error
    return "\n\n".join(block for block in blocks if block.strip())


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise LetterInputError(_("Tệp .docx bị hỏng (không đọc được tệp nén ZIP).")) from error
    if "word/document.xml" not in names:
        raise LetterInputError(
            _(
                "Tệp nén này không phải văn bản Word .docx (thiếu word/document.xml). "
                "Hãy dùng tệp .docx, .txt hoặc dán nội dung văn bản."
            )
        )
    if len(entries) > MAX_ZIP_ENTRIES or (
        sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES
    ):
        raise LetterInputError(_("Tệp .docx quá lớn khi giải nén; không phải một công văn."))
    # A letter with macros is refused like any other upload (DESIGN §9).
    try:
        check_office(io.BytesIO(data), "docx", "")
    except ValidationError as error:
        raise LetterInputError(
            _(
                "Tệp .docx chứa macro hoặc lấy mẫu, đối tượng từ nơi khác; không nhập tệp "
                "này. Hãy lưu lại thành .docx không có macro hoặc dán nội dung văn bản."
            )
        ) from error


def _blocks(container, numbering: _Numbering) -> Iterator[str]:
    """Paragraph texts of a body, table cell or content control, in document order."""
    for child in container.iterchildren():
        if child.tag == _w("p"):
            yield numbering.label(child) + _paragraph_text(child)
        elif child.tag == _w("tbl"):
            for row in child.iterchildren(_w("tr")):
                for cell in row.iterchildren(_w("tc")):
                    yield from _blocks(cell, numbering)
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content, numbering)


def _paragraph_text(p) -> str:
    # CT_P.text maps w:br to "\n" and w:tab to "\t", as Word shows them.
    return p.text


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _format_number(number: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    return str(number)


class _Numbering:
    """Renders the automatic number of a list paragraph ("1.", "II.", "a)", "- ")."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.styles: dict[str, object] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.iterchildren(_w("abstractNum")):
            levels = {}
            for lvl in node.iterchildren(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = (
                    int(_val(lvl, "start") or "1"),
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                )
            abstract[node.get(_w("abstractNumId"))] = levels
        for num in root.iterchildren(_w("num")):
            ref = num.find(_w("abstractNumId"))
            if ref is not None:
                self.levels[num.get(_w("numId"))] = abstract.get(ref.get(_w("val")), {})
        for style in document.styles.element.iterchildren(_w("style")):
            self.styles[style.get(_w("styleId"))] = style

    def _num_pr(self, p) -> tuple[str, int] | None:
        ppr = p.find(_w("pPr"))
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        style_id = None
        if ppr is not None and ppr.find(_w("pStyle")) is not None:
            style_id = ppr.find(_w("pStyle")).get(_w("val"))
        seen = set()
        while num_pr is None and style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            sppr = style.find(_w("pPr"))
            num_pr = sppr.find(_w("numPr")) if sppr is not None else None
            based = style.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        if num_pr is None:
            return None
        num_id = _val(num_pr, "numId")
        if not num_id or num_id == "0":
            return None
        return num_id, int(_val(num_pr, "ilvl") or "0")

    def label(self, p) -> str:
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id, {})
        if ilvl not in levels:
            return ""
        _start, fmt, template = levels[ilvl]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            level_start = levels.get(len(counters), (1, "", ""))[0]
            counters.append(level_start - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1 :]
        text = template
        for index, value in enumerate(counters):
            level_fmt = levels.get(index, (1, "decimal", ""))[1]
            text = text.replace(f"%{index + 1}", _format_number(value, level_fmt))
        return f"{text} " if text else ""


def _val(node, tag: str) -> str | None:
    child = node.find(_w(tag))
    return child.get(_w("val")) if child is not None else None
