"""A leader exports the dashboard: the request returns at once to a status page, which
offers the file when the worker (the immediate backend here) has built it."""

from __future__ import annotations

import pytest

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.mark.e2e
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_leader_exports_csv_and_downloads_it(demo_site, page_factory, viewport):
    page = page_factory(viewport)
    page.goto("/admin/login/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", "iagrai-demo")
    page.click("button[type=submit]")
    page.goto("/admin/tien-do/?export=csv")
    assert "/admin/tep/" in page.url
    page.get_by_text("Tệp đã sẵn sàng.").wait_for()
    page.screenshot("san-sang")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải về").click()
    download = download_info.value
    assert download.suggested_filename.startswith("tien-do-thuc-hien-")
    assert download.suggested_filename.endswith(".csv")
    page.assert_no_console_errors()
