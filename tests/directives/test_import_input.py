"""Bad input to the importer is refused with a clear Vietnamese message (LetterInputError),
before anything is parsed or saved; odd but readable encodings are read."""

from __future__ import annotations

import pytest
from importer_support import SEED

from directives_app.importer.text import (
    MAX_LETTER_BYTES,
    LetterInputError,
    clean_lines,
    read_letter,
)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "trong.txt", "Tệp trống"),
        (b"  \r\n\t\n ", "trong.txt", "Tệp trống"),
        (b"-----\n******\n| |\n", "trang-tri.txt", "Tệp trống"),
        (bytes(range(256)) * 4, "anh.bin", "tệp nhị phân"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "anh.png", "tệp nhị phân"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "cu.doc", "Word 97–2003"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "ban-ky.pdf", "PDF chưa được hỗ trợ"),
        ("Công văn".encode("cp1258"), "tcvn.txt", "không phải văn bản UTF-8"),
        (b"x" * (MAX_LETTER_BYTES + 1), "lon.txt", "Tệp quá lớn"),
        ("Công văn ".encode() * 50_000, "dai.txt", "Văn bản quá dài"),
    ],
    ids=[
        "empty",
        "blank",
        "decoration-only",
        "binary",
        "png",
        "doc",
        "pdf",
        "cp1258",
        "large",
        "long",
    ],
)
def test_bad_input_is_refused(data, name, message):
    with pytest.raises(LetterInputError, match=message):
        read_letter(data, name)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_encodings_are_read(encoding):
    text = SEED.read_text("utf-8")
    assert read_letter(text.encode(encoding), "seed.txt").text == text


def test_cleaning_removes_markup_and_decoration():
    lines = clean_lines(
        "<p><strong>ỦY BAN NHÂN DÂN</strong>&nbsp;</p>\r\n"
        "**HUYỆN IA GRAI**\r\n-----\r\n******\r\n|\r\n"
        "| Số: 1/UBND |   | Ia Grai, ngày 1 tháng 1 năm 2022 |\r\n"
        "* một ý\r\n\r\n\r\n\u200bKết thúc./."
    )
    # A block's end and a decoration line separate paragraphs, as a blank line does.
    assert lines == [
        "ỦY BAN NHÂN DÂN",
        "",
        "HUYỆN IA GRAI",
        "",
        "Số: 1/UBND\tIa Grai, ngày 1 tháng 1 năm 2022",
        "- một ý",
        "",
        "Kết thúc./.",
    ]


def test_blanks_left_for_the_pen_are_not_columns():
    assert clean_lines("Số:      /UBND-TP\nIa Grai, ngày      tháng 12 năm 2021") == [
        "Số: /UBND-TP",
        "Ia Grai, ngày tháng 12 năm 2021",
    ]
