"""The most-read counter: no cookies, robots ignored, once per visitor per article per day,
still counting when the article page comes from the page cache, nothing stored raw."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from iagrai_cms.models import ArticleDailyViews, ArticlePage, ArticleViewMark
from iagrai_cms.news import readership

PHONE = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"
DEMO_URL = "/tin-tuc/cong-an-huyen-canh-bao-thu-doan-lua-dao-qua-mang-xa-hoi/"


@pytest.fixture
def article(db) -> ArticlePage:
    return ArticlePage.objects.get(
        url_path__endswith="/cong-an-huyen-canh-bao-thu-doan-lua-dao-qua-mang-xa-hoi/"
    )


@pytest.fixture(autouse=True)
def _no_demo_views(db):
    # The demo seeds figures for the "most read" box; these tests count from zero.
    ArticleDailyViews.objects.all().delete()


def beacon(
    client: Client, article: ArticlePage, user_agent: str = PHONE, ip="203.0.113.5", **headers
):
    return client.post(
        f"/luot-xem/{article.pk}/", HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip, **headers
    )


def views(article: ArticlePage) -> int:
    return article.daily_views.aggregate(total=Sum("views"))["total"] or 0


@pytest.mark.django_db
def test_once_per_visitor_per_article_per_day(client, article, make_article):
    response = beacon(client, article)
    assert response.status_code == 204
    assert not response.cookies  # no cookie, ever
    assert views(article) == 1
    assert beacon(client, article).status_code == 204  # reload: not counted again
    assert views(article) == 1
    beacon(client, article, user_agent=DESKTOP)  # another browser at the same address
    beacon(client, article, ip="203.0.113.99")  # another address
    assert views(article) == 3
    other = make_article("Tin khác")
    beacon(client, other)  # the same visitor reading another article counts there
    assert (views(article), views(other)) == (3, 1)


@pytest.mark.django_db
def test_counts_when_the_page_comes_from_the_cache(client, article):
    assert client.get(DEMO_URL)["X-Page-Cache"] == "miss"
    cached = client.get(DEMO_URL, HTTP_USER_AGENT=PHONE)
    assert cached["X-Page-Cache"] == "hit"
    # The cached copy carries the beacon; the beacon itself is never cached.
    assert f'data-view-url="/luot-xem/{article.pk}/"' in cached.content.decode()
    first = beacon(client, article, ip="198.51.100.1")
    second = beacon(client, article, ip="198.51.100.2")
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert "no-cache" in first["Cache-Control"] or "max-age=0" in first["Cache-Control"]
    assert views(article) == 2


@pytest.mark.django_db
def test_beacon_works_without_csrf_token_or_cookies(article):
    client = Client(enforce_csrf_checks=True)  # a visitor of a cached page has no token
    assert beacon(client, article).status_code == 204
    assert views(article) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Zalo-Server/1.0",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.31.0",
        "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
    ],
)
def test_robots_are_not_counted(client, article, user_agent):
    assert beacon(client, article, user_agent=user_agent).status_code == 204
    assert views(article) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    [
        # Zalo's and Facebook's in-app browsers, Cốc Cốc, a CUBOT phone: people.
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
        "like Gecko) Mobile/15E148 Zalo iOS/546 ZaloTheme/light ZaloLanguage/vn",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
        "like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/442.0.0.40.111;FBBV/548839005]",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "coc_coc_browser/118.0.222 Chrome/112.0.5615.222 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36",
    ],
)
def test_real_browsers_are_counted(client, article, user_agent):
    beacon(client, article, user_agent=user_agent)
    assert views(article) == 1


@pytest.mark.django_db
def test_prefetch_and_staff_are_not_counted(client_for, client, article):
    beacon(client, article, HTTP_SEC_PURPOSE="prefetch")
    assert views(article) == 0
    editor = client_for("bientap")  # editors reading their own articles
    assert beacon(editor, article).status_code == 204
    assert views(article) == 0


@pytest.mark.django_db
def test_next_day_counts_again_and_forgets_the_marks(client, article, monkeypatch):
    today = [datetime.date(2026, 3, 1)]
    monkeypatch.setattr(readership.timezone, "localdate", lambda: today[0])
    beacon(client, article)
    beacon(client, article)
    assert ArticleViewMark.objects.filter(day=datetime.date(2026, 3, 1)).count() == 1
    today[0] = datetime.date(2026, 3, 2)
    beacon(client, article)  # the next morning
    rows = dict(article.daily_views.values_list("day", "views"))
    assert rows == {datetime.date(2026, 3, 1): 1, datetime.date(2026, 3, 2): 1}
    # The previous day's marks are gone once the new day is counted.
    assert set(ArticleViewMark.objects.values_list("day", flat=True)) == {datetime.date(2026, 3, 2)}


@pytest.mark.django_db
def test_address_and_browser_are_never_stored(client, article, settings):
    ip, user_agent = "198.51.100.77", "Mozilla/5.0 DistinctBrowser/9.9"
    beacon(client, article, user_agent=user_agent, ip=ip)
    mark = ArticleViewMark.objects.get()
    stored = " ".join(
        str(value)
        for model in (ArticleViewMark, ArticleDailyViews)
        for row in model.objects.values()
        for value in row.values()
    )
    assert ip not in stored and "DistinctBrowser" not in stored
    plain = f"{ip}\n{user_agent}\n{article.pk}".encode()
    assert mark.digest not in {
        hashlib.sha256(plain).hexdigest(),
        hashlib.sha256(ip.encode()).hexdigest(),
    }
    # Keyed by the secret and the date: tomorrow, or with another secret, another value.
    today = mark.day
    assert readership.visitor_digest(today, ip, user_agent, article.pk) == mark.digest
    tomorrow = today + datetime.timedelta(days=1)
    assert readership.visitor_digest(tomorrow, ip, user_agent, article.pk) != mark.digest
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert readership.visitor_digest(today, ip, user_agent, article.pk) != mark.digest


@pytest.mark.django_db
def test_visitors_behind_the_trusted_proxy_are_told_apart(client, article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    beacon(client, article, ip=proxy, HTTP_X_FORWARDED_FOR="113.160.1.1")
    beacon(client, article, ip=proxy, HTTP_X_FORWARDED_FOR="113.160.1.2")
    # A client writing its own X-Forwarded-For does not become someone else.
    beacon(client, article, ip=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 113.160.1.2")
    assert views(article) == 2


@pytest.mark.django_db
def test_wrong_method_and_unknown_or_unpublished_article(client, article):
    response = client.get(f"/luot-xem/{article.pk}/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "Chỉ nhận yêu cầu POST." in response.content.decode()
    missing = client.post("/luot-xem/999999/", HTTP_USER_AGENT=PHONE)
    assert missing.status_code == 404 and "Không có tin bài này." in missing.content.decode()
    pending = ArticlePage.objects.get(live=False)
    assert beacon(client, pending).status_code == 404
    assert ArticleViewMark.objects.count() == 0 and ArticleDailyViews.objects.count() == 0


@pytest.mark.django_db
def test_most_read_box_follows_the_counts_of_the_last_seven_days(client, settings, make_article):
    settings.PAGE_CACHE_SECONDS = 0
    first, second, third = (make_article(f"Tin đọc nhiều {n}") for n in (1, 2, 3))
    for n in range(3):
        beacon(client, third, ip=f"203.0.113.{n}")
    for n in range(2):
        beacon(client, first, ip=f"203.0.113.{n}")
    beacon(client, second)
    old = make_article("Tin cũ được đọc nhiều")
    ArticleDailyViews.objects.create(
        article=old, day=timezone.localdate() - datetime.timedelta(days=8), views=500
    )
    html = client.get("/tin-tuc/").content.decode()
    box = html.split('<ol class="most-read">')[1].split("</ol>")[0]
    positions = [box.index(page.title) for page in (third, first, second)]
    assert positions == sorted(positions)
    assert old.title not in box


@pytest.mark.django_db
def test_beacon_query_count(client, article):
    with CaptureQueriesContext(connection) as first:
        beacon(client, article, ip="203.0.113.50")
    with CaptureQueriesContext(connection) as second:
        beacon(client, article, ip="203.0.113.51")
    with CaptureQueriesContext(connection) as repeat:
        beacon(client, article, ip="203.0.113.51")
    # First of the day: exists, mark, update, create the row, purge; then: exists, mark,
    # update; a repeat: exists, mark refused. (Savepoints count as queries here.)
    assert len(first) <= 9, [q["sql"] for q in first]
    assert len(second) <= 6, [q["sql"] for q in second]
    assert len(repeat) <= 5, [q["sql"] for q in repeat]
