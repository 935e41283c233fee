"""One rule for a directive's title in every public place (issue 15, item 3): home,
register, the directive's page, search, feeds, share card and API."""

from __future__ import annotations

import html as html_lib
import json

import pytest

from directives_app.models import DirectivePage

SEED_SUBJECT = "tăng cường quản lý thông tin trên internet, mạng xã hội"


@pytest.fixture
def cong_van(make_directive):
    return make_directive(title=f"{SEED_SUBJECT} trên địa bàn xã thử", doc_type="cong_van")


@pytest.fixture
def ke_hoach(make_directive):
    return make_directive(title="triển khai chuyển đổi số năm 2027", doc_type="ke_hoach")


def test_the_rule_lives_on_the_model(cong_van, ke_hoach):
    assert cong_van.display_title == f"V/v {SEED_SUBJECT} trên địa bàn xã thử"
    assert ke_hoach.display_title == "Triển khai chuyển đổi số năm 2027"
    assert ke_hoach.title_with_symbol.endswith(": Triển khai chuyển đổi số năm 2027")


@pytest.mark.django_db
def test_every_public_place_shows_the_same_title(client, cong_van, ke_hoach):
    queries = {cong_van.pk: "dia ban xa thu", ke_hoach.pk: "chuyen doi so nam 2027"}
    for directive in (cong_van, ke_hoach):
        expected = directive.display_title
        places = {
            "home": client.get("/").content.decode(),
            "register": client.get("/van-ban/").content.decode(),
            "page": client.get(directive.url).content.decode(),
            "search": client.get("/tim-kiem/", {"q": queries[directive.pk]}).content.decode(),
            "feed": client.get("/van-ban/rss/").content.decode(),
        }
        for name, text in places.items():
            assert expected in html_lib.unescape(text), name
        page_html = html_lib.unescape(places["page"])
        assert f'<meta property="og:title" content="{directive.title_with_symbol}">' in page_html
        assert f"<h1>{expected}</h1>" in page_html
        api = client.get(f"/api/v2/pages/{directive.pk}/").content
        assert json.loads(api)["display_title"] == expected
    # The lower-case subject never shows on its own in a list.
    home = html_lib.unescape(client.get("/").content.decode())
    assert f">{SEED_SUBJECT}" not in home
    assert DirectivePage.objects.filter(pk=cong_van.pk).exists()
