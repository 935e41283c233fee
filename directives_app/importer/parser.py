"""The layout parser: the text of a Vietnamese administrative letter (Nghị định 30/2020,
Phụ lục I) → its fields. A pure function of the text: no database, no request.

A letter has three zones and the parser reads them in turn:

- the header, two columns that copies flatten into one line or interleave: issuing body,
  "Số: …", "V/v …" on the left; national title, motto, "place, ngày … tháng … năm …" on
  the right; for other types than công văn, the type title ("KẾ HOẠCH") and the subject
  below. The header is cut into segments at those anchors, wherever they are in a line;
- the body: "Kính gửi", the legal basis ("Căn cứ", "Thực hiện", "Xét"), paragraphs, the
  numbered tasks (I., 1., 1.1., a)) with their "-" bullets, or, without numbers,
  paragraphs that address a unit inside a sentence ("… giao Phòng Tư pháp chủ trì …"),
  and the closing paragraph ("… triển khai thực hiện./.");
- the footer, two columns again: "Nơi nhận:" with its "- …;" lines, and the signer block
  (TM./KT./Q./TL./TUQ. lines, title, name), in either order or interleaved.

Each zone has its module: `header` (with `header_layout`), `recipients`, `paragraphs`,
`tasks` (with `addressees` and `legal_basis`), `deadlines`, `distribution` and `signer`;
`patterns` holds what they share and `letter` the result. Every heuristic answers a layout
seen in real copies; `tests/directives/letters/` holds one letter per case (and `real/`
letters copied from public portals) with its expected result.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from directives_app.core.vietnamese import nfc

from .addressees import is_addressee_phrase, split_addressees
from .deadlines import _task_deadlines
from .distribution import _parse_footer
from .header import _apply_header, _Header, _parse_header
from .header_layout import unwrap_header
from .legal_basis import find_citations
from .letter import ParsedLetter, ParsedTask, Signer
from .paragraphs import _find_footer, _reflow
from .recipients import _parse_recipients
from .tasks import _parse_body
from .text import clean_lines

__all__ = [
    "ParsedLetter",
    "ParsedTask",
    "Signer",
    "find_citations",
    "is_addressee_phrase",
    "parse_letter",
    "split_addressees",
]


def parse_letter(text: str) -> ParsedLetter:
    """The fields of a letter. Never raises: what cannot be read is left empty and said
    in `warnings`; a text without any header also gets `errors` (not a letter)."""
    letter = ParsedLetter()
    lines = unwrap_header(clean_lines(nfc(text or "")))
    header, rest = _parse_header(lines)
    if not header.found:
        letter.errors.append(
            _(
                "Không tìm thấy phần đầu văn bản (số, ký hiệu; quốc hiệu; địa danh, ngày "
                "tháng): đây không phải một văn bản theo thể thức Nghị định 30/2020."
            )
        )
    _apply_header(header, letter)
    letter.recipients, rest = _parse_recipients(rest)
    footer_start = _find_footer(rest)
    paragraphs = _reflow(rest[:footer_start])
    _parse_body(paragraphs, letter, body_only=not header.found)
    _parse_footer(rest[footer_start:], letter)
    for number, task in enumerate(letter.tasks, start=1):
        _task_deadlines(task, number, letter)
    texts = [letter.subject, *paragraphs]
    citations: dict[str, None] = {}
    for paragraph in texts:
        for _position, citation in find_citations(paragraph):
            citations.setdefault(citation, None)
    letter.citations = list(citations)
    _structure_warnings(header, letter)
    return letter


def _structure_warnings(header: _Header, letter: ParsedLetter) -> None:
    warnings: list[str] = []
    if header.found:
        if not letter.issuer:
            warnings.append(_("Không tìm thấy tên cơ quan ban hành ở đầu văn bản."))
        if not header.symbol_seen:
            warnings.append(_("Không tìm thấy số, ký hiệu văn bản (dòng “Số: …”)."))
        elif letter.number is None:
            warnings.append(_("Văn bản chưa có số (bản dự thảo): số được cấp khi ban hành."))
        if not header.date_seen:
            warnings.append(_("Không tìm thấy địa danh, ngày tháng ban hành."))
        elif letter.date is None:
            if header.year and not re.search(r"\d{1,2}\s*(?:tháng|/)", header.date_text):
                warnings.append(
                    _("Văn bản chưa ghi ngày tháng (bản dự thảo): ngày được ghi khi ban hành.")
                )
            else:
                warnings.append(
                    _("Ngày ban hành “%(text)s” không hợp lệ.") % {"text": header.date_text}
                )
        if not letter.subject:
            warnings.append(_("Không tìm thấy trích yếu nội dung (dòng “V/v …”)."))
    if not letter.tasks:
        warnings.append(
            _(
                "Không tìm thấy nhiệm vụ nào (mục đánh số hoặc câu “giao …”): hãy thêm nhiệm vụ "
                "trong bản nháp."
            )
        )
    for number, task in enumerate(letter.tasks, start=1):
        if not task.paragraphs:
            warnings.append(
                _("Nhiệm vụ %(n)d (“%(heading)s”) không có nội dung.")
                % {"n": number, "heading": task.heading}
            )
    if not letter.signer.name or not letter.signer.title:
        warnings.append(_("Không tìm thấy người ký (chức vụ, họ tên)."))
    if not letter.distribution:
        warnings.append(_("Không tìm thấy phần “Nơi nhận”."))
    # Not a letter first, then the structure, then the deadlines found task by task.
    letter.warnings[:0] = letter.errors + warnings
