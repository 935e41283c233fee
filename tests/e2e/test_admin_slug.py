"""An editor adds a page with a Vietnamese title in the Wagtail admin.

The slug widget (directives_app.core.pages.VietnameseSlugInput) is meant to prefill an ASCII
slug that keeps every letter: "Đẩy mạnh tuyên truyền" → `day-manh-tuyen-truyen`, as
`slugify_vi` does on the server.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

TITLE = "Đẩy mạnh tuyên truyền"
SLUG = "day-manh-tuyen-truyen"
ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_new_page_slug_from_vietnamese_title(demo_site, page):
    """Log in, add a "Trang thông tin" under home, type the title, save a draft: the
    editor prefills the slug and the server stores that slug."""
    from iagrai_cms.models import StandardPage

    home = demo_site["home"]
    _log_in(page, "admin", demo_site["password"])

    response = page.goto(f"/admin/pages/add/iagrai_cms/standardpage/{home.pk}/")
    assert response is not None and response.status == 200, response and response.status
    title = page.locator("input[name='title']")
    expect(title).to_be_visible()
    title.click()
    title.press_sequentially(TITLE)  # key by key: the slug follows the title's keyups
    title.blur()
    expect(title).to_have_value(TITLE)

    # The slug field is on the "Promote" tab ("Quảng bá"); it is filled wherever it is.
    slug = page.locator("input[name='slug']")
    expect(slug).not_to_have_value("")
    prefilled = slug.input_value()
    assert ASCII_SLUG.match(prefilled), f"prefilled slug is not an ASCII slug: {prefilled!r}"
    _show_slug(page, slug)
    page.screenshot("slug-prefilled")

    with page.expect_navigation():
        page.locator("button.action-save:visible").click()  # "Save draft"
    assert re.search(r"/admin/pages/\d+/edit/", page.url), f"draft not saved: {page.url}"
    page.screenshot("draft-saved")

    saved = StandardPage.objects.child_of(home).get(draft_title=TITLE)
    assert saved.slug == prefilled
    assert not saved.live
    page.assert_no_console_errors()

    assert prefilled == SLUG  # the admin's prefill gives the server's slug


def _log_in(page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    page.screenshot("login")
    with page.expect_navigation():
        page.locator("form button[type='submit']").first.click()
    assert "/admin/login/" not in page.url, f"login as {username} failed: {page.url}"
    page.screenshot("dashboard")


def _show_slug(page, slug) -> None:
    """Open the tab that holds the slug field, so that the screenshot shows it."""
    if slug.is_visible():
        return
    panel_id = slug.locator("xpath=ancestor::*[@role='tabpanel'][1]").get_attribute("id")
    page.locator(f"[role='tab'][aria-controls='{panel_id}']").first.click()
    expect(slug).to_be_visible()
