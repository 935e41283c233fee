"""Accent-insensitive search at /tim-kiem/ (issue 2 item 7), on SQLite and PostgreSQL."""

import unicodedata

import pytest

from iagrai_cms.models import StandardPage


@pytest.fixture
def pages(home):
    found = StandardPage(
        title="Quản lý thông tin trên mạng",
        summary="Ban Tuyên giáo Đảng bộ huyện hướng dẫn.",
        body="<p>Nội dung về Đảng và chính quyền.</p>",
    )
    other = StandardPage(title="Lịch tiếp công dân", summary="Tiếp dân định kỳ.")
    for page in (found, other):
        home.add_child(instance=page)
        page.save_revision().publish()
    return found, other


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "quan ly thong tin",
        "Quản lý thông tin",
        "QUAN LY",
        "quản lý",
        "dang",
        "Đảng",
        unicodedata.normalize("NFD", "Quản lý thông tin"),
        "  quan   ly  ",
    ],
)
def test_accent_insensitive_queries_find_the_page(client, pages, query):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    titles = [result.title for result in response.context["results"]]
    assert "Quản lý thông tin trên mạng" in titles
    assert "Lịch tiếp công dân" not in titles


@pytest.mark.django_db
def test_search_without_match_and_empty_query(client, pages):
    response = client.get("/tim-kiem/", {"q": "khongcotukhoanay"})
    assert response.status_code == 200
    assert "Không có kết quả" in response.content.decode()
    empty = client.get("/tim-kiem/")
    assert empty.status_code == 200
    assert list(empty.context["results"]) == []


@pytest.mark.django_db
def test_draft_pages_are_not_found(client, home):
    draft = StandardPage(title="Bản nháp quản lý", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    response = client.get("/tim-kiem/", {"q": "ban nhap quan ly"})
    assert "Bản nháp quản lý" not in response.content.decode()


@pytest.mark.django_db
def test_search_bad_page_number_and_long_query(client, pages):
    assert client.get("/tim-kiem/", {"q": "quan ly", "trang": "abc"}).status_code == 200
    assert client.get("/tim-kiem/", {"q": "quan ly", "trang": "999"}).status_code == 200
    assert client.get("/tim-kiem/", {"q": "x" * 5000}).status_code == 200
