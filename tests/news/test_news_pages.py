"""The public news: index, categories, commune sections, article page with its pictures
and share card, feeds, sitemap, API, search, home page; query counts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iagrai_cms.models import ArticleCategory, ArticlePage

PENDING_DEMO_TITLE = "Xã Ia Bă tổ chức ngày hội Đại đoàn kết toàn dân tộc"
DEMO_TITLE = "Công an huyện cảnh báo thủ đoạn lừa đảo qua mạng xã hội"
DEMO_URL = "/tin-tuc/cong-an-huyen-canh-bao-thu-doan-lua-dao-qua-mang-xa-hoi/"


def meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.mark.django_db
def test_index_lists_live_articles_newest_first_and_hides_pending(client):
    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'<h2 class="news-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles[0] == "Ia Grai triển khai Bộ quy tắc ứng xử trên mạng xã hội đến toàn thể cán bộ"
    assert DEMO_TITLE in titles
    assert PENDING_DEMO_TITLE not in html
    assert len(titles) == ArticlePage.objects.live().count()
    # Feeds are advertised; the categories and the communes' sections are linked.
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html
    assert 'href="/tin-tuc/chuyen-muc/chuyen-doi-so/"' in html
    assert 'href="/tin-tuc/xa-ia-ba/"' in html


@pytest.mark.django_db
def test_index_pictures_webp_with_sizes_and_lazy_below_the_fold(client, make_article, make_image):
    for number in range(4):
        make_article(f"Tin có ảnh số {number}", image=make_image(f"Ảnh {number}"))
    html = client.get("/tin-tuc/").content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == ArticlePage.objects.live().exclude(image=None).count()
    for index, picture in enumerate(pictures):
        assert 'type="image/webp"' in picture
        assert re.search(r'<img [^>]*width="400"', picture)
        assert re.search(r'<img [^>]*height="225"', picture)
        assert ('loading="lazy"' in picture) == (index >= 3), index  # first row loads at once


@pytest.mark.django_db
def test_index_pagination_and_bad_page_numbers(client, make_article):
    for number in range(12):
        make_article(f"Tin phân trang {number:02d}")
    total = ArticlePage.objects.live().count()
    first = client.get("/tin-tuc/").content.decode()
    second = client.get("/tin-tuc/?trang=2").content.decode()
    assert "Trang 1/2" in first and 'rel="next" href="?trang=2"' in first
    assert second.count('class="news-card"') == total - 12
    assert client.get("/tin-tuc/?trang=abc").status_code == 200  # treated as page 1
    assert "Trang 2/2" in client.get("/tin-tuc/?trang=999").content.decode()


@pytest.mark.django_db
def test_category_page_and_unknown_category(client):
    response = client.get("/tin-tuc/chuyen-muc/an-ninh-trat-tu/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>An ninh – Trật tự</h1>" in html
    listing = html.split('<aside class="news-aside"')[0]  # "most read" shows every category
    assert DEMO_TITLE in listing
    assert "Nông dân Ia Grai thu hoạch cà phê" not in listing
    canonical = (
        '<link rel="canonical" href="http://testserver/tin-tuc/chuyen-muc/an-ninh-trat-tu/">'
    )
    assert canonical in html
    missing = client.get("/tin-tuc/chuyen-muc/khong-co/")
    assert missing.status_code == 404
    assert '<html lang="vi">' in missing.content.decode()


@pytest.mark.django_db
def test_commune_section_lists_only_its_articles(client, make_article, section):
    make_article("Tin riêng của xã Ia O", parent=section("xa-ia-o"))
    html = client.get("/tin-tuc/xa-ia-ba/").content.decode()
    assert "Xã Ia Bă ra mắt kênh Zalo cung cấp thông tin cho người dân" in html
    assert "Tin riêng của xã Ia O" not in html and DEMO_TITLE not in html
    assert PENDING_DEMO_TITLE not in html
    assert "Tin riêng của xã Ia O" in client.get("/tin-tuc/xa-ia-o/").content.decode()


@pytest.mark.django_db
def test_article_page_content_picture_and_share_card(client):
    response = client.get(DEMO_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{DEMO_TITLE}</h1>" in html
    assert 'class="lead article__summary"' in html
    hero = re.search(r'<figure class="figure article__image">(.*?)</figure>', html, re.S).group(1)
    assert 'type="image/webp"' in hero and 'fetchpriority="high"' in hero
    assert 'loading="lazy"' not in hero  # the hero is the largest thing on screen
    assert re.search(r'width="480"[^>]*>|<img[^>]*width="480"', hero)

    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == DEMO_TITLE
    assert meta(html, "og:description").startswith("Đối tượng giả danh cơ quan nhà nước")
    image_url = meta(html, "og:image")
    assert image_url.startswith("http://testserver/media/images/")
    assert image_url.endswith(".fill-1200x630.format-jpeg.jpegquality-82.jpg")
    assert meta(html, "twitter:image") == image_url
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "og:image:type") == "image/jpeg"
    assert meta(html, "article:section") == "An ninh – Trật tự"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*", meta(html, "article:published_time"))

    article = ArticlePage.objects.get(title=DEMO_TITLE)
    rendition = article.image.get_rendition("fill-1200x630|format-jpeg|jpegquality-82")
    assert rendition.file.storage.exists(rendition.file.name)
    assert (rendition.width, rendition.height) == (1200, 630)
    # The view counter's script, with the beacon of this article.
    assert f'data-view-url="/luot-xem/{article.pk}/"' in html


@pytest.mark.django_db
def test_article_without_picture_shares_the_site_card(client, make_article):
    article = make_article("Thông báo lịch tiếp công dân tháng 12")
    html = client.get(article.url).content.decode()
    assert meta(html, "og:image") == "http://testserver/static/img/share-card.png"
    assert "<picture>" not in html.split('<main id="noi-dung"')[1].split("Tin cùng chuyên mục")[0]


@pytest.mark.django_db
def test_article_body_pictures_are_lazy_and_captioned(client, make_article, make_image):
    image = make_image("Ảnh trong bài", 1200, 800)
    article = make_article(
        "Tin có ảnh trong bài",
        body=[
            ("paragraph", "<p>Mở đầu.</p>"),
            (
                "figure",
                {
                    "image": {"image": image, "alt_text": "Hội nghị", "decorative": False},
                    "caption": "Quang cảnh hội nghị",
                },
            ),
            ("quote", {"text": "Dừng lại trước khi chia sẻ.", "source": "Khẩu hiệu"}),
        ],
    )
    html = client.get(article.url).content.decode()
    figure = re.search(r'<figure class="figure">(.*?)</figure>', html, re.S).group(1)
    assert 'loading="lazy"' in figure and 'type="image/webp"' in figure
    assert 'alt="Hội nghị"' in figure
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in figure
    assert "Dừng lại trước khi chia sẻ." in html


@pytest.mark.django_db
def test_rss_and_atom_feeds(client):
    rss = client.get("/tin-tuc/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    items = channel.findall("item")
    titles = [item.findtext("title") for item in items]
    assert DEMO_TITLE in titles and PENDING_DEMO_TITLE not in titles
    assert "http://testserver" + DEMO_URL in [item.findtext("link") for item in items]
    atom = client.get("/tin-tuc/atom/")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(atom.content).findall("a:entry", namespace)
    assert len(entries) == len(items)


@pytest.mark.django_db
def test_sitemap_lists_articles_but_not_pending_ones(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert DEMO_URL + "</loc>" in xml
    assert "/tin-tuc/xa-ia-ba/</loc>" in xml
    pending = ArticlePage.objects.get(title=PENDING_DEMO_TITLE)
    assert pending.slug not in xml


@pytest.mark.django_db
def test_api_exposes_articles_for_open_data(client):
    response = client.get(
        "/api/v2/pages/?type=iagrai_cms.ArticlePage"
        "&fields=date,summary,category_name,source_unit_name,image_share&order=-date"
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert {item["title"] for item in items} == set(
        ArticlePage.objects.live().values_list("title", flat=True)
    )
    zalo = next(item for item in items if "kênh Zalo" in item["title"])
    assert zalo["source_unit_name"] == "Xã Ia Bă"
    assert zalo["category_name"] == "Chuyển đổi số"
    assert zalo["image_share"]["width"] == 1200 and zalo["image_share"]["height"] == 630


@pytest.mark.django_db
def test_search_finds_articles_without_accents(client):
    html = client.get("/tim-kiem/?q=canh+bao+lua+dao").content.decode()
    assert DEMO_TITLE in html


@pytest.mark.django_db
def test_home_page_shows_latest_news(client):
    html = client.get("/").content.decode()
    section = html.split(">Tin tức</a></h2>")[1].split("</section>")[0]
    assert "Ia Grai triển khai Bộ quy tắc ứng xử" in section
    assert PENDING_DEMO_TITLE not in section


@pytest.mark.django_db
def test_category_snippet_gets_vietnamese_slug_and_refuses_duplicates(client_for):
    board = client_for("banbientap")
    response = board.post(
        "/admin/snippets/iagrai_cms/articlecategory/add/",
        {"name": "Đời sống – Đoàn thể", "slug": "", "description": "", "sort_order": "9"},
    )
    assert response.status_code == 302
    assert ArticleCategory.objects.get(name="Đời sống – Đoàn thể").slug == "doi-song-doan-the"
    again = board.post(
        "/admin/snippets/iagrai_cms/articlecategory/add/",
        {"name": "Đời sống – Đoàn thể", "slug": "", "description": "", "sort_order": "9"},
    )
    assert again.status_code == 400
    [error] = again.context["form"].errors["name"]
    # "Đã có Chuyên mục tin với Tên chuyên mục này." (wording from the project catalogue)
    assert "tên chuyên mục" in error.lower() and "already" not in error
    assert ArticleCategory.objects.filter(name="Đời sống – Đoàn thể").count() == 1
    # Editors and commune officers pick categories; they do not manage them.
    assert client_for("bientap").get("/admin/snippets/iagrai_cms/articlecategory/").status_code in (
        302,
        403,
    )


def _count_queries(client, url: str) -> int:
    client.get(url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_index_queries_do_not_grow_with_articles(client, settings, make_article, make_image):
    settings.PAGE_CACHE_SECONDS = 0
    before = _count_queries(client, "/tin-tuc/")
    for number in range(6):
        make_article(f"Tin đếm truy vấn {number}", image=make_image(f"Ảnh truy vấn {number}"))
    after = _count_queries(client, "/tin-tuc/")
    assert after == before
    assert after <= 16


@pytest.mark.django_db
def test_article_queries_do_not_grow_with_related_articles(
    client, settings, make_article, make_image
):
    settings.PAGE_CACHE_SECONDS = 0
    category = ArticleCategory.objects.get(name="An ninh – Trật tự")
    make_article("Tin an ninh liên quan 0", category=category, image=make_image("Ảnh 0"))
    before = _count_queries(client, DEMO_URL)
    for number in range(1, 3):
        make_article(f"Tin an ninh liên quan {number}", category=category, image=make_image("Ả"))
    after = _count_queries(client, DEMO_URL)
    assert after == before
    assert after <= 20  # incl. its tags and, for their links, the news index


@pytest.mark.django_db
def test_preview_of_a_draft_does_not_count_views(client_for):
    pending = ArticlePage.objects.get(title=PENDING_DEMO_TITLE)
    response = client_for("banbientap").get(f"/admin/pages/{pending.pk}/view_draft/")
    assert response.status_code == 200
    html = response.content.decode()
    assert PENDING_DEMO_TITLE in html
    assert "article-views.js" not in html


@pytest.mark.django_db
def test_tags_have_vietnamese_slugs_and_their_own_listing(client):
    html = client.get(DEMO_URL).content.decode()
    assert '<a href="/tin-tuc/the/lua-dao-truc-tuyen/">lừa đảo trực tuyến</a>' in html
    listing = client.get("/tin-tuc/the/chuyen-doi-so/")  # "đổi" keeps its d
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "<h1>Thẻ “chuyển đổi số”</h1>" in page
    main = page.split('<aside class="news-aside"')[0]
    assert "Xã Ia Bă ra mắt kênh Zalo cung cấp thông tin cho người dân" in main
    assert DEMO_TITLE not in main
    assert client.get("/tin-tuc/the/khong-co-the-nay/").status_code == 404


@pytest.mark.django_db
def test_search_finds_articles_by_their_tags(client):
    # "an toàn thông tin" is only a tag of this article, not in its text.
    html = client.get("/tim-kiem/?q=an+toan+thong+tin").content.decode()
    assert DEMO_TITLE in html


@pytest.mark.django_db
def test_editor_tags_an_article_in_the_admin(client_for, news_index, article_form):
    editor = client_for("bientap")
    _response, data = article_form(
        editor, news_index, "Làm đường giao thông nông thôn", tags="Đường giao thông, nông thôn mới"
    )
    data["action-submit"] = "1"
    response = editor.post(f"/admin/pages/add/iagrai_cms/articlepage/{news_index.pk}/", data)
    assert response.status_code == 302
    article = ArticlePage.objects.get(title="Làm đường giao thông nông thôn")
    revision = article.get_latest_revision_as_object()
    assert sorted(tag.slug for tag in revision.tags.all()) == ["duong-giao-thong", "nong-thon-moi"]
