"""The registry of official channels and the "check a link" box."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from conduct_app.models import OfficialChannel
from directives_app.models import Unit

URL = "/kenh-chinh-thuc/"
NS = "wagtailsnippets_conduct_app_officialchannel"


@pytest.mark.django_db
def test_the_registry_lists_channels_by_unit(client):
    html = client.get(URL).content.decode()
    assert "Ủy ban nhân dân huyện Ia Grai" in html
    assert 'href="https://www.facebook.com/ubndhuyeniagrai"' in html
    assert "UBND xã Ia Bă" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pasted",
    [
        "https://www.facebook.com/ubndhuyeniagrai",
        "http://m.facebook.com/UBNDHuyenIaGrai/?fbclid=IwAR0abc",
        "facebook.com/ubndhuyeniagrai#about",
    ],
)
def test_any_spelling_of_an_official_link_is_recognised(client, pasted):
    response = client.get(URL, {"url": pasted})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đây là kênh chính thức." in html
    assert "Xác minh ngày 01/03/2024" in html
    assert "Báo cáo trang giả mạo" not in html


@pytest.mark.django_db
def test_an_unknown_link_offers_to_report_impersonation(client):
    pasted = "https://www.facebook.com/ubnd.huyen.iagrai.chinhthuc"
    html = client.get(URL, {"url": pasted}).content.decode()
    assert "không có trong danh sách kênh chính thức" in html
    match = re.search(r'<a class="button" href="([^"]+)">Báo cáo trang giả mạo</a>', html)
    assert match
    target = match.group(1).replace("&amp;", "&")
    assert target.startswith("/phan-anh/?")
    form = client.get(target).content.decode()
    assert f"{pasted}</textarea>" in form
    assert re.search(r'value="impersonation"[^>]*checked', form)


@pytest.mark.django_db
def test_an_inactive_channel_is_not_official(client):
    OfficialChannel.objects.filter(url="https://zalo.me/ubndiagrai").update(active=False)
    html = client.get(URL, {"url": "https://zalo.me/ubndiagrai"}).content.decode()
    assert "không có trong danh sách kênh chính thức" in html


@pytest.mark.django_db
def test_a_text_that_is_not_a_link_gets_a_400_and_a_message(client):
    response = client.get(URL, {"url": "không phải link"})
    assert response.status_code == 400
    assert "không phải đường dẫn hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_a_new_channel_is_official_at_once_despite_the_page_cache(client_for, settings):
    settings.PAGE_CACHE_SECONDS = 300
    check = {"url": "https://www.tiktok.com/@ubnd.xa.ia.chia"}
    Client().get(URL, check)
    cached = Client().get(URL, check)
    assert cached["X-Page-Cache"] == "hit"
    assert "không có trong danh sách" in cached.content.decode()

    unit = Unit.objects.get(code="xa-ia-chia")
    response = client_for("admin").post(
        reverse(f"{NS}:add"),
        {
            "platform": "tiktok",
            "name": "UBND xã Ia Chia",
            "url": "https://www.tiktok.com/@ubnd.xa.ia.chia",
            "unit": unit.pk,
            "verified_on": "15/07/2024",
            "active": "on",
            "notes": "",
        },
    )
    assert response.status_code == 302
    channel = OfficialChannel.objects.get(name="UBND xã Ia Chia")
    assert channel.verified_on == datetime.date(2024, 7, 15)
    fresh = Client().get(URL, check)
    assert fresh.get("X-Page-Cache") != "hit"
    assert "Đây là kênh chính thức." in fresh.content.decode()


@pytest.mark.django_db
def test_the_same_address_cannot_be_registered_twice(client_for):
    unit = Unit.objects.get(code="ubnd-huyen-ia-grai")
    before = OfficialChannel.objects.count()
    response = client_for("admin").post(
        reverse(f"{NS}:add"),
        {
            "platform": "facebook",
            "name": "Trùng",
            "url": "https://m.facebook.com/UBNDHuyenIaGrai/",
            "unit": unit.pk,
            "verified_on": "01/01/2025",
            "active": "on",
        },
    )
    assert response.status_code == 400
    assert "Địa chỉ này đã có trong danh sách" in response.content.decode()
    assert OfficialChannel.objects.count() == before


@pytest.mark.django_db
def test_handlers_cannot_edit_the_registry(client_for):
    response = client_for("congan").get(reverse(f"{NS}:add"))
    assert response.status_code in (302, 403)
    assert 'name="url"' not in response.content.decode()
