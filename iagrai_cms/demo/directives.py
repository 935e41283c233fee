"""Demo directives: the reference letter (shared/seed/000_cb03806187ffdac8.txt) entered as
structured data and issued through the register's workflow, plus a few of other types."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from directives_app.core.symbols import DocType
from directives_app.models import AddresseeGroup, DirectiveIndexPage, DirectivePage, Unit
from iagrai_cms import roles

AGENCIES = "co-quan-don-vi-thuoc-huyen"
COMMUNES = "ubnd-cac-xa-thi-tran"
SIGNER = {
    "signer_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "Đỗ Văn Đông",
}

SEED_BODY = """Theo đó, trong những năm gần đây mạng xã hội và các loại hình truyền thông khác trên Internet phát triển mạnh mẽ tác động nhiều mặt đến đời sống chính trị, xã hội của huyện Ia Grai. Các cấp ủy, chính quyền, cơ quan chức năng trên địa bàn huyện đã bước đầu tổ chức tốt việc cung cấp thông tin, định hướng dư luận xã hội, nâng cao nhận thức cho cán bộ, đảng viên, công chức, viên chức, người lao động và nhân dân; chủ động phòng ngừa, phát hiện, đấu tranh ngăn chặn hoạt động xuyên tạc, chống phá trên không gian mạng.
Tuy nhiên, công tác quản lý thông tin trên mạng Internet, mạng xã hội trên địa bàn huyện còn nhiều hạn chế. Một bộ phận cán bộ, công chức, viên chức, người lao động chưa chấp hành nghiêm túc các quy định của Đảng, Nhà nước và nội quy, quy chế của tổ chức đảng, cơ quan, đơn vị trong thực hiện phát ngôn và cung cấp thông tin; chưa nhận thức đúng về trách nhiệm khi tiếp cận, sử dụng thông tin trên trang tin điện tử, mạng xã hội. Lãnh đạo một số cơ quan, đơn vị, địa phương còn buông lỏng quản lý, chưa kịp thời quán triệt, kiểm tra, chấn chỉnh, xử lý những trường hợp cán bộ, công chức, viên chức và người lao động đăng tải, phát ngôn, chia sẻ, bình luận các thông tin xấu, độc, sai sự thật trên internet, mạng xã hội gây tác động tiêu cực. Đặc biệt trong thời điểm dịch Covid-19 diễn biến phức tạp, lượng thông tin sai sự thật, có dấu hiệu vi phạm pháp luật gia tăng bị các cơ quan chức năng phát hiện, xử phạt hành chính nhiều trường hợp.
Nhằm tăng cường công tác quản lý thông tin trên internet, mạng xã hội trên địa bàn huyện, Ủy ban nhân dân huyện yêu cầu Thủ trưởng các cơ quan, đơn vị, UBND các xã, thị trấn nghiêm túc thực hiện một số nội dung sau:"""

SEED_TASKS = [
    {
        "heading": "Các cơ quan, đơn vị thuộc huyện; Ủy ban nhân dân các xã, thị trấn",
        "groups": [AGENCIES, COMMUNES],
        "units": [],
        "body": """- Đẩy mạnh chỉ đạo, quán triệt, tuyên truyền thực hiện nghiêm chủ trương, đường lối của Đảng, pháp luật của Nhà nước đối với vấn đề an toàn, an ninh mạng, quản lý thông tin trên mạng xã hội và các loại hình truyền thông khác trên internet; thực hiện nghiêm Bộ quy tắc ứng xử trên mạng xã hội (Do Bộ Thông tin và Truyền thông ban hành kèm theo Quyết định số 874/QĐ-BTTTT ngày 17/6/2021) đã được UBND huyện triển khai tại Công văn số 971/UBND-VHTT ngày 30/6/2021 về việc thông tin, tuyên truyền và thực hiện Bộ quy tắc ứng xử trên mạng xã hội; Chủ động cung cấp thông tin định hướng nâng cao nhận thức chính trị cho cán bộ, công chức, viên chức, người lao động và quần chúng nhân dân trước những thông tin xấu, độc, âm mưu chống phá của các thế lực thù địch, phản động, cơ hội chính trị.
