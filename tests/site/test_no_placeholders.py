"""No public page of the demo shows a placeholder (issue 15, item 4): every live public
page, the routes of routable pages, feeds and the sitemap are scanned, in their visible
text and in the attributes people and crawlers read (title, alt, content, placeholder,
aria-label, value)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from wagtail.models import Page

from conduct_app.models import IncidentReport

# "None" and "undefined" are what a template or a script prints for a missing value.
PLACEHOLDERS = re.compile(r"chưa xác nhận|\bTODO\b|lorem|\bundefined\b|\bnull\b", re.IGNORECASE)
CASED = re.compile(r"\bNone\b|\bNaN\b")
ATTRIBUTES = {"title", "alt", "content", "placeholder", "aria-label", "value", "label"}
EXTRA_PATHS = [
    "/van-ban/?q=quan+ly",
    "/van-ban/rss/",
    "/tin-tuc/rss/",
    "/tin-tuc/atom/",
    "/tim-kiem/?q=mang+xa+hoi",
    "/phan-anh/tra-cuu/",
    "/sitemap.xml",
]


class _Readable(HTMLParser):
    """Visible text and read attributes; script and style bodies are not text."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(value or "" for name, value in attrs if name in ATTRIBUTES)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def readable(body: str) -> str:
    parser = _Readable()
    parser.feed(body)
    return "\n".join(parser.parts)


def public_paths() -> list[str]:
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    paths = [page.url for page in pages if page.url]
    report = IncidentReport.objects.order_by("pk").first()
    if report is not None:
        paths.append(f"/phan-anh/tra-cuu/?ma={report.code}")
    return sorted(set(paths)) + EXTRA_PATHS


@pytest.mark.django_db
def test_no_public_page_shows_a_placeholder():
    client = Client()
    paths = public_paths()
    assert len(paths) > 15  # the demo's pages, not an empty scan
    found = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = readable(response.content.decode())
        for pattern in (PLACEHOLDERS, CASED):
            found.extend((path, match.group(0)) for match in pattern.finditer(text))
    assert found == []


def test_the_scan_sees_text_and_attributes():
    body = '<p title="TODO">Lorem</p><img alt="None"><script>var x = undefined;</script>'
    text = readable(body)
    assert PLACEHOLDERS.findall(text) == ["TODO", "Lorem"] and CASED.findall(text) == ["None"]
