"""Home page content, and the page cache: hits for visitors, a publish shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iagrai_cms.models import HomePage, SiteSettings


@pytest.mark.django_db
def test_home_page_vietnamese_accessible_and_from_settings(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert (
        '<main id="noi-dung"' in html and 'role="banner"' in html and 'role="contentinfo"' in html
    )
    assert 'aria-label="Điều hướng chính"' in html
    assert '<label for="site-search-q"' in html
    assert "Ủy ban nhân dân huyện Ia Grai" in html
    assert "0269 3845 001" in html  # hotline from site settings
    assert "Văn bản chỉ đạo, điều hành" in html and "Tin tức" in html
    assert 'name="viewport"' in html


@pytest.mark.django_db
def test_site_settings_change_shows_on_home(client):
    settings = SiteSettings.objects.get()
    settings.hotline = "0999 000 111"
    settings.save()
    assert "0999 000 111" in client.get("/").content.decode()


@pytest.mark.django_db
def test_page_cache_hit_then_publish_visible_at_once(client):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 1  # the generation number only

    home = HomePage.objects.get()
    home.intro = "Nội dung mới vừa xuất bản"
    home.save_revision().publish()
    third = client.get("/")
    assert third["X-Page-Cache"] == "miss"
    assert "Nội dung mới vừa xuất bản" in third.content.decode()


@pytest.mark.django_db
def test_logged_in_users_bypass_the_cache(client_for):
    client = client_for("bientap")
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_search_and_404_are_not_cached(client):
    client.get("/tim-kiem/?q=quan")
    assert "X-Page-Cache" not in client.get("/tim-kiem/?q=quan")
    client.get("/khong-co/")
    assert "X-Page-Cache" not in client.get("/khong-co/")


@pytest.mark.django_db
def test_home_page_query_count_uncached(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) <= 7, [q["sql"] for q in queries]


@pytest.mark.django_db
def test_a_page_made_private_is_no_longer_served_from_the_cache(client):
    from wagtail.models import PageViewRestriction

    from directives_app.models import DirectiveIndexPage

    page = DirectiveIndexPage.objects.get()
    client.get("/van-ban/")
    assert client.get("/van-ban/")["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/van-ban/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_a_cache_hit_carries_the_headers_of_the_miss(client):
    miss = client.get("/")
    hit = client.get("/")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Content-Length"] == str(len(hit.content))

    def without_marker(response):
        return {k: v for k, v in response.headers.items() if k != "X-Page-Cache"}

    assert without_marker(hit) == without_marker(miss)


@pytest.mark.django_db
def test_a_renamed_news_category_shows_at_once(client):
    from iagrai_cms.models import ArticleCategory

    category = ArticleCategory.objects.filter(articles__live=True).first()
    client.get("/tin-tuc/")
    assert client.get("/tin-tuc/")["X-Page-Cache"] == "hit"
    category.name = "Chuyên mục vừa đổi tên"
    category.save()
    response = client.get("/tin-tuc/")
    assert response["X-Page-Cache"] == "miss"
    assert "Chuyên mục vừa đổi tên" in response.content.decode()
