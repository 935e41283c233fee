"""The rules issue 16 added for letters as portals copy them: unit phrases in lower case,
groups that stand for the recipients, requests that lead unaddressed items, closings that
ask a unit again, copies of the body alone (page title, page lead, inline Kính gửi), the
ends of a cited document's issuer. Each test is the smallest letter that shows the rule."""

from __future__ import annotations

import datetime

from directives_app.importer.parser import parse_letter
from tests.directives.test_import_classes import letter


def headings(result) -> list[str]:
    return [task.heading for task in result.tasks]


def test_lower_case_units_in_one_sentence_are_one_task_each():
    result = letter(
        "Kính gửi: Các thôn, trường học, trạm Y tế\n\n"
        "UBND xã đề nghị các đơn vị thôn, hiệu trưởng các trường và trạm Y tế xã tổ chức "
        "treo cờ rủ trong 2 ngày 26/9 và 27/9/2018.\n"
    )
    assert headings(result) == ["các đơn vị thôn", "hiệu trưởng các trường", "trạm Y tế xã"]


def test_lower_case_group_keeps_its_own_commas():
    result = letter(
        "Giao các sở, ngành tỉnh; Ủy ban nhân dân các huyện, thành phố báo cáo trước ngày "
        "23/5/2019.\n"
    )
    assert headings(result) == ["các sở, ngành tỉnh", "Ủy ban nhân dân các huyện, thành phố"]
    assert {task.deadline for task in result.tasks} == {datetime.date(2019, 5, 23)}


def test_bàn_giao_does_not_assign_a_task():
    result = letter("Kính gửi: Phòng Tư pháp\n\nĐã bàn giao các đơn vị hồ sơ lưu trữ./.\n")
    assert "các đơn vị hồ sơ lưu trữ" not in headings(result)


def test_a_later_paragraph_belongs_to_every_unit_of_the_sentence():
    result = letter(
        "Kính gửi:\n- Hiệu trưởng các trường Tiểu học;\n- Thủ trưởng các đơn vị trực thuộc.\n\n"
        "Đề nghị Hiệu trưởng các trường, Thủ trưởng các đơn vị trực thuộc rà soát việc thu "
        "quỹ.\nCác đơn vị thực hiện trước ngày 24/3/2016.\n"
    )
    assert headings(result) == ["Hiệu trưởng các trường", "Thủ trưởng các đơn vị trực thuộc"]
    assert [task.deadline for task in result.tasks] == [datetime.date(2016, 3, 24)] * 2


def test_a_bare_group_stands_for_the_recipients():
    result = letter(
        "Kính gửi: Hiệu trưởng các trường MN, TH, THCS\n\n"
        "Phòng GD&ĐT yêu cầu:\n"
        "1. Các đơn vị tiếp tục thực hiện nghiêm Công điện số 14/CĐ-UBND ngày 15/10/2020.\n"
        "2. Cho học sinh nghỉ học cho đến khi có công văn cho đi học lại.\n"
    )
    assert headings(result) == ["Hiệu trưởng các trường MN, TH, THCS"]


def test_a_named_group_is_not_the_recipients():
    result = letter(
        "Kính gửi: Phòng Tư pháp\n\n1. Các trường Tiểu học báo cáo số học sinh trước ngày "
        "05/12/2021.\n2. Phòng Tư pháp tổng hợp.\n"
    )
    assert headings(result) == ["Các trường Tiểu học", "Phòng Tư pháp"]


