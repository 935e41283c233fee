"""A visitor on a phone and on a desktop: the home page, then the header search box.

Both viewports run in one test (one browser context each): every browser test reloads
the demo data (`demo_site`), which costs more than the journey itself.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

DEMO_PAGE_TITLE = "Quản lý thông tin trên Internet, mạng xã hội"
QUERY = "quan ly thong tin"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def test_home_then_search_without_accents(demo_site, page_factory):
    for label, viewport in VIEWPORTS.items():
        page = page_factory(viewport, label=label)
        _journey(page, viewport, label)


def _journey(page, viewport: dict, label: str) -> None:
    response = page.goto("/")
    assert response is not None and response.status == 200, (label, response and response.status)
    assert page.locator("html").get_attribute("lang") == "vi", label
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator("main h1")).to_be_visible()
    assert page.locator("h1").count() == 1, f"{label}: the home page should have one h1"
    _assert_no_horizontal_scroll(page, viewport, label)
    page.screenshot("home")

    search_box = page.get_by_role("search").locator("input[name='q']")
    expect(search_box).to_be_visible()
    search_box.fill(QUERY)
    page.screenshot("query-typed")
    with page.expect_navigation():
        search_box.press("Enter")

    assert re.search(r"/tim-kiem/\?q=quan\+ly\+thong\+tin$", page.url), (label, page.url)
    expect(page.locator("main h1")).to_be_visible()
    # Exact name: demo directives have longer titles that contain this one.
    results = page.locator("ol.search-results")
    result = results.get_by_role("link", name=DEMO_PAGE_TITLE, exact=True)
    expect(result).to_have_count(1)
    expect(page.locator("main input[name='q']")).to_have_value(QUERY)
    _assert_no_horizontal_scroll(page, viewport, label)
    page.screenshot("results")

    with page.expect_navigation():
        result.click()
    expect(page.locator("main h1")).to_have_text(DEMO_PAGE_TITLE)
    _assert_no_horizontal_scroll(page, viewport, label)
    page.screenshot("result-page")

    page.assert_no_console_errors()
    page.assert_no_third_party_requests()  # the public site loads nothing from elsewhere


def _assert_no_horizontal_scroll(page, viewport: dict, label: str) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= viewport["width"], (
        f"{label}: {page.url} is {scroll_width}px wide in a {viewport['width']}px viewport"
    )
