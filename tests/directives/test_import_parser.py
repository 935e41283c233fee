"""The letter importer's parser: the seed letter and the corpus parse to their expected
JSON exactly; then one test per layout case of issue 4 (header, symbols, dates, recipients,
tasks, deadlines, signer, Nơi nhận)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from importer_support import FOOTER, HEADER, SEED, corpus, expected, letter, subset

from directives_app.importer.drafts import analyse
from directives_app.importer.parser import parse_letter
from directives_app.importer.text import read_letter

SCHEMA_KEYS = [
    "doc_type",
    "number",
    "symbol",
    "issuer",
    "parent_issuer",
    "place",
    "date",
    "subject",
    "recipients",
    "legal_basis",
    "citations",
    "tasks",
    "signer",
    "distribution",
    "warnings",
    "sources",
]


def parse_file(path) -> dict:
    return analyse(read_letter(path.read_bytes(), path.name).text).to_json()


# -- the corpus -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_letter_parses_to_its_expected_json():
    assert subset(parse_file(SEED), expected(SEED)) == expected(SEED)


@pytest.mark.django_db
def test_seed_letter_full_result():
    """What the seed's expected JSON leaves out: citations, units, warnings."""
    result = parse_file(SEED)
    assert list(result) == SCHEMA_KEYS
    assert result["citations"] == [
        "Công văn số 412-CV/HU ngày 09/11/2021 của Huyện ủy Ia Grai",
        "Quyết định số 874/QĐ-BTTTT ngày 17/6/2021",
        "Công văn số 971/UBND-VHTT ngày 30/6/2021",
    ]
    units = [task["units"] for task in result["tasks"]]
    assert "phong-vhtt" in units[0] and "xa-ia-ba" in units[0] and "tt-ia-kha" in units[0]
    assert units[1] == ["phong-vhtt"]
    assert units[2] == ["cong-an-huyen"]
    assert units[3][0] == "ttvh-tt-tt" and len(units[3]) == 14  # the centre, 12 xã, 1 thị trấn
    assert result["warnings"] == [
        "Văn bản chưa có số (bản dự thảo): số được cấp khi ban hành.",
        "Văn bản chưa ghi ngày tháng (bản dự thảo): ngày được ghi khi ban hành.",
    ]


def test_seed_copy_matches_the_shared_seed():
    """The project ships a copy of ../shared/seed (CI may lack it); keep them identical."""
    shared = SEED.parents[4] / "shared" / "seed" / "000_cb03806187ffdac8.txt"
    if not shared.exists():
        pytest.skip("../shared/seed is not beside the repository")
    assert SEED.read_bytes() == shared.read_bytes()


CORPUS = [path for path in corpus() if path != SEED]


def test_corpus_has_at_least_eight_letters():
    assert len(CORPUS) >= 8


@pytest.mark.django_db
@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_corpus_letter_parses_to_its_expected_json(path):
    result = parse_file(path)
    # Where each field was read and how each addressee resolved (issue 16) are the clerk's
    # review data, tested in test_import_classes.py and test_import_admin.py.
    result.pop("sources")
    for task in result["tasks"]:
        task.pop("resolution")
    assert result == expected(path)


@pytest.mark.parametrize("path", corpus(), ids=[path.stem for path in corpus()])
def test_parser_alone_needs_no_database(path):
    """Without the unit tree: the same fields, no units, no resolution warnings."""
    result = parse_letter(read_letter(path.read_bytes(), path.name).text).to_json()
    wanted = expected(path)
    assert result["tasks"] and all(task["units"] == [] for task in result["tasks"])
    for key in ("doc_type", "number", "symbol", "issuer", "subject", "recipients", "signer"):
        assert result[key] == wanted[key]
    if "warnings" in wanted:
        unresolved = [w for w in wanted["warnings"] if "danh mục đơn vị" in w]
        assert result["warnings"] == [w for w in wanted["warnings"] if w not in unresolved]


