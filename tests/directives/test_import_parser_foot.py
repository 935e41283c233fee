"""The layout parser on the foot of a letter and on its pieces: signer blocks, the "Nơi
nhận" list, the closing, hard-wrapped lines, a letter without a header, addressee phrases
and citations (issue 4's parser; test_import_parser.py holds the header and body)."""

from __future__ import annotations

import datetime

import pytest
from importer_support import BODY, FOOTER, HEADER, letter

from directives_app.importer.parser import find_citations, parse_letter, split_addressees

SIGNERS = {
    "two-lines": (FOOTER, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đỗ Văn Đông"),
    "three-lines": (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Đông",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Đỗ Văn Đông",
    ),
    "glued": (
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đỗ Văn Đông",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Đỗ Văn Đông",
    ),
    "kt-glued-p": ("KT.CHỦ TỊCH\nP.CHỦ TỊCH\nA Văn B", "KT. CHỦ TỊCH", "P.CHỦ TỊCH", "A Văn B"),
    "one-line-kt-p": (
        "KT.CHỦ TỊCH P.CHỦ TỊCH\n(Đã ký)\nA Văn B",
        "KT. CHỦ TỊCH",
        "P.CHỦ TỊCH",
        "A Văn B",
    ),
    "q": (
        "TM. ỦY BAN NHÂN DÂN\nQ. CHỦ TỊCH\nA Văn B",
        "TM. ỦY BAN NHÂN DÂN",
        "Q. CHỦ TỊCH",
        "A Văn B",
    ),
    "tl": ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nA Văn B", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "A Văn B"),
    "tuq": (
        "TUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nA Văn B",
        "TUQ. CHỦ TỊCH",
        "CHÁNH VĂN PHÒNG",
        "A Văn B",
    ),
    "name-in-capitals": (
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNGUYỄN VĂN A",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "NGUYỄN VĂN A",
    ),
    "party": ("T/M BAN THƯỜNG VỤ\nBÍ THƯ\nA Văn B", "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "A Văn B"),
    "interleaved-with-noi-nhan": (
        "Nơi nhận:      TM. ỦY BAN NHÂN DÂN\n- Như trên;     KT. CHỦ TỊCH\n"
        "- Lưu: VT.      PHÓ CHỦ TỊCH\n\n                Đỗ Văn Đông",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Đỗ Văn Đông",
    ),
}


@pytest.mark.parametrize(("block", "form", "title", "name"), SIGNERS.values(), ids=SIGNERS)
def test_signer_blocks(block, form, title, name):
    footer = block if "Nơi nhận" in block else f"Nơi nhận:\n- Lưu: VT.\n{block}"
    assert letter(footer=footer)["signer"] == {"form": form, "title": title, "name": name}


@pytest.mark.parametrize(
    "footer",
    [
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Đông",
        "Nơi nhận\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Đông",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Đông\nNơi nhận:\n- Như trên;\n- Lưu: VT.",
        "Nơi nhận: - Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐỗ Văn Đông",
        "Nơi nhận:\n- Như trên; KT. CHỦ TỊCH\n- Lưu: VT. PHÓ CHỦ TỊCH\nĐỗ Văn Đông",
    ],
    ids=["colon", "no-colon", "signer-first", "first-on-the-line", "glued-columns"],
)
def test_noi_nhan_with_or_without_colon(footer):
    result = letter(footer=footer)
    assert result["distribution"] == ["- Như trên;", "- Lưu: VT."]
    assert result["signer"] == {
        "form": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Đỗ Văn Đông",
    }


def test_distribution_line_that_looks_like_a_marker_is_kept_whole():
    result = letter(footer=FOOTER.replace("- Như trên;", "- Phòng KTHT;"))
    assert result["distribution"] == ["- Phòng KTHT;", "- Lưu: VT."]


def test_closing_paragraph_is_not_task_text():
    parsed = parse_letter(
        HEADER
        + "\n1. Phòng Tư pháp:\n- Rà soát.\nUBND huyện yêu cầu các đơn vị thực hiện./.\n"
        + FOOTER
    )
    assert parsed.tasks[0].paragraphs == ["- Rà soát."]
    assert parsed.closing == ["UBND huyện yêu cầu các đơn vị thực hiện./."]


def test_hard_wrapped_lines_are_joined_back():
    body = (
        "1. Phòng Tư pháp:\n"
        "- Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan rà soát toàn bộ văn bản\n"
        "quy phạm pháp luật do Hội đồng nhân dân, Ủy ban nhân dân huyện ban hành còn\n"
        "Hiệu lực đến ngày 31/12/2021.\n"
        "- Báo cáo.\n"
    )
    parsed = parse_letter(HEADER + body + FOOTER)
    assert len(parsed.tasks[0].paragraphs) == 2
    assert parsed.tasks[0].paragraphs[0].endswith("ban hành còn Hiệu lực đến ngày 31/12/2021.")


def test_letter_without_header_is_an_error():
    parsed = parse_letter("Kính gửi: Phòng Tư pháp.\n\n1. Phòng Tư pháp:\n- Rà soát.\n" + FOOTER)
    assert parsed.errors
    assert parsed.to_json()["warnings"][0] == parsed.errors[0]


@pytest.mark.parametrize(
    ("heading", "addressees"),
    [
        ("Phòng Văn hóa và Thông tin", ["Phòng Văn hóa và Thông tin"]),
        ("Phòng Nội vụ và Phòng Tư pháp", ["Phòng Nội vụ", "Phòng Tư pháp"]),
        ("UBND các xã, thị trấn", ["UBND các xã, thị trấn"]),
        ("Trung tâm Văn hóa, Thông tin và Thể thao", ["Trung tâm Văn hóa, Thông tin và Thể thao"]),
        ("Công an huyện, Ban Chỉ huy Quân sự", ["Công an huyện", "Ban Chỉ huy Quân sự"]),
        ("Đối với Phòng Tư pháp", ["Phòng Tư pháp"]),
        ("Phòng Lao động - Thương binh và Xã hội", ["Phòng Lao động - Thương binh và Xã hội"]),
        ("UBND các xã Ia Bă, Ia Tô và Ia Grăng", ["UBND các xã Ia Bă, Ia Tô và Ia Grăng"]),
    ],
)  # fmt: skip
def test_split_addressees(heading, addressees):
    assert split_addressees(heading) == addressees


@pytest.mark.parametrize(
    ("text", "citations"),
    [
        (
            "Thực hiện Công văn số 412-CV/HU ngày 09/11/2021 của Huyện ủy Ia Grai về việc X.",
            ["Công văn số 412-CV/HU ngày 09/11/2021 của Huyện ủy Ia Grai"],
        ),
        (
            "theo Quyết định số 874/QĐ-BTTTT ngày 17/6/2021 của Bộ Thông tin và Truyền thông, "
            "Ủy ban nhân dân huyện đề nghị:",
            ["Quyết định số 874/QĐ-BTTTT ngày 17/6/2021 của Bộ Thông tin và Truyền thông"],
        ),
        (
            "Công văn số 5/BVHTTDL-VP ngày 1/2/2021 của Bộ Văn hóa, Thể thao và Du lịch về việc",
            ["Công văn số 5/BVHTTDL-VP ngày 1/2/2021 của Bộ Văn hóa, Thể thao và Du lịch"],
        ),
        ("tại Công văn số 52 /UBND-NV.", ["Công văn số 52 /UBND-NV"]),
        (
            "Căn cứ Luật An ninh mạng năm 2018 và Nghị định số 15/2020/NĐ-CP;",
            ["Luật An ninh mạng năm 2018", "Nghị định số 15/2020/NĐ-CP"],
        ),
        ("pháp luật về an ninh mạng, luật pháp quốc tế", []),
    ],
)
def test_citations_as_printed(text, citations):
    assert [citation for _position, citation in find_citations(text)] == citations


def test_dates_are_dates():
    parsed = parse_letter(HEADER + BODY + FOOTER)
    assert parsed.date == datetime.date(2021, 11, 9)
    assert parsed.complete is False  # nothing resolved without the unit tree
