"""One test per class of failure on real letters (issue 16): each builds the smallest letter
that shows the class, in the layouts real copies have."""

from __future__ import annotations

import datetime

from directives_app.importer.parser import parse_letter
from directives_app.importer.resolve import Target, UnitDirectory, resolve_letter

HEADER = """ỦY BAN NHÂN DÂN
HUYỆN IA GRAI
Số: 52/UBND-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ia Grai, ngày 10 tháng 11 năm 2021
V/v triển khai thực hiện
"""
FOOTER = """
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def letter(body: str, header: str = HEADER, footer: str = FOOTER):
    return parse_letter(header + body + footer)


# 1. web copies: a blank line between every line, decoration lines
def test_double_spaced_copy_with_decoration_lines():
    text = """ỦY BAN NHÂN DÂN

TỈNH HẬU GIANG

-------

Số: 454/UBND-NCTH

V/v tiếp tục phối hợp tuyên truyền

và tham gia bầu chọn

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

***************

Vị Thanh, ngày 6 tháng 4 năm 2011

Kính gửi: Sở Thông tin và Truyền thông

Đề nghị Sở Thông tin và Truyền thông tuyên truyền./.
"""
    result = parse_letter(text)
    assert result.subject == "tiếp tục phối hợp tuyên truyền và tham gia bầu chọn"
    assert result.date == datetime.date(2011, 4, 6)
    assert result.place == "Vị Thanh"
    assert result.recipients == ["Sở Thông tin và Truyền thông"]


def test_header_elements_broken_over_lines_by_a_narrow_column():
    text = """ỦY
