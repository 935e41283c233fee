""".docx letters: built here with python-docx (the two-column header as a table, as Word
users type it) from letters of the corpus, they must parse to the same result as the
text; broken or fake .docx files are refused with a clear message."""

from __future__ import annotations

import io
import zipfile

import pytest
from importer_support import LETTERS, SEED, build_docx, expected, subset

from directives_app.importer.drafts import analyse
from directives_app.importer.text import LetterInputError, read_letter

DOCX_LETTERS = {
    # the seed with Word's automatic numbering and bullets, and a line break in the header
    "seed": dict(
        path=SEED,
        right_from="CỘNG HÒA",
        body_from="Kính gửi",
        footer_from="Nơi nhận",
        signer_from="TM.",
        auto_numbering=True,
        soft_breaks=True,
    ),
    "ke-hoach": dict(
        path=LETTERS / "03_ke_hoach_glued_signer.txt",
        right_from="CỘNG HÒA",
        body_from="KẾ HOẠCH",
        footer_from="Nơi nhận",
        signer_from="TM.",
    ),
    "giao-truong-phong": dict(
        path=LETTERS / "05_giao_truong_phong.txt",
        right_from="CỘNG HÒA",
        body_from="Kính gửi",
        footer_from="Nơi nhận",
        signer_from="TL.",
    ),
    "unresolved": dict(
        path=LETTERS / "09_tuq_unresolved.txt",
        right_from="CỘNG HÒA",
        body_from="Kính gửi",
        footer_from="Nơi nhận",
        signer_from="TUQ.",
        auto_numbering=True,
    ),
}


def docx_bytes(name: str) -> bytes:
    spec = dict(DOCX_LETTERS[name])
    return build_docx(spec.pop("path"), **spec)


@pytest.mark.django_db
@pytest.mark.parametrize("name", DOCX_LETTERS)
def test_docx_parses_like_the_text(name):
    path = DOCX_LETTERS[name]["path"]
    source = read_letter(docx_bytes(name), f"{path.stem}.docx")
    assert source.kind == "docx"
    result = analyse(source.text).to_json()
    assert subset(result, expected(path)) == expected(path)


def test_header_is_a_two_column_table():
    import docx

    document = docx.Document(io.BytesIO(docx_bytes("seed")))
    header = document.tables[0]
    assert len(header.columns) == 2
    assert header.cell(0, 0).text.startswith("ỦY BAN NHÂN DÂN\nHUYỆN IA GRAI")
    assert header.cell(0, 1).text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def test_word_numbering_is_rendered():
    """List styles keep the numbers out of the text; the reader puts them back."""
    import docx

    document = docx.Document(io.BytesIO(docx_bytes("seed")))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Phòng Văn hóa và Thông tin:" in texts  # no "2." in Word's text
    text = read_letter(docx_bytes("seed"), "seed.docx").text
    assert "\n2. Phòng Văn hóa và Thông tin:\n" in text
    assert "\n4. Trung tâm Văn hóa, Thông tin và Thể thao; UBND các xã, thị trấn\n" in text
    assert "\n- Chủ động xây dựng các kênh thông tin" in text


def test_docx_is_recognised_by_content_not_name():
    assert read_letter(docx_bytes("seed"), "ban-sao.txt").kind == "docx"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Day la van ban thuong", "cong-van.docx", "không phải tệp Word .docx hợp lệ"),
        (b"PK\x03\x04" + b"\x00garbage" * 20, "cong-van.docx", "bị hỏng"),
        (_zip({"hello.txt": b"hi"}), "cong-van.docx", "thiếu word/document.xml"),
        (
            _zip({"word/document.xml": b"<not-xml", "[Content_Types].xml": b"<x/>"}),
            "cong-van.docx",
            "bị hỏng hoặc không phải văn bản Word",
        ),
    ],
    ids=["not-a-zip", "broken-zip", "zip-not-word", "broken-word"],
)
def test_bad_docx_is_refused(data, name, message):
    with pytest.raises(LetterInputError, match=message):
        read_letter(data, name)


def test_docx_that_expands_too_much_is_refused(monkeypatch):
    from directives_app.importer import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(LetterInputError, match="quá lớn khi giải nén"):
        read_letter(docx_bytes("seed"), "seed.docx")