@pytest.mark.django_db
@pytest.mark.parametrize("path", corpus(), ids=[path.stem for path in corpus()])
def test_result_is_json_in_nfc(path):
    result = parse_file(path)
    text = json.dumps(result, ensure_ascii=False)
    assert unicodedata.is_normalized("NFC", text)
    assert json.loads(text) == result


def test_nfd_crlf_letter_reads_like_its_nfc_copy():
    path = next(path for path in CORPUS if path.name.startswith("02_"))
    raw = path.read_bytes()
    assert b"\r\n" in raw and not unicodedata.is_normalized("NFC", raw.decode())
    nfc = unicodedata.normalize("NFC", raw.decode()).replace("\r\n", "\n")
    assert parse_letter(raw.decode()).to_json() == parse_letter(nfc).to_json()


# -- layout cases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "symbol", "number", "doc_type"),
    [
        ("Số: 52 /UBND-NV", "52/UBND-NV", 52, "cong_van"),
        ("Số 730- CV/ ĐU", "730-CV/ĐU", 730, "cong_van"),
        ("Số: /UBND-VHTT", "/UBND-VHTT", None, "cong_van"),
        ("Số:      /UBND-VHTT", "/UBND-VHTT", None, "cong_van"),
        ("Số: ....../KH-UBND", "/KH-UBND", None, "ke_hoach"),
        ("Số: 1250/UBND", "1250/UBND", 1250, "cong_van"),
        ("Số: 05/CT-UBND", "05/CT-UBND", 5, "chi_thi"),
        ("Số: 15/2021/QĐ-UBND", "15/2021/QĐ-UBND", 15, "quyet_dinh"),
        ("SỐ: 145/TB-VP", "145/TB-VP", 145, "thong_bao"),
        ("Số: 9/BC-UBND.", "9/BC-UBND", 9, "bao_cao"),
    ],
)
def test_symbols_as_printed_without_spaces(line, symbol, number, doc_type):
    result = letter(header=HEADER.replace("Số: 12/UBND-VP", line))
    assert (result["symbol"], result["number"], result["doc_type"]) == (symbol, number, doc_type)


@pytest.mark.parametrize(
    ("line", "place", "date"),
    [
        ("Ia Grai, ngày 09 tháng 11 năm 2021", "Ia Grai", "2021-11-09"),
        ("Pleiku, ngày 3 tháng 2 năm 2019", "Pleiku", "2019-02-03"),
        ("Ia Grai, ngày 09/11/2021", "Ia Grai", "2021-11-09"),
        ("Ia Grai, ngày    tháng 11 năm 2021", "Ia Grai", None),
        ("Ia Grai, ngày … tháng … năm 2021", "Ia Grai", None),
        ("Thành phố Pleiku, ngày 3 tháng 2 năm 2019", "Thành phố Pleiku", "2019-02-03"),
    ],
)
def test_place_and_date(line, place, date):
    result = letter(header=HEADER.replace("Ia Grai, ngày 09 tháng 11 năm 2021", line))
    assert (result["place"], result["date"]) == (place, date)


def test_impossible_date_is_a_warning():
    result = letter(header=HEADER.replace("ngày 09 tháng 11", "ngày 31 tháng 02"))
    assert result["date"] is None
    assert any("không hợp lệ" in warning for warning in result["warnings"])