def test_a_request_leading_unaddressed_items_makes_them_its_units_tasks():
    result = letter(
        "Kính gửi: Ông (Bà) Hiệu trưởng các đơn vị trực thuộc\n\n"
        "Thực hiện Kế hoạch số 1231/KH-UBND ngày 13/4/2018 của UBND thành phố, Phòng Giáo "
        "dục và Đào tạo yêu cầu các trường học trực thuộc thực hiện các nội dung sau:\n"
        "1. Tuyên truyền cán bộ, giáo viên về bảo vệ môi trường.\n"
        "2. Tổng vệ sinh trường học vào ngày 20/4/2018.\n"
        "3. Phòng Tài chính - Kế hoạch cử cán bộ theo dõi, kiểm tra.\n"
        "Nhận được công văn này, yêu cầu ông (bà) Hiệu trưởng các đơn vị trực thuộc nộp báo "
        "cáo trước 9h00 ngày 23/4/2018./.\n"
    )
    first, second = result.tasks
    assert first.heading == "Ông (Bà) Hiệu trưởng các đơn vị trực thuộc"
    assert len(first.paragraphs) == 3 and first.deadline == datetime.date(2018, 4, 23)
    assert (second.heading, second.deadline) == ("Phòng Tài chính - Kế hoạch", None)
    assert result.legal_basis == ["Kế hoạch số 1231/KH-UBND ngày 13/4/2018 của UBND thành phố"]


def test_a_closing_without_a_deadline_stays_the_closing():
    result = letter(
        "Kính gửi: UBND các xã, thị trấn\n\n1. UBND các xã, thị trấn rà soát hồ sơ.\n"
        "Ủy ban nhân dân huyện yêu cầu UBND các xã, thị trấn triển khai thực hiện./.\n"
    )
    assert result.closing == [
        "Ủy ban nhân dân huyện yêu cầu UBND các xã, thị trấn triển khai thực hiện./."
    ]


def test_the_page_title_of_a_body_copy_gives_type_and_subject():
    result = parse_letter(
        "In trang\nThông báo về việc tổ chức tổng vệ sinh trên địa bàn thành phố.\n"
        "Cập nhật lúc : 08:51 17/04/2018\n\n"
        "Kính gửi: Hiệu trưởng các đơn vị trực thuộc. Thực hiện Kế hoạch số 12/KH-UBND "
        "ngày 13/4/2018 của UBND thành phố, đề nghị các đơn vị tổng vệ sinh./.\n"
    )
    assert result.doc_type == "thong_bao"
    assert result.subject == "tổ chức tổng vệ sinh trên địa bàn thành phố"
    assert result.recipients == ["Hiệu trưởng các đơn vị trực thuộc"]
    assert result.legal_basis == ["Kế hoạch số 12/KH-UBND ngày 13/4/2018 của UBND thành phố"]
    assert result.errors  # still not a letter in the Nghị định 30 form


def test_a_page_lead_above_the_opening_is_neither_basis_nor_task():
    result = parse_letter(
        "Chủ tịch UBND tỉnh yêu cầu Giám đốc Sở Công Thương phối hợp triển khai.\n"
        "Ngày 20/7/2018, Ủy ban nhân dân tỉnh nhận được Văn bản số 5658/BCT-CTĐP ngày "
        "18/7/2018 của Bộ Công Thương về việc đánh giá.\n"
        "Giao Sở Công Thương chủ trì đánh giá. Trình UBND tỉnh trước ngày 10/8/2018.\n"
    )
    assert result.date is None  # "Ngày 20/7/2018, …" is a sentence, not the letter's date
    assert result.legal_basis == ["Văn bản số 5658/BCT-CTĐP ngày 18/7/2018 của Bộ Công Thương"]
    assert headings(result) == ["Sở Công Thương"]
    assert result.tasks[0].deadline == datetime.date(2018, 8, 10)


def test_a_citation_issuer_ends_before_its_date_and_before_a_lower_case_clause():
    result = letter(
        "Căn cứ công văn số 1160/SGDĐT-CTTT của Sở Giáo dục và Đào tạo ngày 20 tháng 4 năm "
        "2021 về phối hợp tổ chức cuộc thi;\n"
        "Thực hiện Nghị quyết số 01/NQ-CP ngày 07/01/2016 của Chính phủ và ý kiến chỉ đạo "
        "của Thủ tướng Chính phủ, Ủy ban nhân dân huyện đề nghị Phòng Tư pháp rà soát./.\n"
    )
    assert result.legal_basis == [
        "công văn số 1160/SGDĐT-CTTT của Sở Giáo dục và Đào tạo ngày 20 tháng 4 năm 2021",
        "Nghị quyết số 01/NQ-CP ngày 07/01/2016 của Chính phủ",
    ]


