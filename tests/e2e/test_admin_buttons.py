"""Our own admin buttons carry Wagtail's icons at Wagtail's size.

Wagtail 8 sizes an icon only inside the components that style it (`.button.bicolor`, the
footer's actions, the header's buttons); an icon placed in a plain `.button` is drawn at
the SVG default, 300 × 150 px, and pushes the label off the screen. These are the screens
where our templates put icons in buttons, as their people open them."""

from __future__ import annotations

import pytest

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# Wagtail's own sidebar keeps large icons in its closed submenus (not visible).
OVERSIZED = """() => [...document.querySelectorAll('main svg.icon, .w-header svg.icon')]
    .filter((icon) => icon.getBoundingClientRect().width > 40)
    .map((icon) => icon.getAttribute('class'))"""
SCREENS = [
    ("lanhdao", "/admin/", "Mở bảng tiến độ đầy đủ"),
    ("lanhdao", "/admin/tien-do/", "Tải XLSX"),
    ("vanthu", "/admin/van-ban/nhap/", "Đọc văn bản"),
]


@pytest.mark.e2e
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(("username", "path", "label"), SCREENS, ids=[s[1] for s in SCREENS])
def test_button_icons_are_button_sized(demo_site, page_factory, viewport, username, path, label):
    page = page_factory(viewport, label=username)
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "iagrai-demo")
    page.click("button[type=submit]")
    page.goto(path)
    button = page.get_by_text(label).first
    button.wait_for()
    assert page.evaluate(OVERSIZED) == []
    # The label is on the screen, not pushed past its right edge by an icon.
    box = button.bounding_box()
    assert box is not None and box["x"] + min(box["width"], 60) <= viewport["width"]
    page.screenshot("buttons")
