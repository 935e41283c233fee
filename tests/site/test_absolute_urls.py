"""Every absolute address comes from the Site's root URL, never from the Host header a
request came with (issue 15, item 6)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Site

from iagrai_cms.models import ArticlePage

EVIL = "evil.example"
PUBLIC_PATHS = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/rss/",
    "/tin-tuc/atom/",
    "/van-ban/",
    "/van-ban/rss/",
    "/sitemap.xml",
    "/api/v2/pages/?fields=*",
    "/phan-anh/",
    "/quy-tac-ung-xu/",
]
ABSOLUTE = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def paths(db):
    article = ArticlePage.objects.live().exclude(image=None).first()
    return [*PUBLIC_PATHS, article.url]


@pytest.mark.django_db
def test_no_absolute_url_names_the_request_host(paths, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client = Client(HTTP_HOST=EVIL)
    root = Site.objects.get(is_default_site=True).root_url
    seen = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert EVIL not in body, path
        urls = [url for url in ABSOLUTE.findall(body) if url.startswith(root)]
        seen += len(urls)
    assert seen > 20  # the check looked at real addresses


@pytest.mark.django_db
def test_share_card_and_canonical_use_the_site_root(paths):
    article = paths[-1]
    html = Client(HTTP_HOST=EVIL).get(article).content.decode()
    root = Site.objects.get(is_default_site=True).root_url
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    assert canonical == root + article
    assert re.search(rf'<meta property="og:url" content="{re.escape(root + article)}"', html)
    assert re.search(rf'<meta property="og:image" content="{re.escape(root)}/media/', html)


@pytest.mark.django_db
def test_the_site_root_url_is_the_one_place(settings):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "cong.example.gov.vn", 443
    site.save()
    html = Client(HTTP_HOST=EVIL).get("/tin-tuc/").content.decode()
    assert '<link rel="canonical" href="https://cong.example.gov.vn/tin-tuc/">' in html
    rss = Client(HTTP_HOST=EVIL).get("/van-ban/rss/").content.decode()
    assert "https://cong.example.gov.vn/van-ban/" in rss and EVIL not in rss


@pytest.mark.django_db
def test_the_demo_site_is_where_make_run_serves(monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    monkeypatch.setenv("PORT", "8153")
    monkeypatch.delenv("DEMO_HOSTNAME", raising=False)
    call_command("load_demo", stdout=StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8153"
    assert not mail.outbox
