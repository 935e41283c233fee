"""Property tests (hypothesis): whatever the text, the parser returns the schema and never
raises; whatever the bytes, reading either succeeds or says why in Vietnamese."""

from __future__ import annotations

import datetime
import itertools
import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directives_app.importer.parser import parse_letter
from directives_app.importer.resolve import Target, UnitDirectory, resolve_letter
from directives_app.importer.text import LetterInputError, clean_lines, read_letter

SCHEMA = {
    "doc_type": str,
    "number": (int, type(None)),
    "symbol": str,
    "issuer": str,
    "parent_issuer": str,
    "place": str,
    "date": (str, type(None)),
    "subject": str,
    "recipients": list,
    "legal_basis": list,
    "citations": list,
    "tasks": list,
    "signer": dict,
    "distribution": list,
    "warnings": list,
    "sources": dict,
}
TASK = {
    "heading": str,
    "addressees": list,
    "units": list,
    "deadline": (str, type(None)),
    "recurring": (str, type(None)),
    "bullets": int,
    "resolution": list,
}

# Pieces of real letters, so that generated texts reach every branch of the parser.
FRAGMENTS = [
    "ỦY BAN NHÂN DÂN",
    "HUYỆN IA GRAI",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 52 /UBND-NV",
    "Số 730- CV/ ĐU",
    "Số: /KH-UBND",
    "Ia Grai, ngày 09 tháng 11 năm 2021",
    "Pleiku, ngày tháng 2 năm 2019",
    "ngày 31/02/2021",
    "V/v tăng cường quản lý",
    "Về việc rà soát",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "Kính gửi:",
    "Kính gửi: Phòng Tư pháp; Phòng Nội vụ.",
    "- Các cơ quan, đơn vị thuộc huyện;",
    "Căn cứ Luật An ninh mạng năm 2018;",
    "Thực hiện Công văn số 412-CV/HU ngày 09/11/2021 của Huyện ủy Ia Grai về việc",
    "Xét đề nghị của",
    "1. Phòng Văn hóa và Thông tin:",
    "II. Công an huyện chủ trì",
    "a) UBND các xã Ia Bă, Ia Tô và Ia Grăng:",
    "1.1. Tuyên truyền",
    "- Báo cáo trước ngày 15/12",
    "- hoàn thành trong tháng 13/2021",
    "hoàn thành trong quý IV/2021",
    "chậm nhất ngày 05 tháng 01 năm 2022",
    "trong thời hạn 05 ngày làm việc",
    "Chủ tịch UBND huyện giao Phòng Tư pháp chủ trì,",
    "Giao Trưởng phòng Nội vụ phối hợp",
    "Yêu cầu các đơn vị thực hiện./.",
    "Nơi nhận:",
    "Nơi nhận",
    "- Như trên;",
    "- Lưu: VT, VH TT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT.CHỦ TỊCH",
    "P.CHỦ TỊCH",
    "Q. CHỦ TỊCH",
    "T/M BAN THƯỜNG VỤ",
    "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đỗ Văn Đông",
    "(Đã ký)",
    "Đỗ Văn Đông",
    "**",
    "<p>",
    "</td><td>",
    "&nbsp;",
    "-----",
    "******",
    "|",
    "\t",
    "      ",
    "\r\n",
    "\u0301",
    ":",
    ";",
    "/.",
]

letters = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=60).map(
    lambda parts: "\n".join(parts)
)
glued = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)


def assert_schema(result: dict) -> None:
    assert list(result) == list(SCHEMA)
    for key, kind in SCHEMA.items():
        assert isinstance(result[key], kind), key
    for key in ("recipients", "legal_basis", "citations", "distribution", "warnings"):
        assert all(isinstance(item, str) for item in result[key]), key
    assert set(result["signer"]) == {"form", "title", "name"}
    assert all(isinstance(value, str) for value in result["signer"].values())
    for task in result["tasks"]:
        assert list(task) == list(TASK)
        for key, kind in TASK.items():
            assert isinstance(task[key], kind), key
        assert task["bullets"] >= 0
        if task["deadline"]:
            datetime.date.fromisoformat(task["deadline"])
    if result["date"]:
        datetime.date.fromisoformat(result["date"])
    text = json.dumps(result, ensure_ascii=False)
    assert unicodedata.is_normalized("NFC", text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_any_text_gives_the_schema(text):
    assert_schema(parse_letter(text).to_json())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters)
def test_letter_like_text_gives_the_schema(text):
    assert_schema(parse_letter(text).to_json())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glued)
def test_glued_fragments_give_the_schema(text):
    assert_schema(parse_letter(text).to_json())


def _directory() -> UnitDirectory:
    directory = UnitDirectory()
    directory.add(["Phòng Tư pháp"], Target("unit", "phong-tu-phap", ("phong-tu-phap",)))
    directory.add(
        ["Xã Ia Bă", "UBND xã Ia Bă"], Target("unit", "xa-ia-ba", ("xa-ia-ba",)), commune=True
    )
    directory.add(
        ["Ủy ban nhân dân huyện Ia Grai"],
        Target("unit", "ubnd-huyen-ia-grai", ("ubnd-huyen-ia-grai",)),
    )
    directory.add(["UBND các xã, thị trấn"], Target("group", "xa", ("xa-ia-ba",)))
    return directory


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters)
def test_resolution_keeps_the_schema(text):
    letter = resolve_letter(parse_letter(text), _directory())
    assert_schema(letter.to_json())
    known = {"phong-tu-phap", "xa-ia-ba", "ubnd-huyen-ia-grai"}
    assert all(set(task.units) <= known for task in letter.tasks)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.docx", "a", "a.pdf"]))
def test_any_bytes_are_read_or_refused_with_a_message(data, name):
    try:
        source = read_letter(data, name)
    except LetterInputError as error:
        assert str(error)
    else:
        assert clean_lines(source.text)
        assert_schema(parse_letter(source.text).to_json())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=1000))
def test_clean_lines_are_nfc_without_double_blanks(text):
    lines = clean_lines(text)
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert not any(a == b == "" for a, b in itertools.pairwise(lines))
    assert not lines or lines[-1] != ""
