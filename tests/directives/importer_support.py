"""Helpers for the importer's tests: the corpus of letters with their expected results, .docx
versions built from them, and the ImportedLetter table while it has no migration."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from directives_app.importer.parser import parse_letter

LETTERS = Path(__file__).resolve().parent / "letters"
SEED = LETTERS / "seed.txt"


def corpus() -> list[Path]:
    """Every letter of the corpus (the seed first)."""
    letters = sorted(
        path
        for path in LETTERS.iterdir()
        if path.suffix in (".txt", ".md") and path.name != SEED.name
    )
    return [SEED, *letters]


def expected(path: Path) -> dict:
    return json.loads((path.parent / f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def subset(actual, expected_value):
    """`actual` reduced to the keys `expected_value` has (the seed's expected JSON leaves
    out citations, warnings and each task's units)."""
    if isinstance(expected_value, dict) and isinstance(actual, dict):
        return {key: subset(actual.get(key), value) for key, value in expected_value.items()}
    if isinstance(expected_value, list) and isinstance(actual, list):
        if len(actual) == len(expected_value):
            return [subset(a, e) for a, e in zip(actual, expected_value, strict=True)]
    return actual


# -- .docx ----------------------------------------------------------------------------------


def build_docx(
    path: Path,
    *,
    right_from: str,
    body_from: str,
    footer_from: str,
    signer_from: str,
    auto_numbering: bool = False,
    soft_breaks: bool = False,
) -> bytes:
    """The letter at `path` typed in Word: the header as a two-column table (left: the
    lines before the one starting with `right_from`; right: from it), the body as
    paragraphs, the footer as another two-column table (Nơi nhận | signer).

    `auto_numbering`: numbered items and "-" bullets use Word's list styles ("List
    Number", "List Bullet"), so their numbers are not in the text. `soft_breaks`: the
    issuing body's two lines are one paragraph with a line break (Shift+Enter).
    """
    import docx
    from docx.shared import Pt

    lines = [line.strip().replace("**", "") for line in path.read_text("utf-8").splitlines()]

    def index(prefix: str) -> int:
        return next(i for i, line in enumerate(lines) if line.startswith(prefix))

    header = [line for line in lines[: index(body_from)] if line]
    split = next(i for i, line in enumerate(header) if line.startswith(right_from))
    body = _paragraphs(lines[index(body_from) : index(footer_from)])
    footer_left = [line for line in lines[index(footer_from) : index(signer_from)] if line]
    footer_right = [line for line in lines[index(signer_from) :] if line]

    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    left = header[:split]
    if soft_breaks and len(left) >= 2:
        left = [f"{left[0]}\n{left[1]}", *left[2:]]
    _two_columns(document, left, header[split:])
    for text in body:
        number = re.match(r"^\d+\.\s+", text)
        if auto_numbering and number:
            document.add_paragraph(text[number.end() :], style="List Number")
        elif auto_numbering and text.startswith("- "):
            document.add_paragraph(text[2:], style="List Bullet")
        else:
            document.add_paragraph(text)
    _two_columns(document, footer_left, footer_right)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines of the text file → Word paragraphs (a line starting in lower case continues
    the paragraph above, as Word would wrap it)."""
    paragraphs: list[str] = []
    for line in lines:
        if not line:
            continue
        if paragraphs and line[0].islower():
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return paragraphs


def _two_columns(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, texts in zip(table.rows[0].cells, (left, right), strict=True):
        for position, text in enumerate(texts):
            paragraph = cell.paragraphs[0] if position == 0 else cell.add_paragraph()
            for part_index, part in enumerate(text.split("\n")):
                if part_index:
                    paragraph.runs[-1].add_break()  # Shift+Enter: a line break, not a paragraph
                run = paragraph.add_run(part)
                run.bold = part.isupper()  # bodies and titles are printed in bold capitals


# -- the ImportedLetter table -----------------------------------------------------------------


# A small letter whose parts a test replaces one at a time.
HEADER = """ỦY BAN NHÂN DÂN
HUYỆN IA GRAI
Số: 12/UBND-VP
V/v thử nghiệm

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ia Grai, ngày 09 tháng 11 năm 2021
"""
BODY = """Kính gửi: Phòng Tư pháp.

1. Phòng Tư pháp:
- Thực hiện.
"""
FOOTER = """
Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Đỗ Văn Đông
"""


def letter(header: str = HEADER, body: str = BODY, footer: str = FOOTER) -> dict:
    return parse_letter(header + "\n" + body + "\n" + footer).to_json()
