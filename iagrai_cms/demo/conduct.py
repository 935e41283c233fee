"""Demo data of conduct_app: the Code of Conduct page (from conduct_app's summary of
Quyết định 874/QĐ-BTTTT), the report form, the registry of official channels with a few
channels, who handles reports, a Phòng VH-TT handler and a few reports.

Idempotent: pages are created once and never republished here (a republished code is a
new version that staff must acknowledge again); channels and reports are keyed.
"""

from __future__ import annotations

import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from conduct_app.code.loader import articles_stream, legal_basis_stream, load_data, summary_notice
from conduct_app.incidents.intake import Submission, file_report
from conduct_app.models import (
    CodeOfConductPage,
    IncidentReport,
    IncidentReportPage,
    IncidentRoutingSettings,
    OfficialChannel,
    OfficialChannelIndexPage,
    Source,
)
from directives_app.models import Membership, Unit
from iagrai_cms import roles

POLICE_UNIT = "cong-an-huyen"
CULTURE_UNIT = "phong-vhtt"
CULTURE_HANDLER = ("vanhoa", "Văn hóa", "Thông tin")

CHANNELS = [
    # platform, name, url, unit code, verified on
    (
        "facebook",
        "Ủy ban nhân dân huyện Ia Grai",
        "https://www.facebook.com/ubndhuyeniagrai",
        "ubnd-huyen-ia-grai",
        datetime.date(2024, 3, 1),
    ),
    (
        "zalo",
        "UBND huyện Ia Grai (Zalo OA)",
        "https://zalo.me/ubndiagrai",
        "ubnd-huyen-ia-grai",
        datetime.date(2024, 3, 1),
    ),
    (
        "youtube",
        "Trung tâm VH-TT-TT huyện Ia Grai",
        "https://www.youtube.com/@ttvhttttiagrai",
        "ttvh-tt-tt",
        datetime.date(2024, 5, 15),
    ),
    (
        "facebook",
        "Công an huyện Ia Grai",
        "https://www.facebook.com/congan.iagrai",
        POLICE_UNIT,
        datetime.date(2024, 4, 2),
    ),
    (
        "facebook",
        "UBND xã Ia Bă",
        "https://www.facebook.com/ubndxaiaba",
        "xa-ia-ba",
        datetime.date(2024, 6, 10),
    ),
]

REPORTS = [
    Submission(
        urls=["https://www.facebook.com/ubnd.huyen.iagrai.official?mibextid=ZbWKwL"],
        platform="facebook",
        category="impersonation",
        impersonated="Ủy ban nhân dân huyện Ia Grai",
        description="Trang lấy tên và ảnh đại diện của UBND huyện, đăng tin tuyển dụng "
        "và yêu cầu nộp phí qua tài khoản cá nhân.",
        reporter_name="Nguyễn Văn An",
        reporter_phone="0912345678",
        confidential=True,
    ),
    Submission(
        urls=["https://www.tiktok.com/@tintuc.gialai24/video/7400000000000000001"],
        platform="tiktok",
        category="false_information",
        description="Video nói sai về việc thu hồi đất tại thị trấn Ia Kha, gây hoang mang.",
    ),
]


