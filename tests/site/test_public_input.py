"""The 500s of issue 12 item 5, each as a visitor sends it: now a 400 or an empty result."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url",
    [
        "/van-ban/?q=%22abc",
        "/van-ban/?q=NEAR(%22a",
        "/tim-kiem/?q=%22x",
        "/tim-kiem/?q=a%20OR%20*%20%5E(",
        "/api/v2/pages/?search=%22x",
        "/api/v2/images/?search=%22x",
        "/api/v2/documents/?search=%22x",
    ],
)
def test_fts_syntax_in_a_search_is_just_text(client, url):
    response = client.get(url)
    assert response.status_code == 200


def test_quotes_do_not_stop_a_search_from_finding(client, make_directive):
    make_directive(title="Về việc tăng cường phòng chống lừa đảo qua mạng")
    found = client.get('/van-ban/?q="lua dao"').content.decode()
    assert "phòng chống lừa đảo" in found
    found = client.get('/tim-kiem/?q="lừa đảo"*').content.decode()
    assert "phòng chống lừa đảo" in found


@pytest.mark.parametrize(
    "url",
    [
        "/van-ban/?q=%00",
        "/van-ban/?co_quan=%00",
        "/van-ban/?don_vi=ubnd%00",
        "/tim-kiem/?q=a%00b",
        "/api/v2/pages/?search=%00",
        "/api/v2/pages/?slug=%00",
        "/tin-tuc/?trang=%00",
        "/van-ban/%00/",
    ],
)
def test_a_nul_byte_is_a_400_with_a_vietnamese_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ký tự rỗng" in response.content.decode()


def test_filters_and_search_together(client, make_directive):
    """The backend cannot filter on the issuer's code while searching (it was a 500)."""
    page = make_directive(title="Về việc kiểm tra an toàn thực phẩm")
    issuer = page.issuer.code
    response = client.get(f"/van-ban/?co_quan={issuer}&q=thuc+pham")
    assert response.status_code == 200
    assert "an toàn thực phẩm" in response.content.decode()
    response = client.get("/van-ban/?co_quan=khong-co&q=thuc+pham&don_vi=x")
    assert response.status_code == 200
    assert "an toàn thực phẩm" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "offset=9999999999999999999",
        "limit=99999999999999999999999",
        "search=a&search_operator=xor",
        "search=a&search_operator=%ff",
    ],
)
def test_api_numbers_and_operator_out_of_range_are_400(client, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400
    assert "message" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/luot-xem/99999999999999999999999/",
        "/luot-xem/9223372036854775808/",
        "/luot-xem/-1/",
        "/tep/minh-chung/99999999999999999999999/",
        "/tep/minh-chung/99999999999999999999999/xem/",
        "/tep/anh-phan-anh/18446744073709551616/",
    ],
)
def test_ids_beyond_64_bits_or_negative_are_404(client, url):
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 404
