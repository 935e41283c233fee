"""A visitor filters the register, opens the seed letter and downloads its PDF."""

from __future__ import annotations

import re

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


def test_visitor_filters_register_and_downloads_pdf(demo_site, page_factory):
    page = page_factory(PHONE, label="phone")
    page.goto("/van-ban/")
    expect(page.get_by_role("heading", name="Văn bản chỉ đạo, điều hành")).to_be_visible()
    # On a phone the filters fold into one "Bộ lọc" control (issue 15 item 2).
    page.locator("#bo-loc summary").click()
    page.locator("#f-nam").select_option("2021")
    page.locator("#f-loai").select_option("cong_van")
    page.locator("#f-q").fill("mang xa hoi")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    assert re.search(r"nam=2021", page.url) and "loai=cong_van" in page.url
    rows = page.locator("table.register tbody tr")
    expect(rows).to_have_count(2)
    page.screenshot("filtered")

    with page.expect_navigation():
        page.get_by_role("link", name="972/UBND-VHTT").first.click()
    expect(page.locator("h1")).to_contain_text("V/v tăng cường quản lý thông tin")
    expect(page.locator("main")).to_contain_text("3. Công an huyện")
    page.screenshot("letter")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bản PDF").click()
    download = info.value
    assert download.suggested_filename == "972-UBND-VHTT.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.assert_no_console_errors()