@pytest.mark.parametrize(
    "header",
    [
        # the two columns flattened into one line (web copy)
        "ỦY BAN NHÂN DÂN HUYỆN IA GRAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
        "Hạnh phúc Số: 12/UBND-VP Ia Grai, ngày 09 tháng 11 năm 2021 V/v thử nghiệm\n",
        # interleaved row by row
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN IA GRAI Độc lập - Tự do - "
        "Hạnh phúc\nSố: 12/UBND-VP Ia Grai, ngày 09 tháng 11 năm 2021\nV/v thử nghiệm\n",
        # a table copied with its pipes
        "| ỦY BAN NHÂN DÂN HUYỆN IA GRAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "| Số: 12/UBND-VP | Độc lập - Tự do - Hạnh phúc |\n"
        "| Về việc thử nghiệm | Ia Grai, ngày 09 tháng 11 năm 2021 |\n",
        # columns kept apart by spaces, decoration lines, Markdown and HTML
        "**ỦY BAN NHÂN DÂN**          **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>\n"
        "**HUYỆN IA GRAI**            Độc lập – Tự do – Hạnh phúc\n"
        "-------                      ---------------\n"
        "Số: 12/UBND-VP               *Ia Grai, ngày 09 tháng 11 năm 2021*\n"
        "V/v: thử nghiệm\n******\n",
    ],
    ids=["one-line", "interleaved", "pipes", "gaps-markdown-html"],
)
def test_header_layouts(header):
    result = letter(header=header)
    assert result["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN IA GRAI"
    assert result["symbol"] == "12/UBND-VP"
    assert (result["place"], result["date"]) == ("Ia Grai", "2021-11-09")
    assert result["subject"] == "thử nghiệm"
    assert result["recipients"] == ["Phòng Tư pháp"]


def test_type_title_and_subject_of_other_documents():
    header = HEADER.replace("Số: 12/UBND-VP\nV/v thử nghiệm\n", "Số: 3/QĐ-UBND\n") + (
        "\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nquản lý thông tin trên mạng\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN IA GRAI\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 45/TTr-NV ngày 10/11/2021.\n"
    )
    result = letter(header=header, body="1. Phòng Nội vụ:\n- Theo dõi.\n")
    assert result["doc_type"] == "quyet_dinh"
    assert result["subject"] == "thành lập Tổ công tác quản lý thông tin trên mạng"
    assert result["legal_basis"] == [
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
        "Tờ trình số 45/TTr-NV ngày 10/11/2021",
    ]


@pytest.mark.parametrize(
    ("body", "recipients"),
    [
        ("Kính gửi: Phòng Tư pháp huyện.\n", ["Phòng Tư pháp huyện"]),
        ("Kính gửi: Phòng Nội vụ; Phòng Tư pháp.\n", ["Phòng Nội vụ", "Phòng Tư pháp"]),
        ("Kính gửi:\n\n- Phòng Nội vụ;\n- Phòng Tư pháp.\n", ["Phòng Nội vụ", "Phòng Tư pháp"]),
        ("Kính gửi: - Phòng Nội vụ;\n- Phòng Tư pháp.\n", ["Phòng Nội vụ", "Phòng Tư pháp"]),
        ("Kính gửi:\nPhòng Tư pháp\n", ["Phòng Tư pháp"]),
        ("Kính gửi: Phòng Nội vụ;\nPhòng Tư pháp.\n", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ],
)
def test_recipients(body, recipients):
    assert letter(body=body + "\n1. Phòng Tư pháp:\n- Thực hiện.\n")["recipients"] == recipients


def test_numbered_tasks_at_every_level_with_bullets():
    body = (
        "I. Phòng Tư pháp:\n- Một.\n- Hai.\n"
        "II. Công an huyện chủ trì, phối hợp với Phòng Nội vụ rà soát.\n"
        "III. NHIỆM VỤ KHÁC\n"
        "a) Phòng Nội vụ và Phòng Y tế:\n- Ba.\n+ ý phụ không đếm.\n"
        "b) Thủ trưởng các cơ quan, đơn vị, UBND các xã, thị trấn\n- Bốn.\n"
    )
    tasks = letter(body=body)["tasks"]
    assert [(task["heading"], task["addressees"], task["bullets"]) for task in tasks] == [
        ("Phòng Tư pháp", ["Phòng Tư pháp"], 2),
        ("Công an huyện", ["Công an huyện"], 0),
        ("Phòng Nội vụ và Phòng Y tế", ["Phòng Nội vụ", "Phòng Y tế"], 1),
        (
            "Thủ trưởng các cơ quan, đơn vị, UBND các xã, thị trấn",
            ["Thủ trưởng các cơ quan, đơn vị", "UBND các xã, thị trấn"],
            1,
        ),
    ]


def test_sections_that_are_not_addressed_are_not_tasks():
    body = (
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao nhận thức.\n2. Yêu cầu\n- Thiết thực.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Phòng Tư pháp:\n- Theo dõi.\n"
        "III. KINH PHÍ\nKinh phí từ ngân sách huyện.\n"
    )
    tasks = letter(body=body)["tasks"]
    assert [task["heading"] for task in tasks] == ["Phòng Tư pháp"]
    assert tasks[0]["bullets"] == 1


@pytest.mark.parametrize(
    ("paragraph", "heading"),
    [
        ("Chủ tịch UBND huyện giao Phòng Tư pháp chủ trì, phối hợp rà soát.", "Phòng Tư pháp"),
        ("Giao Trưởng phòng Nội vụ phối hợp với các đơn vị tham mưu.", "Trưởng phòng Nội vụ"),
        (
            "UBND huyện yêu cầu Chủ tịch UBND các xã, thị trấn khẩn trương báo cáo.",
            "Chủ tịch UBND các xã, thị trấn",
        ),
    ],
)
def test_one_unnumbered_paragraph_is_one_task(paragraph, heading):
    tasks = letter(body=f"Kính gửi: Phòng Tư pháp.\n\n{paragraph}\n")["tasks"]
    assert [task["heading"] for task in tasks] == [heading]


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("báo cáo trước ngày 15/12/2021.", "2021-12-15"),
        ("báo cáo chậm nhất ngày 05 tháng 01 năm 2022.", "2022-01-05"),
        ("hoàn thành trong tháng 12/2021.", "2021-12-31"),
        ("hoàn thành trong tháng 02 năm 2024.", "2024-02-29"),
        ("hoàn thành trong quý IV/2021.", "2021-12-31"),
        ("hoàn thành trước tháng 12/2021.", "2021-11-30"),
        ("gửi trước 17 giờ 00 ngày 20/12/2021.", "2021-12-20"),
        ("Thời hạn: 30/11/2021.", "2021-11-30"),
        ("sơ kết trước ngày 15/11/2021; tổng kết trước ngày 20/12/2021.", "2021-12-20"),
        ("thực hiện Công văn số 971/UBND-VHTT ngày 30/6/2021.", None),
    ],
)
def test_deadlines_in_words(text, deadline):
    tasks = letter(body=f"1. Phòng Tư pháp:\n- Rà soát, {text}\n")["tasks"]
    assert tasks[0]["deadline"] == deadline


def test_deadline_without_year_takes_the_letter_year_and_says_so():
    result = letter(body="1. Phòng Tư pháp:\n- Báo cáo trước ngày 15/12.\n")
    assert result["tasks"][0]["deadline"] == "2021-12-15"
    assert "Nhiệm vụ 1: hạn “trước ngày 15/12” không ghi năm; lấy năm 2021." in result["warnings"]


def test_deadline_in_working_days_goes_to_the_draft_only():
    parsed = parse_letter(
        HEADER + "\n1. Phòng Tư pháp:\n- Báo cáo trong thời hạn 05 ngày làm việc.\n" + FOOTER
    )
    assert parsed.tasks[0].working_days == 5
    assert parsed.to_json()["tasks"][0]["deadline"] is None


def test_invalid_deadline_is_a_warning():
    result = letter(body="1. Phòng Tư pháp:\n- Báo cáo trước ngày 31/02/2022.\n")
    assert result["tasks"][0]["deadline"] is None
    assert any("không phải ngày hợp lệ" in warning for warning in result["warnings"])