def ensure(home, password_hash: str) -> dict:
    """Everything above, under the home page. Returns the three pages by name."""
    pages = {
        "code": _code_page(home),
        "report": _child(
            home,
            IncidentReportPage,
            "phan-anh",
            title="Phản ánh thông tin xấu, độc, giả mạo",
            intro="Gửi phản ánh về thông tin sai sự thật, trang mạng giả mạo cơ quan, lãnh "
            "đạo, tuyên truyền chống phá, lừa đảo trên mạng xã hội liên quan đến huyện. "
            "Sau khi gửi, bạn nhận một mã phản ánh để tra cứu kết quả xử lý.",
            privacy_note="Thông tin liên hệ chỉ dùng để xác minh, xử lý phản ánh; người đề nghị "
            "giữ bí mật danh tính được bảo vệ theo quy định của pháp luật.",
        ),
        "channels": _child(
            home,
            OfficialChannelIndexPage,
            "kenh-chinh-thuc",
            title="Kênh thông tin chính thức",
            intro="Các trang mạng xã hội, kênh thông tin đã được xác minh của UBND huyện, các "
            "cơ quan và UBND các xã, thị trấn. Trang không có trong danh sách mà tự nhận là "
            "của cơ quan nhà nước có thể là trang giả mạo.",
        ),
    }
    routing = IncidentRoutingSettings.load()
    routing.police_unit = Unit.objects.filter(code=POLICE_UNIT).first()
    routing.culture_unit = Unit.objects.filter(code=CULTURE_UNIT).first()
    routing.save()
    _culture_handler(password_hash)
    for platform, name, url, unit_code, verified_on in CHANNELS:
        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None:
            continue
        channel = OfficialChannel.objects.filter(name=name).first() or OfficialChannel(name=name)
        channel.platform, channel.url, channel.unit = platform, url, unit
        channel.verified_on, channel.active = verified_on, True
        channel.save()
    if not IncidentReport.objects.exists():
        for submission in REPORTS:
            file_report(submission, source=Source.PUBLIC)
    return pages


def _child(home, model, slug: str, **fields):
    page = model.objects.child_of(home).first()
    if page is None:
        page = model(slug=slug, show_in_menus=True, **fields)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def _rules(stream) -> list:
    return [
        (block["value"]["number"], block["value"]["title"])
        + tuple((rule["value"]["code"], rule["value"]["text"]) for rule in block["value"]["rules"])
        for block in stream
    ]


def _code_page(home) -> CodeOfConductPage:
    data = load_data()
    page = CodeOfConductPage.objects.child_of(home).first()
    if page is not None:
        # Published again only when the file changed (a new version asks staff again).
        articles = articles_stream(data)
        notice = summary_notice(data)
        if _rules(page.articles.raw_data) != _rules(articles) or page.summary_notice != notice:
            page.articles = json.dumps(articles)
            page.summary_notice = notice
            page.save_revision().publish()
        return page
    page = CodeOfConductPage(
        title="Bộ quy tắc ứng xử trên mạng xã hội",
        slug="quy-tac-ung-xu",
        show_in_menus=True,
        intro="Cán bộ, công chức, viên chức, người lao động trong các cơ quan nhà nước trên địa "
        "bàn huyện thực hiện Bộ quy tắc ứng xử trên mạng xã hội ban hành kèm theo Quyết định "
        "số 874/QĐ-BTTTT ngày 17/6/2021 của Bộ Thông tin và Truyền thông, theo Công văn số "
        "971/UBND-VHTT ngày 30/6/2021 của UBND huyện.",
        search_description="Tóm tắt Bộ quy tắc ứng xử trên mạng xã hội (Quyết định "
        "874/QĐ-BTTTT) dành cho cán bộ, công chức, viên chức và người dân.",
        summary_notice=summary_notice(data),
        legal_basis=json.dumps(legal_basis_stream(data)),
        articles=json.dumps(articles_stream(data)),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _culture_handler(password_hash: str) -> None:
    username, first, last = CULTURE_HANDLER
    unit = Unit.objects.filter(code=CULTURE_UNIT).first()
    if unit is None:
        return
    values = {
        "first_name": first,
        "last_name": last,
        "email": f"{username}@example.gov.vn",
        "is_active": True,
    }
    # The password of an existing account is load_demo's to check (it keeps a matching hash).
    user, _created = get_user_model().objects.update_or_create(
        username=username, defaults=values, create_defaults={**values, "password": password_hash}
    )
    user.groups.add(Group.objects.get(name=roles.INCIDENT_HANDLERS))
    Membership.objects.get_or_create(user=user, unit=unit, role=Membership.Role.STAFF)
