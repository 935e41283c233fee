"""The Code of Conduct page, its versions, staff acknowledgement on the dashboard and the
coverage per unit that leaders read and export."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.log_actions import registry as log_registry

from conduct_app.code.coverage import coverage_by_unit
from conduct_app.code.loader import load_data
from conduct_app.models import Acknowledgement, CodeOfConductPage, CodeVersion

ACK_URL = "/admin/quy-tac-ung-xu/xac-nhan/"
COVERAGE_URL = "/admin/xac-nhan-quy-tac/"
BUTTON = "Tôi đã đọc và cam kết thực hiện"


@pytest.fixture
def code_page(db) -> CodeOfConductPage:
    return CodeOfConductPage.objects.get()


def publish_again(page: CodeOfConductPage) -> CodeVersion:
    page.intro += " (sửa đổi)"
    page.save_revision().publish()
    return CodeVersion.objects.current()


def acknowledge(username: str, version: CodeVersion) -> None:
    user = get_user_model().objects.get(username=username)
    Acknowledgement.objects.create(user=user, version=version)


# -- the page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_code_page_shows_its_articles_rules_and_legal_basis(client, code_page):
    response = client.get("/quy-tac-ung-xu/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Điều 3." in html and "Quy tắc ứng xử chung" in html
    assert "Tôn trọng, tuân thủ pháp luật" in html  # rule 3.1
    assert "Quyết định số 874/QĐ-BTTTT ngày 17/06/2021 của Bộ Thông tin và Truyền thông" in html
    assert "bản tóm tắt" in html and "không phải văn bản pháp lý" in html
    assert "Phiên bản 1" in html
    data = load_data()
    assert len(code_page.articles) == len(data["sections"]) == 8  # Điều 9 is not confirmed
    rules = [rule for block in code_page.articles for rule in block.value["rules"]]
    assert len(rules) == sum(len(section["rules"]) for section in data["sections"])
    # The corrected file (issue 15): a summary naming the authoritative decision, and no
    # placeholder.
    assert "Quyết định số 874/QĐ-BTTTT ngày 17/6/2021" in html
    assert "có giá trị pháp lý" in html
    assert "chưa xác nhận" not in html.lower() and "Điều 8. Tổ chức thực hiện" in html
    assert rules[0]["code"] == "1.1" and rules[0]["text"].startswith("Tạo điều kiện")


@pytest.mark.django_db
def test_the_code_is_found_without_accents(client):
    html = client.get("/tim-kiem/", {"q": "quy tac ung xu mang xa hoi"}).content.decode()
    assert "/quy-tac-ung-xu/" in html


@pytest.mark.django_db
def test_each_published_revision_is_a_new_version(code_page):
    assert CodeVersion.objects.current().number == 1
    code_page.intro = "Bản nháp chưa công bố"
    code_page.save_revision()  # a draft is not a version
    assert CodeVersion.objects.count() == 1
    second = publish_again(code_page)
    code_page.refresh_from_db()
    assert second.number == 2
    assert second.revision == code_page.live_revision
    # Publishing the same revision again (e.g. a retried signal) adds nothing.
    code_page.live_revision.publish()
    assert CodeVersion.objects.filter(page=code_page).count() == 2


# -- acknowledgement --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dashboard_asks_staff_to_acknowledge_the_current_version(client_for):
    version = CodeVersion.objects.current()
    html = client_for("bientap").get("/admin/").content.decode()
    assert BUTTON in html
    assert f'name="version" value="{version.pk}"' in html


@pytest.mark.django_db
def test_acknowledging_records_the_version_once_and_logs_it(client_for, code_page):
    client = client_for("bientap")
    version = CodeVersion.objects.current()
    response = client.post(ACK_URL, {"version": version.pk})
    assert response.status_code == 302
    assert Acknowledgement.objects.filter(user__username="bientap", version=version).exists()
    entries = log_registry.get_logs_for_instance(code_page).filter(
        action="conduct_app.code.acknowledge"
    )
    assert entries.count() == 1
    assert entries.get().user.username == "bientap"
    assert entries.get().data["version"] == 1

    html = client.get("/admin/").content.decode()
    assert BUTTON not in html
    assert "Bạn đã xác nhận đã đọc và cam kết thực hiện phiên bản 1" in html

    client.post(ACK_URL, {"version": version.pk})  # a second click
    assert Acknowledgement.objects.filter(user__username="bientap").count() == 1
    assert entries.count() == 1


@pytest.mark.django_db
def test_a_new_version_asks_again(client_for, code_page):
    client = client_for("bientap")
    first = CodeVersion.objects.current()
    client.post(ACK_URL, {"version": first.pk})
    second = publish_again(code_page)
    html = client.get("/admin/").content.decode()
    assert BUTTON in html
    assert f'value="{second.pk}"' in html

    # The form of the old version, still open in another tab, does not count for the new.
    response = client.post(ACK_URL, {"version": first.pk})
    assert response.status_code == 302
    assert not Acknowledgement.objects.filter(version=second).exists()
    client.post(ACK_URL, {"version": second.pk})
    assert Acknowledgement.objects.filter(user__username="bientap", version=second).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"version": "abc"}, {"version": "-1"}])
def test_a_malformed_acknowledgement_is_refused(client_for, data):
    response = client_for("bientap").post(ACK_URL, data)
    assert response.status_code == 400
    assert "Yêu cầu xác nhận không hợp lệ." in response.content.decode()
    assert not Acknowledgement.objects.filter(user__username="bientap").exists()


@pytest.mark.django_db
def test_acknowledging_takes_a_post(client_for):
    assert client_for("bientap").get(ACK_URL).status_code == 405


# -- coverage per unit ------------------------------------------------------------------


@pytest.fixture
def police_and_culture_acknowledged(db):
    version = CodeVersion.objects.current()
    # Công an huyện: congan, cong-an-huyen.truong, cong-an-huyen.canbo
    acknowledge("congan", version)
    acknowledge("cong-an-huyen.truong", version)
    # Phòng VH-TT: thamdinh, vanhoa, phong-vhtt.truong, phong-vhtt.canbo
    acknowledge("vanhoa", version)
    return version


@pytest.mark.django_db
def test_coverage_is_the_share_of_each_units_members(police_and_culture_acknowledged):
    rows = {row.unit.code: row for row in coverage_by_unit(police_and_culture_acknowledged)}
    police, culture, commune = rows["cong-an-huyen"], rows["phong-vhtt"], rows["xa-ia-ba"]
    assert (police.members, police.acknowledged, police.share_text) == (3, 2, "66,7 %")
    assert (culture.members, culture.acknowledged, culture.share_text) == (4, 1, "25,0 %")
    assert (commune.members, commune.acknowledged, commune.share_text) == (2, 0, "0,0 %")
    assert "doan-the-huyen" in rows  # every reporting unit has a row
    assert not any(row.unit.kind == "group" for row in rows.values())


@pytest.mark.django_db
def test_coverage_counts_active_members_and_the_current_version_only(
    police_and_culture_acknowledged, code_page
):
    get_user_model().objects.filter(username="cong-an-huyen.canbo").update(is_active=False)
    row = next(
        r
        for r in coverage_by_unit(police_and_culture_acknowledged)
        if r.unit.code == "cong-an-huyen"
    )
    assert row.share_text == "100,0 %"
    newer = publish_again(code_page)
    row = next(r for r in coverage_by_unit(newer) if r.unit.code == "cong-an-huyen")
    assert (row.acknowledged, row.share_text) == (0, "0,0 %")


@pytest.mark.django_db
def test_leaders_see_and_export_coverage(client_for, police_and_culture_acknowledged):
    client = client_for("lanhdao")
    html = client.get(COVERAGE_URL).content.decode()
    assert "Công an huyện Ia Grai" in html and "66,7 %" in html

    response = client.get(COVERAGE_URL, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Đơn vị",
        "Mã đơn vị",
        "Số thành viên",
        "Đã xác nhận",
        "Chưa xác nhận",
        "Tỉ lệ",
    ]
    assert ["Công an huyện Ia Grai", "cong-an-huyen", "3", "2", "1", "66,7 %"] in rows
    assert ["Phòng Văn hóa và Thông tin", "phong-vhtt", "4", "1", "3", "25,0 %"] in rows

    response = client.get(COVERAGE_URL, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Đơn vị"
    assert ["Công an huyện Ia Grai", "cong-an-huyen", 3, 2, 1, "66,7 %"] in values


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["congan", "bientap", "xa-ia-ba.truong"])
def test_coverage_is_for_leaders_only(client_for, username):
    response = client_for(username).get(COVERAGE_URL)
    assert response.status_code in (302, 403)
    assert "66,7 %" not in response.content.decode()
    assert reverse("conduct_coverage:index") == COVERAGE_URL
