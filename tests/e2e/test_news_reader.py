"""Two citizens read the news on their phones: the listing and the article load WebP
pictures; each reading is counted once, also when the article comes from the page cache."""

from __future__ import annotations

import time

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
# Headless Chromium says "HeadlessChrome", which the counter ignores as a robot: these
# readers present themselves as the phones they stand for.
READERS = {
    "reader-a": "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
    "reader-b": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Zalo iOS/546 ZaloTheme/light ZaloLanguage/vn",
}


def _views_today(article) -> int:
    from django.utils import timezone

    row = article.daily_views.filter(day=timezone.localdate()).first()
    return row.views if row else 0


def _wait_for_views(article, expected: int) -> int:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if _views_today(article) == expected:
            return expected
        time.sleep(0.1)
    return _views_today(article)


def _reader(page_factory, label: str):
    page = page_factory(PHONE, label=label)
    page.context.set_extra_http_headers({"User-Agent": READERS[label]})
    return page


def test_readers_see_pictures_and_are_counted_once_each(demo_site, page_factory):
    from iagrai_cms.models import ArticlePage

    first = _reader(page_factory, "reader-a")
    response = first.goto("/tin-tuc/")
    assert response is not None and response.status == 200
    expect(first.locator("main h1")).to_have_text("Tin tức")
    cards = first.locator("article.news-card")
    expect(cards.first).to_be_visible()
    first_image = cards.first.locator("img")
    expect(first_image).to_have_js_property("complete", True)
    assert first_image.evaluate("img => img.currentSrc").endswith(".webp")
    assert first_image.get_attribute("loading") is None  # above the fold: at once
    assert cards.nth(3).locator("img").get_attribute("loading") == "lazy"
    assert first.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first.screenshot("news-index")

    title = cards.first.locator("h2 a").inner_text()
    article = ArticlePage.objects.get(title=title)
    before = _views_today(article)
    with first.expect_navigation():
        cards.first.locator("h2 a").click()
    expect(first.locator("main h1")).to_have_text(title)
    hero = first.locator("figure.article__image img")
    expect(hero).to_have_js_property("complete", True)
    assert hero.evaluate("img => img.naturalWidth") > 0
    assert hero.evaluate("img => img.currentSrc").endswith(".webp")
    og_image = first.locator('meta[property="og:image"]').get_attribute("content")
    assert ".fill-1200x630.format-jpeg" in og_image
    assert first.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first.screenshot("article")
    assert _wait_for_views(article, before + 1) == before + 1

    # Reading it again the same day does not count again (the page is now a cache hit).
    again = first.reload()
    assert again.headers.get("x-page-cache") == "hit"
    first.wait_for_timeout(500)
    assert _views_today(article) == before + 1

    # Another reader, served from the cache, counts.
    second = _reader(page_factory, "reader-b")
    response = second.goto(article.url)
    assert response.headers.get("x-page-cache") == "hit"
    assert _wait_for_views(article, before + 2) == before + 2

    for page in (first, second):
        page.assert_no_console_errors()
        page.assert_no_third_party_requests()
