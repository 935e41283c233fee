"""The news pages' cached fragments (iagrai_cms.caching.page_cache.fragment_cache): with the page
cache off, a second request reads no listing, no article body and no rendition, yet a
publish shows at once and a preview is never stored."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iagrai_cms.models import ArticlePage

DEMO_TITLE = "Công an huyện cảnh báo thủ đoạn lừa đảo qua mạng xã hội"
DEMO_URL = "/tin-tuc/cong-an-huyen-canh-bao-thu-doan-lua-dao-qua-mang-xa-hoi/"


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0  # whole pages off: only the fragments are left


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tin-tuc/", "/tin-tuc/chuyen-muc/an-ninh-trat-tu/", DEMO_URL])
def test_a_second_request_reads_no_cards_body_or_rendition(client, uncached, url):
    first = queries_of(client, url)
    second = queries_of(client, url)
    assert len(second) < len(first)
    assert not [sql for sql in second if "wagtailimages_rendition" in sql]
    assert not [sql for sql in second if "taggit_tag" in sql or "COUNT(" in sql.upper()]
    # The generation, routing (root, index, article), Wagtail's alias and view-restriction
    # checks, a category: a handful, whatever the listing or the article holds.
    assert len(second) <= 7, second


@pytest.mark.django_db
def test_a_cached_article_reads_its_view_restrictions_once(client, uncached):
    queries_of(client, DEMO_URL)
    second = queries_of(client, DEMO_URL)
    # Wagtail's own check before serving; the related cards' public() is not built while
    # their fragment is cached (it reads the restrictions as soon as it is called).
    assert len([sql for sql in second if "wagtailcore_pageviewrestriction" in sql]) == 1
    assert len(second) <= 6, second


@pytest.mark.django_db
def test_a_publish_shows_at_once_in_the_listing_and_the_article(client, uncached, make_article):
    client.get("/tin-tuc/")
    client.get(DEMO_URL)
    make_article("Tin mới đăng hiện ngay trong danh sách")
    assert "Tin mới đăng hiện ngay trong danh sách" in client.get("/tin-tuc/").content.decode()

    article = ArticlePage.objects.get(title=DEMO_TITLE)
    article.summary = "Tóm tắt đã sửa và xuất bản lại"
    article.save_revision().publish()
    html = client.get(DEMO_URL).content.decode()
    assert "Tóm tắt đã sửa và xuất bản lại" in html
    assert 'content="Tóm tắt đã sửa và xuất bản lại"' in html  # the share card too


@pytest.mark.django_db
def test_a_preview_is_never_stored(client, client_for, uncached):
    article = ArticlePage.objects.get(title=DEMO_TITLE)
    live_summary = article.summary
    client.get(DEMO_URL)
    article.summary = "Bản nháp chưa duyệt, không được lộ ra ngoài"
    article.save_revision()
    editor = client_for("banbientap")
    for _ in range(2):
        draft = editor.get(f"/admin/pages/{article.pk}/view_draft/").content.decode()
        assert "Bản nháp chưa duyệt, không được lộ ra ngoài" in draft
    public = client.get(DEMO_URL).content.decode()
    assert live_summary in public
    assert "Bản nháp chưa duyệt" not in public
