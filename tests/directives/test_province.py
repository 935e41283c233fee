"""A province after the 2025 reform (two levels: province and commune), loaded from the
repository's synthetic fixture: its directive to "UBND các xã, phường" reaches all 135
communes and wards, and nothing it shows, prints or sends speaks of a district."""

from __future__ import annotations

import datetime
import re
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site

from directives_app.models import (
    AddresseeGroup,
    ComplianceReport,
    DirectivePage,
    Membership,
    Unit,
    UnitKind,
)
from directives_app.models.units import commune_level_words

PROVINCE_FILE = Path(settings.BASE_DIR) / "directives_app" / "data" / "synthetic-province.json"
ROOT = "ubnd-tinh-son-nguyen"
COMMUNES_AND_WARDS = "ubnd-cac-xa-phuong-son-nguyen"
DISTRICT_WORDS = re.compile(r"huyện|huyen|district|thị trấn", re.IGNORECASE)


def district_words(text: str) -> list[str]:
    """Each place the text names a district level (with some context, for the message)."""
    return [text[max(0, m.start() - 60) : m.end() + 60] for m in DISTRICT_WORDS.finditer(text)]


@pytest.fixture
def province(db):
    call_command("load_units", str(PROVINCE_FILE), stdout=StringIO())
    # The site is the province's (its portal's settings), as an install for a province has.
    from iagrai_cms.models import SiteSettings

    root = Unit.objects.get(code=ROOT)
    site = Site.objects.get(is_default_site=True)
    site.site_name = f"Cổng thông tin điện tử {root.name}"
    site.save()
    values = SiteSettings.for_site(site)
    values.parent_body = ""
    values.body_name = root.name
    values.place_name = root.place_name
    values.address = "Số 1 đường Trung tâm, tỉnh Sơn Nguyên"
    values.responsible_person = "Chánh Văn phòng UBND tỉnh"
    values.save()
    return root


def publish_province_directive(register, root: Unit) -> DirectivePage:
    group = AddresseeGroup.objects.get(code=COMMUNES_AND_WARDS)
    page = DirectivePage(
        title="triển khai Bộ quy tắc ứng xử trên mạng xã hội tại cấp xã",
        issuer=root,
        drafting_unit=Unit.objects.get(code="so-van-hoa-the-thao-va-du-lich-son-nguyen"),
        doc_type="cong_van",
        body="Để thực hiện tốt Bộ quy tắc ứng xử trên mạng xã hội, Ủy ban nhân dân tỉnh yêu cầu:",
        live=False,
        recipients_text="- UBND các xã, phường.",
        signer_authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Mẫu",
        distribution="- Như trên;\n- Lưu: VT, VHTTDL.",
        issued_on=datetime.date(2025, 9, 3),
    )
    task = page.tasks.model(
        heading="UBND các xã, phường",
        body="- Quán triệt Bộ quy tắc đến cán bộ, công chức.",
        deadline=datetime.date(2025, 9, 30),
    )
    task.addressee_groups = [group]
    page.tasks.add(task)
    register.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_fixture_loads_a_two_level_province(province):
    units = Unit.objects.filter(parent=province)
    assert units.filter(kind=UnitKind.COMMUNE).count() == 110
    assert units.filter(kind=UnitKind.WARD).count() == 25
    assert units.exclude(kind__in=[UnitKind.COMMUNE, UnitKind.WARD]).count() == 20
    assert province.level_word == "tỉnh"
    assert Unit.objects.get(code="so-tai-chinh-son-nguyen").level_word == "tỉnh"
    ward = units.filter(kind=UnitKind.WARD).first()
    assert ward.level_word == "phường"
    assert ward.name.startswith("Phường ")
    # Letters name a ward as "UBND phường …": the alias finds it.
    assert list(Unit.objects.named(f"UBND {ward.name.lower()}")) == [ward]
    assert Unit.objects.get(code="ubnd-huyen-ia-grai").level_word == "huyện"  # the demo
    assert commune_level_words(units.values_list("kind", flat=True)) == "xã, phường"
    # Loading again changes nothing.
    out = StringIO()
    call_command("load_units", str(PROVINCE_FILE), stdout=out)
    assert "0 mới, 0 cập nhật" in out.getvalue()


@pytest.mark.django_db
def test_province_directive_reaches_every_commune_and_ward_and_never_says_district(
    province, register, client, client_for, tmp_path
):
    page = publish_province_directive(register, province)
    reports = ComplianceReport.objects.filter(directive=page)
    assert reports.count() == 135
    assert set(reports.values_list("unit__kind", flat=True)) == {UnitKind.COMMUNE, UnitKind.WARD}

    # The public page (its content; the demo's menu is the demo's).
    html = client.get(page.url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "Sơn Nguyên" in main
    assert district_words(main) == []

    # The official PDF, as text.
    response = client.get(page.url + "pdf/")
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    pdf = tmp_path / "directive.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "ỦY BAN NHÂN DÂN" in text and "SƠN NGUYÊN" in text
    assert district_words(text) == []

    # Reminder e-mails to the heads of two communes, before and after the due date.
    user_model = Membership._meta.get_field("user").related_model
    for unit in list(reports.values_list("unit", flat=True)[:2]):
        user = user_model.objects.create(username=f"head-{unit}", email=f"head-{unit}@x.vn")
        Membership.objects.create(user=user, unit_id=unit, role=Membership.Role.HEAD)
    mail.outbox.clear()
    for day in (datetime.date(2025, 9, 29), datetime.date(2025, 10, 6)):
        call_command("send_reminders", today=day, stdout=StringIO(), stderr=StringIO())
    # (The demo's own late reports are reminded too: those are the district's.)
    ours = [m for m in mail.outbox if page.symbol in m.subject + m.body]
    assert len(ours) >= 2, [m.subject for m in mail.outbox]
    for message in ours:
        assert district_words(message.subject + "\n" + message.body) == [], message.subject

    # The leaders' dashboard, filtered to the province's directives, and its PDF report.
    leader = client_for("lanhdao")
    html = leader.get(f"/admin/tien-do/?co_quan={province.pk}").content.decode()
    matrix = html[html.index('<table class="progress-matrix"') :]
    assert matrix.count('class="cell status--') == 135
    assert district_words(matrix) == []
    # The report is built by the task worker (the immediate backend here): the request
    # leads to its status page, which links the download.
    response = leader.get(f"/admin/tien-do/{page.pk}/pdf/")
    assert response.status_code == 302 and response.url.startswith("/admin/tep/")
    response = leader.get(response.url + "tai-ve/")
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    pdf.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Sơn Nguyên" in text or "SƠN NGUYÊN" in text
    assert district_words(text) == []