- Chủ động xây dựng các kênh thông tin, tuyên truyền có lượng tương tác cao trên Internet, mạng xã hội; lan tỏa tích cực nhằm tạo sự đồng thuận trong nhân dân về sự lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính quyền địa phương.
- Chủ động nắm tình hình, giám sát chặt chẽ các thông tin xấu, độc, âm mưu chống phá các thế lực thù địch, phản động, cơ hội chính trị trên internet, mạng xã hội liên quan đến huyện hoặc được đăng tải chia sẻ từ các tổ chức, cá nhân có địa chỉ trên địa bàn huyện báo cáo về UBND huyện để kịp thời chỉ đạo các cơ quan chức năng có biện pháp đấu tranh, không để trở thành các “điểm nóng” về an ninh chính trị và trật tự, an toàn xã hội; xử lý nghiêm các trường hợp vi phạm pháp luật về thông tin trên internet, mạng xã hội nhằm kịp thời giáo dục, răn đe, cảnh báo trong toàn xã hội.""",
    },
    {
        "heading": "Phòng Văn hóa và Thông tin",
        "groups": [],
        "units": ["phong-vhtt"],
        "body": "Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tham mưu UBND huyện chỉ đạo việc cung cấp thông tin đi đôi với việc kiểm tra, rà soát và có giải pháp quản lý chặt chẽ thông tin trên báo chí, internet, mạng xã hội về huyện Ia Grai. Hướng dẫn các cơ quan, đơn vị, địa phương thường xuyên tuyên truyền đến cán bộ, công chức, viên chức, người lao động và nhân dân thực hiện đúng quy định về thông tin trên internet và mạng xã hội. Tăng cường công tác nắm tình hình thông tin trên internet, mạng xã hội có liên quan đến huyện, phối hợp với Ban Tuyên giáo Huyện ủy có giải pháp định hướng đúng dư luận xã hội.",
    },
    {
        "heading": "Công an huyện",
        "groups": [],
        "units": ["cong-an-huyen"],
        "body": "Chủ trì, phối hợp với Phòng Văn hóa và Thông tin nghiên cứu, tham mưu UBND huyện áp dụng các biện pháp kỹ thuật để kịp thời phát hiện, ngăn chặn, xử lý những thông tin xuyên tạc, sai sự thật và những tài khoản mạng xã hội vi phạm quy định của pháp luật; xóa bỏ những trang mạng mạo danh các đồng chí lãnh đạo chủ chốt của tỉnh, huyện, các cơ quan Đảng, Nhà nước trên địa bàn huyện.",
    },
    {
        "heading": "Trung tâm Văn hóa, Thông tin và Thể thao; UBND các xã, thị trấn",
        "groups": [COMMUNES],
        "units": ["ttvh-tt-tt"],
        "body": """- Tăng cường các tin, bài tuyên truyền, lan tỏa các thông tin tích cực, nhân văn, nhân ái vì cộng đồng; lên án, đấu tranh mạnh mẽ, quyết liệt với các hiện tượng, hành vi lợi dụng mạng xã hội và các phương tiện truyền thông khác trên mạng internet để thông tin sai sự thật, thiếu chuẩn mực đạo đức, trái thuần phong mỹ tục, vi phạm pháp luật;
