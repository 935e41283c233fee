"""Triage in the admin: routing, duplicates, the state machine, the audit log, and who sees
which report (handlers see only their unit's, contact data only when allowed)."""

from __future__ import annotations

import pytest
from conduct_support import TRIAGE_URL, image_bytes, upload
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.log_actions import registry as log_registry

from conduct_app.incidents import triage
from conduct_app.incidents.screenshots import clean_screenshot
from conduct_app.models import IncidentReport, IncidentRoutingSettings

NS = "wagtailsnippets_conduct_app_incidentreport"
POLICE, CULTURE = "cong-an-huyen", "phong-vhtt"


def edit_url(report) -> str:
    return reverse(f"{NS}:edit", args=[report.pk])


def actions_of(report) -> list[str]:
    logs = log_registry.get_logs_for_instance(report).order_by("pk")
    return list(logs.values_list("action", flat=True))


# -- routing ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("category", "unit"),
    [
        ("impersonation", POLICE),
        ("anti_state", POLICE),
        ("scam", POLICE),
        ("false_information", CULTURE),
        ("offensive", CULTURE),
        ("other", CULTURE),
    ],
)
def test_a_report_is_routed_by_its_category(make_report, category, unit):
    report = make_report(category=category, urls=[f"https://example.vn/{category}"])
    assert report.status == "assigned"
    assert report.handler_unit.code == unit
    assert actions_of(report) == ["conduct_app.incident.receive", "conduct_app.incident.assign"]


@pytest.mark.django_db
def test_without_a_configured_handler_a_report_waits_as_new_for_an_administrator(
    make_report, client_for
):
    routing = IncidentRoutingSettings.load()
    routing.police_unit = None
    routing.save()
    report = make_report(category="scam", urls=["https://example.vn/lua-dao"])
    assert report.status == "new" and report.handler_unit is None
    assert report.code not in client_for("congan").get(TRIAGE_URL).content.decode()
    assert report.code in client_for("admin").get(TRIAGE_URL).content.decode()


# -- duplicates -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_normalised_url_links_a_new_report_to_the_first(make_report):
    first = make_report(
        category="impersonation", urls=["https://www.facebook.com/Gia.Mao.123?fbclid=AbC"]
    )
    second = make_report(category="false_information", urls=["http://m.facebook.com/gia.mao.123/"])
    third = make_report(urls=["https://example.vn/khac", "facebook.com/gia.mao.123#x"])
    unrelated = make_report(urls=["https://www.facebook.com/gia.mao.1234"])

    assert first.earlier_report is None
    assert second.earlier_report == first
    assert third.earlier_report == first  # the original, not the latest repeat
    assert unrelated.earlier_report is None
    # A repeat goes to whoever handles the original, whatever its category.
    assert second.handler_unit.code == POLICE
    assert list(first.later_reports.order_by("pk")) == [second, third]


@pytest.mark.django_db
def test_the_triage_page_shows_the_linked_reports(make_report, client_for):
    first = make_report(category="scam", urls=["https://zalo.me/lua.dao.99"])
    second = make_report(category="scam", urls=["https://zalo.me/lua.dao.99?zarsrc=1"])
    html = client_for("congan").get(edit_url(second)).content.decode()
    assert "Phản ánh cùng đường dẫn" in html
    assert first.code in html
    assert f'value="{first.code}"' in html  # prefilled for "duplicate"


# -- the state machine ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_steps_follow_new_assigned_in_progress_resolved(make_report):
    report = make_report(category="scam", urls=["https://example.vn/a"])
    with pytest.raises(ValidationError) as refused:
        triage.check(report, "resolve", action_taken="removed")
    assert "Không thể" in str(refused.value)
    triage.apply(report, "start", None)
    with pytest.raises(ValidationError) as refused:
        triage.check(report, "resolve")
    assert refused.value.message_dict == {"action_taken": ["Chọn biện pháp đã thực hiện."]}
    triage.apply(report, "resolve", None, action_taken="asked_platform")
    assert report.status == "resolved" and report.closed_at is not None
    assert triage.allowed_steps(report) == ("reopen",)
    triage.apply(report, "reopen", None, note="Trang xuất hiện lại")
    assert report.status == "in_progress" and report.closed_at is None
    assert report.action_taken == ""


