"""The public channel as a citizen uses it on a phone (390x844) and a desktop (1366x768):
every main-menu item visible or one control away, a way to the report form in the first
screen or one tap away, the register's results in the first screen after filtering on the
phone, share buttons, and accessibility checks by axe-core on each public page (one h1, a
title, lang="vi", labelled fields, no contrast failure). Issue 15."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_RULES = [
    "color-contrast",
    "label",
    "select-name",
    "button-name",
    "link-name",
    "image-alt",
    "document-title",
    "html-has-lang",
    "html-lang-valid",
    "page-has-heading-one",
]
ARTICLE = "/tin-tuc/cong-an-huyen-canh-bao-thu-doan-lua-dao-qua-mang-xa-hoi/"


def _menu_items_reachable(page, label: str) -> None:
    nav = page.locator("#site-nav")
    items = nav.locator(".site-nav__list a")
    count = items.count()
    assert count >= 5, label
    toggle = nav.locator(".site-nav__toggle")
    if toggle.is_visible():
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()  # the one control
        expect(toggle).to_have_attribute("aria-expanded", "true")
    viewport = page.viewport_size
    for index in range(count):
        item = items.nth(index)
        expect(item).to_be_visible()
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (label, index)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], (label, width)
    page.screenshot("menu")


def _keyboard_focus_stays_on_screen(page, label: str) -> None:
    page.goto("/")
    viewport = page.viewport_size
    for _ in range(12):
        page.keyboard.press("Tab")
        box = page.evaluate(
            "(() => { const r = document.activeElement.getBoundingClientRect();"
            " return {x: r.x, w: r.width, outline: getComputedStyle(document.activeElement)"
            ".outlineStyle}; })()"
        )
        if box["w"]:
            assert 0 <= box["x"] and box["x"] + box["w"] <= viewport["width"], (label, box)
            assert box["outline"] != "none", (label, box)


def _report_link_in_first_screen(page, label: str) -> None:
    page.goto("/")
    cta = page.locator("main a[href='/phan-anh/']").first
    expect(cta).to_be_visible()
    box = cta.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"], (label, box)
    expect(page.locator("footer a[href='/phan-anh/']")).to_have_count(1)


def _register_results_first_on_phone(page) -> None:
    page.goto("/van-ban/")
    box = page.locator("#bo-loc")
    expect(box).not_to_have_attribute("open", "")
    page.locator("#bo-loc summary").click()
    page.select_option("#f-loai", "cong_van")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page.locator("#bo-loc summary")).to_contain_text("1 đang áp dụng")
    first_row = page.locator("table.register tbody tr").first
    expect(first_row).to_be_visible()
    assert first_row.bounding_box()["y"] < page.viewport_size["height"] - 60
    page.screenshot("register-filtered")


def _share_buttons(page) -> None:
    page.goto(ARTICLE)
    share = page.locator(".share")
    expect(share.get_by_role("link", name="Facebook")).to_be_visible()
    expect(share.get_by_role("link", name="Zalo")).to_be_visible()
    expect(share.get_by_role("button", name="Sao chép liên kết")).to_be_visible()
    page.screenshot("share")


def _axe(page, paths: list[str], label: str) -> list[str]:
    problems = []
    # Injected by the browser itself before each page's own scripts: the pages' CSP
    # (script-src 'self') rightly refuses an inline <script> added by the test.
    page.add_init_script(path=str(AXE))
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, (label, path)
        assert page.locator("html").get_attribute("lang") == "vi", path
        assert page.locator("h1").count() == 1, (label, path)
        assert page.title().strip(), path
        result = page.evaluate(
            "rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", AXE_RULES
        )
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{label} {path}: {violation['id']} {targets}")
    return problems


def test_a_citizen_reaches_every_function(demo_site, page_factory):
    from conduct_app.models import IncidentReport
    from directives_app.models import DirectivePage

    directive = DirectivePage.objects.live().first().url
    # As people type it: lower case, spaces instead of dots.
    code = IncidentReport.objects.first().code.lower().replace(".", " ")
    paths = [
        "/",
        "/van-ban/",
        "/van-ban/?loai=cong_van",
        directive,
        "/tin-tuc/",
        ARTICLE,
        "/phan-anh/",
        f"/phan-anh/tra-cuu/?ma={code.replace(' ', '+')}",
        "/quy-tac-ung-xu/",
        "/tim-kiem/?q=mang+xa+hoi",
    ]
    problems: list[str] = []
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = page_factory(viewport, label=label)
        page.goto("/")
        _menu_items_reachable(page, label)
        _keyboard_focus_stays_on_screen(page, label)
        _report_link_in_first_screen(page, label)
        if label == "phone":
            _register_results_first_on_phone(page)
        _share_buttons(page)
        problems += _axe(page, paths, label)
        page.assert_no_third_party_requests()
    assert problems == []