- Quan tâm nâng cao chất lượng nội dung, đa dạng hóa hình thức thông tin, tuyên truyền nhất là trên nền tảng internet, mạng xã hội, đảm bảo an ninh, an toàn thông tin, đáp ứng yêu cầu, nhiệm vụ phát triển của huyện trong tình hình mới.""",
    },
]

DIRECTIVES = [
    {
        "title": "thông tin, tuyên truyền và thực hiện Bộ quy tắc ứng xử trên mạng xã hội",
        "doc_type": DocType.CONG_VAN,
        "number": 971,
        "issued_on": datetime.date(2021, 6, 30),
        "drafting_unit": "phong-vhtt",
        "legal_basis": [
            "Quyết định số 874/QĐ-BTTTT ngày 17/6/2021 của Bộ Thông tin và Truyền thông ban hành "
            "Bộ quy tắc ứng xử trên mạng xã hội"
        ],
        "body": "Thực hiện Quyết định số 874/QĐ-BTTTT ngày 17/6/2021 của Bộ Thông tin và Truyền "
        "thông, Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị, UBND các xã, thị trấn:",
        "tasks": [
            {
                "heading": "Các cơ quan, đơn vị thuộc huyện; UBND các xã, thị trấn",
                "groups": [AGENCIES, COMMUNES],
                "units": [],
                "body": "- Phổ biến Bộ quy tắc ứng xử trên mạng xã hội đến toàn thể cán bộ, công "
                "chức, viên chức, người lao động.\n- Báo cáo kết quả thực hiện về UBND huyện "
                "(qua Phòng Văn hóa và Thông tin).",
            }
        ],
        "closing": "Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị; UBND các xã, thị trấn "
        "triển khai thực hiện./.",
        "distribution": "- Như trên;\n- Lãnh đạo UBND huyện;\n- Lưu: VT, VH TT.",
    },
    {
        "title": "tăng cường quản lý thông tin trên internet, mạng xã hội trên địa bàn huyện",
        "doc_type": DocType.CONG_VAN,
        "number": None,  # allocated when the leader approves
        "issued_on": datetime.date(2021, 11, 15),
        "drafting_unit": "phong-vhtt",
        "legal_basis": [
            "Công văn số 412-CV/HU ngày 09/11/2021 của Huyện ủy Ia Grai về việc tăng cường công "
            "tác lãnh đạo, định hướng, quản lý thông tin trên mạng Internet, mạng xã hội trên "
            "địa bàn huyện",
            "Quyết định số 874/QĐ-BTTTT ngày 17/6/2021 của Bộ Thông tin và Truyền thông",
            "Công văn số 971/UBND-VHTT ngày 30/6/2021 của UBND huyện",
        ],
        "body": "Thực hiện Công văn số 412-CV/HU ngày 09/11/2021 của Huyện ủy Ia Grai về việc "
        "tăng cường công tác lãnh đạo, định hướng, quản lý thông tin trên mạng Internet, mạng "
        "xã hội trên địa bàn huyện.\n" + SEED_BODY,
        "tasks": SEED_TASKS,
        "closing": "Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị; UBND các xã, thị trấn "
        "triển khai thực hiện./.",
        "distribution": "- Như trên;\n- Lãnh đạo UBND huyện;\n- CVP, PCVP, CV(theo dõi);\n"
        "- Phòng VH TT;\n- Lưu: VT, VH TT.",
        "recipients_text": "- Các cơ quan, đơn vị thuộc huyện;\n- Ủy ban nhân dân các xã, thị trấn.",
    },
    {
        "title": "Tuyên truyền, phổ biến Bộ quy tắc ứng xử trên mạng xã hội năm 2022",
        "doc_type": DocType.KE_HOACH,
        "number": None,
        "issued_on": datetime.date(2022, 1, 10),
        "drafting_unit": "phong-vhtt",
        "legal_basis": ["Công văn số 972/UBND-VHTT của UBND huyện"],
        "body": "Thực hiện Công văn số 972/UBND-VHTT của UBND huyện về tăng cường quản lý thông "
        "tin trên internet, mạng xã hội, UBND huyện ban hành Kế hoạch tuyên truyền năm 2022.",
        "tasks": [
            {
                "heading": "Trung tâm Văn hóa, Thông tin và Thể thao",
                "groups": [],
                "units": ["ttvh-tt-tt"],
                "body": "- Mỗi tháng đăng ít nhất 4 tin, bài về Bộ quy tắc ứng xử.\n- Báo cáo "
                "số liệu tương tác hằng quý.",
                "deadline": datetime.date(2022, 12, 15),
            },
            {
                "heading": "UBND các xã, thị trấn",
                "groups": [COMMUNES],
                "units": [],
                "body": "Tổ chức tuyên truyền trên hệ thống loa truyền thanh và trang Zalo của xã.",
                "deadline_working_days": 20,
            },
        ],
        "closing": "Yêu cầu các cơ quan, đơn vị triển khai thực hiện./.",
        "distribution": "- Như trên;\n- Lưu: VT, VH TT.",
    },
    {
        "title": "Kết luận của Chủ tịch UBND huyện tại hội nghị giao ban công tác thông tin, "
        "truyền thông quý I năm 2022",
        "doc_type": DocType.THONG_BAO,
        "number": None,
        "issued_on": datetime.date(2022, 4, 5),
        "drafting_unit": "vp-hdnd-ubnd",
        "legal_basis": [],
        "body": "Ngày 01/4/2022, Chủ tịch UBND huyện chủ trì hội nghị giao ban công tác thông "
        "tin, truyền thông quý I năm 2022. Sau khi nghe báo cáo, Chủ tịch UBND huyện kết luận: "
        "công tác quản lý thông tin trên mạng xã hội có chuyển biến tích cực.",
        "tasks": [],
        "requires_reports": False,
        "closing": "Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị biết./.",
        "distribution": "- Các cơ quan, đơn vị thuộc huyện;\n- Lưu: VT.",
    },
]


def ensure_register(home) -> DirectiveIndexPage:
    index = DirectiveIndexPage.objects.child_of(home).first()
    if index is None:
        index = DirectiveIndexPage(
            title="Văn bản chỉ đạo, điều hành",
            slug="van-ban",
            show_in_menus=True,
            intro="Văn bản của Ủy ban nhân dân huyện: công văn, kế hoạch, quyết định, chỉ thị, "
            "thông báo. Tra cứu theo năm, loại văn bản, cơ quan ban hành, đơn vị thực hiện.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    workflow, _ = Workflow.objects.get_or_create(name="Trình ký văn bản")
    task, _ = GroupApprovalTask.objects.get_or_create(name="Lãnh đạo duyệt ký")
    task.groups.set([Group.objects.get(name=roles.LEADERS)])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return index


def ensure_directives(index: DirectiveIndexPage) -> list[DirectivePage]:
    User = get_user_model()
    clerk = User.objects.get(username="vanthu")
    leader = User.objects.get(username="lanhdao")
    issuer = Unit.objects.get(code="ubnd-huyen-ia-grai")
    pages = []
    for data in DIRECTIVES:
        page = DirectivePage.objects.child_of(index).filter(title=data["title"]).first()
        if page is None:
            page = _draft(index, issuer, data)
            page.save_revision(user=clerk)
            # Issued through the register: the clerk submits, the leader approves.
            index.get_workflow().start(page, clerk)
            page.refresh_from_db()
            page.current_workflow_task_state.approve(user=leader)
            page.refresh_from_db()
        pages.append(page)
    return pages


def _draft(index, issuer, data) -> DirectivePage:
    groups = {group.code: group for group in AddresseeGroup.objects.all()}
    units = {unit.code: unit for unit in Unit.objects.all()}
    page = DirectivePage(
        title=data["title"],
        doc_type=data["doc_type"],
        number=data["number"],
        issued_on=data["issued_on"],
        issuer=issuer,
        drafting_unit=units[data["drafting_unit"]],
        body=data["body"],
        closing=data["closing"],
        distribution=data["distribution"],
        recipients_text=data.get("recipients_text", ""),
        requires_reports=data.get("requires_reports", True),
        live=False,
        **SIGNER,
    )
    for text in data["legal_basis"]:
        page.legal_basis.add(page.legal_basis.model(text=text))
    for task_data in data["tasks"]:
        task = page.tasks.model(
            heading=task_data["heading"],
            body=task_data["body"],
            deadline=task_data.get("deadline"),
            deadline_working_days=task_data.get("deadline_working_days"),
        )
        task.addressee_groups = [groups[code] for code in task_data["groups"]]
        task.addressee_units = [units[code] for code in task_data["units"]]
        page.tasks.add(task)
    index.add_child(instance=page)
    return page