@pytest.mark.django_db
def test_duplicate_needs_another_original_report(make_report):
    first = make_report(urls=["https://example.vn/1"])
    second = make_report(urls=["https://example.vn/2"])
    for duplicate_of, field in ((None, "duplicate_of"), (second, "duplicate_of")):
        with pytest.raises(ValidationError) as refused:
            triage.check(second, "duplicate", duplicate_of=duplicate_of)
        assert field in refused.value.message_dict
    triage.apply(second, "duplicate", None, duplicate_of=first)
    third = make_report(urls=["https://example.vn/3"])
    with pytest.raises(ValidationError) as refused:
        triage.check(third, "duplicate", duplicate_of=second)  # a duplicate is not an original
    assert "phản ánh gốc" in str(refused.value)


@pytest.mark.django_db
def test_the_police_handler_takes_a_report_through_to_resolved(make_report, client_for):
    report = make_report(category="impersonation", urls=["https://facebook.com/chu.tich.gia"])
    client = client_for("congan")

    response = client.post(edit_url(report), {"step": "start", "note": "Đã xác minh"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "in_progress"
    assert report.first_action_at is not None

    response = client.post(
        edit_url(report),
        {
            "step": "resolve",
            "measure": "removed",
            "outcome": "Trang giả mạo đã bị gỡ bỏ.",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.action_taken) == ("resolved", "removed")
    assert report.public_outcome == "Trang giả mạo đã bị gỡ bỏ."
    assert actions_of(report) == [
        "conduct_app.incident.receive",
        "conduct_app.incident.assign",
        "conduct_app.incident.start",
        "conduct_app.incident.resolve",
    ]
    logs = log_registry.get_logs_for_instance(report).order_by("pk")
    assert logs.get(action="conduct_app.incident.start").user.username == "congan"
    assert logs.get(action="conduct_app.incident.start").data["note"] == "Đã xác minh"
    assert logs.get(action="conduct_app.incident.assign").user is None  # the system's step

    history = client.get(reverse(f"{NS}:history", args=[report.pk])).content.decode()
    assert "Hoàn thành xử lý" in history
    assert "Đã gỡ bỏ" in history


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Chọn bước xử lý."),
        ({"step": "resolve"}, "Bước này không thực hiện được ở trạng thái hiện tại."),
        ({"step": "bogus"}, "Bước này không thực hiện được ở trạng thái hiện tại."),
        ({"step": "assign"}, "Chọn đơn vị xử lý."),
        ({"step": "duplicate", "duplicate_of": "PA.19990101.0001"}, "Không có phản ánh mã"),
        ({"step": "start", "outcome": "x" * 2001}, "2000"),
        ({"step": "assign", "unit": "999999"}, "Đơn vị này không được giao xử lý phản ánh."),
    ],
)
def test_a_wrong_step_is_refused_with_a_message_and_changes_nothing(
    make_report, client_for, data, message
):
    report = make_report(category="scam", urls=["https://example.vn/b"])
    logged = len(actions_of(report))
    response = client_for("congan").post(edit_url(report), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    report.refresh_from_db()
    assert report.status == "assigned"
    assert len(actions_of(report)) == logged


@pytest.mark.django_db
def test_a_handler_can_pass_a_report_to_the_other_unit(make_report, client_for):
    report = make_report(category="false_information", urls=["https://example.vn/c"])
    culture = client_for("vanhoa")
    police_unit = IncidentRoutingSettings.load().police_unit
    response = culture.post(edit_url(report), {"step": "assign", "unit": police_unit.pk})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handler_unit == police_unit
    # It has left the culture office's scope and entered the police's.
    assert culture.get(edit_url(report)).status_code == 404
    assert client_for("congan").get(edit_url(report)).status_code == 200


# -- who sees what ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_handler_of_one_unit_cannot_see_another_units_report(make_report, client_for):
    police_report = make_report(
        category="impersonation", urls=["https://facebook.com/mao.danh.bi.thu"]
    )
    with_shot = make_report(
        category="impersonation",
        urls=["https://facebook.com/mao.danh.chu.tich"],
        screenshots=[clean_screenshot(upload("a.png", image_bytes()))],
    )
    assert police_report.handler_unit.code == with_shot.handler_unit.code == POLICE
    culture, police = client_for("vanhoa"), client_for("congan")

    listing = culture.get(TRIAGE_URL)
    assert listing.status_code == 200
    assert police_report.code not in listing.content.decode()
    for name in ("edit", "history", "delete", "usage"):
        url = reverse(f"{NS}:{name}", args=[police_report.pk])
        assert culture.get(url).status_code == 404, name
    assert culture.post(edit_url(police_report), {"step": "start"}).status_code == 404
    police_report.refresh_from_db()
    assert police_report.status == "assigned"
    shot = with_shot.screenshots.get()
    shot_url = reverse("conduct_screenshot", args=[shot.pk])
    assert culture.get(shot_url).status_code == 404
    assert Client().get(shot_url).status_code == 404  # anonymous: 404, not a login redirect
    chooser = culture.get(
        reverse("wagtailsnippetchoosers_conduct_app_incidentreport:choose")
    ).content.decode()
    assert police_report.code not in chooser

    # The police handler sees all of it.
    assert police_report.code in police.get(TRIAGE_URL).content.decode()
    assert police.get(edit_url(police_report)).status_code == 200
    image = police.get(shot_url)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_unit_member_who_is_not_a_handler_sees_no_reports(make_report, client_for):
    report = make_report(category="scam", urls=["https://example.vn/d"])
    focal = client_for("cong-an-huyen.canbo")  # member of the police unit, not a handler
    assert report.code not in focal.get(TRIAGE_URL).content.decode()
    assert focal.get(edit_url(report)).status_code == 404


@pytest.mark.django_db
def test_contact_data_shows_only_when_allowed(make_report, client_for):
    confidential = make_report(
        category="scam",
        urls=["https://example.vn/e"],
        reporter_name="Đinh Văn Ẩn",
        reporter_phone="0911 000 111",
        confidential=True,
    )
    open_contact = make_report(
        category="scam",
        urls=["https://example.vn/f"],
        reporter_name="Hồ Thị Mở",
        reporter_phone="0911 000 222",
    )
    police = client_for("congan")
    html = police.get(edit_url(confidential)).content.decode()
    assert "0911 000 111" not in html and "Đinh Văn Ẩn" not in html
    assert "đề nghị giữ bí mật danh tính" in html
    html = police.get(edit_url(open_contact)).content.decode()
    assert "0911 000 222" in html and "Hồ Thị Mở" in html
    # An administrator with the confidential-contact permission sees it.
    assert "0911 000 111" in client_for("admin").get(edit_url(confidential)).content.decode()


@pytest.mark.django_db
def test_the_listing_runs_the_same_queries_for_few_or_many_reports(make_report, client_for):
    client = client_for("congan")
    for number in range(2):
        make_report(category="scam", urls=[f"https://example.vn/q{number}"])
    client.get(TRIAGE_URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(TRIAGE_URL).status_code == 200
    for number in range(2, 12):
        make_report(category="scam", urls=[f"https://example.vn/q{number}"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(TRIAGE_URL).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many]


@pytest.mark.django_db
def test_adding_a_report_in_the_admin_goes_to_the_filing_form(client_for):
    response = client_for("admin").get(reverse(f"{NS}:add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("conduct_file:index")


# -- units file reports from the admin --------------------------------------------------


def staff_form(unit_pk, **overrides) -> dict:
    data = {
        "reporting_unit": unit_pk,
        "urls": "https://www.facebook.com/trang.xau.doc.ia.ba",
        "platform": "facebook",
        "category": "false_information",
        "impersonated": "",
        "description": "Trang đăng tin sai về dịch bệnh tại xã Ia Bă.",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_commune_officer_files_a_report_from_the_admin(client_for):
    from directives_app.models import Unit

    commune = Unit.objects.get(code="xa-ia-ba")
    client = client_for("xa-ia-ba.canbo")
    assert client.get(reverse("conduct_file:index")).status_code == 200
    response = client.post(
        reverse("conduct_file:index"),
        {**staff_form(commune.pk), "screenshots": [upload("a.png", image_bytes())]},
    )
    assert response.status_code == 302
    report = IncidentReport.objects.get(links__normalized_url="facebook.com/trang.xau.doc.ia.ba")
    assert report.source == "staff"
    assert report.reporting_unit == commune
    assert report.submitted_by.username == "xa-ia-ba.canbo"
    assert report.handler_unit.code == CULTURE
    assert report.screenshots.count() == 1
    receive = log_registry.get_logs_for_instance(report).get(action="conduct_app.incident.receive")
    assert receive.user.username == "xa-ia-ba.canbo"


@pytest.mark.django_db
def test_an_officer_cannot_file_in_the_name_of_another_unit(client_for):
    from directives_app.models import Unit

    other = Unit.objects.get(code="xa-ia-chia")
    before = IncidentReport.objects.count()
    response = client_for("xa-ia-ba.canbo").post(
        reverse("conduct_file:index"), staff_form(other.pk)
    )
    assert response.status_code == 400
    assert "Bạn không thuộc đơn vị này." in response.content.decode()
    assert IncidentReport.objects.count() == before


@pytest.mark.django_db
def test_filing_needs_the_permission(client_for):
    response = client_for("bientap").get(reverse("conduct_file:index"))
    assert response.status_code in (302, 403)
    assert "Gửi phản ánh của đơn vị" not in response.content.decode()


@pytest.mark.django_db
def test_the_triage_form_renders_each_field_once(make_report, client_for):
    # Two inputs of one name post two values, and Django keeps the last (empty) one.
    report = make_report(category="scam", urls=["https://example.vn/g"])
    html = client_for("congan").get(edit_url(report)).content.decode()
    for name in ("unit", "measure", "duplicate_of", "outcome", "note"):
        assert html.count(f'name="{name}"') == 1, name
    assert html.count('name="step"') == len(triage.allowed_steps(report))


@pytest.mark.django_db
def test_each_role_finds_its_pages_in_the_social_network_menu(client_for):
    import json
    import re

    labels = {
        "Phản ánh",
        "Gửi phản ánh",
        "Thống kê phản ánh",
        "Xác nhận bộ quy tắc",
        "Kênh chính thức",
    }
    sidebar = re.compile(r'id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)

    def submenu(username: str) -> set[str]:
        html = client_for(username).get("/admin/").content.decode()
        text = json.dumps(json.loads(sidebar.search(html).group(1)), ensure_ascii=False)
        return {label for label in labels if f'"{label}"' in text}

    assert submenu("congan") == {"Phản ánh", "Gửi phản ánh"}
    assert submenu("lanhdao") == {"Thống kê phản ánh", "Xác nhận bộ quy tắc"}
    assert submenu("xa-ia-ba.canbo") == {"Gửi phản ánh"}
    assert submenu("bientap") == set()
    assert submenu("admin") == labels


@pytest.mark.django_db
def test_site_history_shows_only_the_reports_a_user_may_see(make_report, client_for):
    culture_report = make_report(category="false_information", urls=["https://example.vn/h1"])
    triage.apply(culture_report, "start", None, note="Ghi chú nội bộ của Phòng VH-TT")
    police_report = make_report(category="scam", urls=["https://example.vn/h2"])
    expected = {
        "congan": (False, True),
        "vanhoa": (True, False),
        "lanhdao": (False, False),  # statistics only
        "xa-ia-ba.canbo": (False, False),  # may file reports, not read others'
        "admin": (True, True),
    }
    for username, (sees_culture, sees_police) in expected.items():
        response = client_for(username).get("/admin/reports/site-history/")
        html = response.content.decode()
        assert (culture_report.code in html) is sees_culture, username
        assert ("Ghi chú nội bộ của Phòng VH-TT" in html) is sees_culture, username
        assert (police_report.code in html) is sees_police, username


@pytest.mark.django_db
def test_deleting_a_report_deletes_its_screenshot_files(
    make_report, client_for, django_capture_on_commit_callbacks
):
    from pathlib import Path

    report = make_report(screenshots=[clean_screenshot(upload("a.png", image_bytes()))])
    path = Path(report.screenshots.get().file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("admin").post(reverse(f"{NS}:delete", args=[report.pk]))
    assert response.status_code == 302
    assert not IncidentReport.objects.filter(pk=report.pk).exists()
    assert not path.exists()


@pytest.mark.django_db
def test_the_filing_page_is_titled(client_for):
    html = client_for("xa-ia-ba.canbo").get(reverse("conduct_file:index")).content.decode()
    assert "<title>Gửi phản ánh của đơn vị" in html or "Gửi phản ánh của đơn vị</" in html
    assert html.count("Gửi phản ánh của đơn vị") >= 2  # window title and header