def test_a_law_keeps_its_lower_case_name():
    result = letter("Căn cứ Luật Bảo vệ và phát triển rừng năm 2004;\n\nGiao Phòng NN rà soát.\n")
    assert result.legal_basis == ["Luật Bảo vệ và phát triển rừng năm 2004"]


def test_draft_mark_between_date_and_type_title_does_not_end_the_header():
    result = parse_letter(
        "VĂN PHÒNG CHÍNH PHỦ\nSố: /TTr-VPCP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày tháng năm 2016\nDỰ THẢO\nTỜ TRÌNH\n"
        "Về dự thảo Nghị định ban hành Quy chế làm việc của Chính phủ\nKính gửi: Chính phủ\n"
        "Văn phòng Chính phủ trình Chính phủ dự thảo Nghị định./.\n"
    )
    assert result.doc_type == "to_trinh" and result.recipients == ["Chính phủ"]
    assert result.subject == "Về dự thảo Nghị định ban hành Quy chế làm việc của Chính phủ"


def test_a_basis_in_parentheses_after_the_request_it_carries():
    result = letter(
        "Xét đề nghị của Bộ Y tế (văn bản số 564/TTr-BYT ngày 06 tháng 7 năm 2009) về việc "
        "bổ sung bệnh viện, Thủ tướng Chính phủ có ý kiến như sau:\n"
        "1. Ủy ban nhân dân tỉnh An Giang chỉ đạo thực hiện.\n"
    )
    assert result.legal_basis == ["văn bản số 564/TTr-BYT ngày 06 tháng 7 năm 2009"]


def test_page_text_under_an_empty_list_is_neither_list_nor_signer():
    result = parse_letter(
        "THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 1631/TTg-KGVX | Hà Nội, ngày 16 tháng 09 năm 2010 |\n"
        "Kính gửi: | - Bộ Y tế; |\n1. Ủy ban nhân dân tỉnh An Giang chỉ đạo thực hiện.\n"
        "Nơi nhận: | KT. THỦ TƯỚNG |\nÝ kiến bạn đọc\n"
        "Để tăng độ chính xác bạn hãy nói không quá nhanh, rõ ràng.\n"
    )
    assert result.distribution == []
    assert (result.signer.form, result.signer.name) == ("KT. THỦ TƯỚNG", "")


def test_numbered_item_opening_with_the_request_is_headed_by_its_units():
    result = letter(
        "Kính gửi: Các phòng, ban\n\n"
        "1. Yêu cầu UBND các phường: Trần Phú, Lê Lợi và Hải Cảng kiểm tra, xử lý vi phạm "
        "trật tự đô thị.\n\n"
        "2. Đề nghị Phòng Quản lý đô thị: hướng dẫn các phường báo cáo trước ngày 30/4/2017.\n"
    )
    assert headings(result) == [
        "UBND các phường: Trần Phú, Lê Lợi và Hải Cảng",
        "Phòng Quản lý đô thị",
    ]
    # The named list stays one addressee, the group as printed.
    assert result.tasks[0].addressees == ["UBND các phường: Trần Phú, Lê Lợi và Hải Cảng"]
    assert result.tasks[1].deadline == datetime.date(2017, 4, 30)


def test_a_capitalised_word_after_a_group_is_not_a_list_of_members():
    result = letter("Kính gửi: Các xã\n\n1. UBND các xã: Tổ chức tuyên truyền trên loa.\n")
    assert headings(result) == ["UBND các xã"]