BAN NHÂN DÂN
TỈNH TIỀN GIANG
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Số:
33/2009/QĐ-UBND
Mỹ
Tho, ngày 24
tháng 12 năm 2009
QUYẾT ĐỊNH
BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ MẠNG DIỆN
RỘNG CỦA ỦY BAN NHÂN DÂN TỈNH
ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG
Căn cứ Luật Công nghệ thông tin ngày 29/6/2006;
"""
    result = parse_letter(text)
    assert result.issuer == "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG"
    assert result.symbol == "33/2009/QĐ-UBND" and result.number == 33
    assert (result.place, result.date) == ("Mỹ Tho", datetime.date(2009, 12, 24))
    assert result.subject == "BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ MẠNG DIỆN RỘNG CỦA ỦY BAN NHÂN DÂN TỈNH"
    assert result.legal_basis == ["Luật Công nghệ thông tin ngày 29/6/2006"]


# 2. two-level headers
def test_parent_body_above_the_issuer_is_parent_issuer():
    header = HEADER.replace("HUYỆN IA GRAI\n", "HUYỆN IA GRAI\nPHÒNG TƯ PHÁP\n")
    result = letter("Kính gửi: UBND các xã, thị trấn\n\nĐề nghị các xã báo cáo./.\n", header)
    assert result.issuer == "PHÒNG TƯ PHÁP"
    assert result.parent_issuer == "ỦY BAN NHÂN DÂN HUYỆN IA GRAI"
    assert result.to_json()["parent_issuer"] == "ỦY BAN NHÂN DÂN HUYỆN IA GRAI"


def test_one_body_over_two_lines_has_no_parent():
    result = letter("Kính gửi: Phòng Tư pháp\n\nĐề nghị Phòng Tư pháp rà soát./.\n")
    assert result.issuer == "ỦY BAN NHÂN DÂN HUYỆN IA GRAI"
    assert result.parent_issuer == ""


# 3. no numbered sections
def test_instruction_without_sections_is_one_task_for_the_recipients():
    result = letter(
        "Kính gửi:\n- Phòng Nội vụ;\n- Phòng Tư pháp.\n\n"
        "Để chuẩn bị tổng kết năm, đề nghị các đơn vị gửi báo cáo trước ngày 05/12/2021.\n"
        "Trân trọng./.\n"
    )
    assert [task.heading for task in result.tasks] == ["Phòng Nội vụ; Phòng Tư pháp"]
    assert result.tasks[0].addressees == ["Phòng Nội vụ", "Phòng Tư pháp"]
    assert result.tasks[0].deadline == datetime.date(2021, 12, 5)


# 4. "Giao A …; B …", "đề nghị A, B …"
def test_giao_sentence_gives_one_task_per_unit_without_the_verb():
    result = letter(
        "Kính gửi: Các cơ quan, đơn vị\n\n"
        "Giao Giám đốc: Phòng Văn hóa và Thông tin, Trung tâm Văn hóa - Thông tin và Thể thao "
        "phối hợp tuyên truyền rộng rãi.\n"
    )
    assert [task.heading for task in result.tasks] == [
        "Phòng Văn hóa và Thông tin",
        "Trung tâm Văn hóa - Thông tin và Thể thao",
    ]


def test_de_nghi_sentence_splits_before_a_lower_case_group():
    result = letter(
        "Ủy ban nhân dân huyện thông báo như sau:\n\n"
        "Đề nghị Đài truyền thanh huyện, các đồng chí Trưởng thôn thông báo liên tục./.\n"
    )
    assert [task.heading for task in result.tasks] == [
        "Đài truyền thanh huyện",
        "các đồng chí Trưởng thôn",
    ]


# 5. signer blocks
def test_wrapped_authority_lines_and_a_title_alone():
    footer = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTL. CHỦ TỊCH\nỦY BAN NHÂN DÂN TỈNH\n"
    footer += "CHÁNH VĂN PHÒNG\nTrần Văn B\n"
    result = letter("Kính gửi: Phòng Tư pháp\n\nĐề nghị Phòng Tư pháp rà soát./.\n", footer=footer)
    assert result.signer.form == "TL. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    assert (result.signer.title, result.signer.name) == ("CHÁNH VĂN PHÒNG", "Trần Văn B")
    footer = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTM.\nỦY BAN NHÂN DÂN TỈNH\nKT. CHỦ TỊCH\n"
    footer += "PHÓ CHỦ TỊCH\nNguyễn Văn Phòng\n"
    result = letter("Kính gửi: Phòng Tư pháp\n\nĐề nghị Phòng Tư pháp rà soát./.\n", footer=footer)
    assert result.signer.form == "TM. ỦY BAN NHÂN DÂN TỈNH KT. CHỦ TỊCH"
    footer = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nP. GIÁM ĐỐC\nLê Văn C\n"
    result = letter("Kính gửi: Phòng Tư pháp\n\nĐề nghị Phòng Tư pháp rà soát./.\n", footer=footer)
    assert (result.signer.form, result.signer.title) == ("", "P. GIÁM ĐỐC")


# 6. legal bases
def test_basis_openers_and_boundaries():
    result = letter(
        "Kính gửi: Phòng Tư pháp\n\n"
        "Theo đề nghị của Sở Lao động\n- Thương binh và Xã hội tại Tờ trình số 92/TTr-SLĐTBXH "
        "ngày 06/4/2021.\n\nĐề nghị Phòng Tư pháp rà soát./.\n"
    )
    assert result.legal_basis == ["Tờ trình số 92/TTr-SLĐTBXH ngày 06/4/2021"]
    result = letter(
        "Kính gửi: Phòng Tư pháp\n\nTiếp theo Công văn số 12/UBND-VP ngày 02/3/2021 của "
        "UBND huyện về việc rà soát, đề nghị Phòng Tư pháp báo cáo./.\n"
    )
    assert result.legal_basis == ["Công văn số 12/UBND-VP ngày 02/3/2021 của UBND huyện"]
    result = letter(
        "Kính gửi: Phòng Tư pháp\n\nỦy ban nhân dân huyện nhận được Công văn số 847/UBND-VX1 "
        "ngày 22/3/2011 của UBND tỉnh Quảng Ninh về việc bầu chọn, Chủ tịch UBND huyện có ý "
        "kiến như sau:\n\nGiao Phòng Tư pháp thực hiện./.\n"
    )
    assert result.legal_basis == [
        "Công văn số 847/UBND-VX1 ngày 22/3/2011 của UBND tỉnh Quảng Ninh"
    ]
    result = letter(
        "Kính gửi: Phòng Tư pháp\n\nCăn cứ Thông tư số 137/2013/TT-BTC ngày 07/10/2013 của Bộ "
        "Tài chính Hướng dẫn quản lý kinh phí;\n\nGiao Phòng Tư pháp thực hiện./.\n"
    )
    assert result.legal_basis == ["Thông tư số 137/2013/TT-BTC ngày 07/10/2013 của Bộ Tài chính"]


# 7. Nơi nhận
def test_noi_nhan_stops_before_a_file_path():
    footer = "\nNơi nhận:\n- Như trên;\n- Sở, ban, ngành tỉnh;\n- Lưu: VT, NCTH.HH\n"
    footer += "d:\\2011\\CV\\SVH\\T4\\Bau cho Vinh Ha Long\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n;\n"
    footer += "Trần Thành Lập\n"
    result = letter("Kính gửi: Phòng Tư pháp\n\nĐề nghị Phòng Tư pháp rà soát./.\n", footer=footer)
    assert result.distribution == ["- Như trên;", "- Sở, ban, ngành tỉnh;", "- Lưu: VT, NCTH.HH"]
    assert result.signer.name == "Trần Thành Lập"


# 8. deadlines
def test_deadlines_of_every_form_and_recurring_dates():
    result = letter(
        "Kính gửi: Các cơ quan\n\n"
        "1. Phòng Nội vụ:\n- Hoàn thành trong Quý III năm 2021.\n"
        "2. Phòng Tư pháp:\n- Báo cáo trước ngày 05/12.\n"
        "3. Công an huyện:\n- Tổ chức kiểm tra trong tháng 12/2021.\n"
        "4. UBND các xã, thị trấn:\n- Báo cáo định kỳ ngày 07 hàng tháng.\n"
    )
    deadlines = [task.deadline for task in result.tasks]
    assert deadlines == [
        datetime.date(2021, 9, 30),
        datetime.date(2021, 12, 5),
        datetime.date(2021, 12, 31),
        None,
    ]
    assert result.tasks[3].recurring == "định kỳ ngày 07 hàng tháng"
    assert result.tasks[3].to_json()["recurring"] == "định kỳ ngày 07 hàng tháng"
    assert any("định kỳ" in warning for warning in result.warnings)
    assert any("không ghi năm" in warning for warning in result.warnings)


# 9. symbols
def test_symbol_with_spaced_and_en_dash_parts():
    header = HEADER.replace("Số: 52/UBND-VP", "Số : 2865 /GDĐT –KT&KĐCL")
    result = letter("Kính gửi: Phòng Tư pháp\n\nĐề nghị Phòng Tư pháp rà soát./.\n", header)
    assert (result.number, result.symbol) == (2865, "2865/GDĐT-KT&KĐCL")


# 10. resolution against the unit tree
def directory() -> UnitDirectory:
    tree = UnitDirectory()
    tree.add(["Phòng Tư pháp"], Target("unit", "phong-tu-phap", ("phong-tu-phap",)))
    tree.add(["Công an huyện Ia Grai"], Target("unit", "cong-an", ("cong-an",)))
    tree.add(
        ["Ủy ban nhân dân huyện Ia Grai", "UBND huyện"],
        Target("unit", "ubnd-huyen", ("ubnd-huyen",)),
    )
    tree.add(["Sở Văn hóa"], Target("unit", "so-vh-1", ("so-vh-1",)))
    tree.add(["Sở Văn hóa"], Target("unit", "so-vh-2", ("so-vh-2",)))
    tree.add(["UBND các xã, thị trấn"], Target("group", "xa", ("xa-ia-ba", "xa-ia-to")))
    return tree


def resolved(*addressees: str):
    body = "Kính gửi: Các cơ quan\n\n" + "".join(
        f"{number}. {name}:\nThực hiện rà soát.\n" for number, name in enumerate(addressees, 1)
    )
    return resolve_letter(letter(body), directory())


def test_group_phrase_is_never_one_unit():
    result = resolved("UBND các huyện, thị, thành phố", "Chủ tịch UBND huyện, thị xã, thành phố")
    for task in result.tasks:
        assert task.units == []
        assert task.resolution[0]["status"] == "group"
    assert sum("giữ nguyên như trong văn bản" in warning for warning in result.warnings) == 2


def test_group_phrase_of_the_tree_resolves_to_its_group():
    result = resolved("UBND các xã, thị trấn")
    assert result.tasks[0].units == ["xa-ia-ba", "xa-ia-to"]
    assert result.tasks[0].resolution[0]["evidence"] == "UBND các xã, thị trấn"


def test_addressee_of_another_level_is_kept_with_a_warning():
    result = resolved("Giám đốc Sở Thông tin và Truyền thông", "UBND tỉnh Quảng Ninh")
    for task in result.tasks:
        assert task.units == []
        assert task.resolution[0]["status"] == "other_level"
        assert task.addressees == [task.heading]  # as printed
    assert len([w for w in result.warnings if "giữ nguyên như trong văn bản" in w]) == 2


def test_ambiguous_alias_is_a_suggestion_the_clerk_confirms():
    result = resolved("Sở Văn hóa")
    task = result.tasks[0]
    assert task.units == []
    assert task.resolution[0]["status"] == "suggested"
    assert task.resolution[0]["targets"] == ["so-vh-1", "so-vh-2"]
    assert task.resolution[0]["confidence"] < 0.8
    assert any("cần người nhập xác nhận" in warning for warning in result.warnings)


def test_resolved_units_carry_their_evidence_and_confidence():
    result = resolved("Trưởng phòng Tư pháp", "Công an huyện")
    first, second = (task.resolution[0] for task in result.tasks)
    assert (first["status"], first["evidence"], first["confidence"]) == (
        "resolved",
        "Phòng Tư pháp",
        0.9,
    )
    assert second["evidence"] == "Công an huyện Ia Grai" and second["confidence"] >= 0.8
    assert [task.units for task in result.tasks] == [["phong-tu-phap"], ["cong-an"]]


def test_another_district_is_not_cut_down_to_the_local_unit():
    result = resolved("Công an huyện Chư Păh")
    assert result.tasks[0].units == []
