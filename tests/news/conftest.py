"""Fixtures of the news tests: the demo's news index and commune sections, articles made
directly (for the public pages) and the admin's page form as a browser would post it."""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from directives_app.core.vietnamese import slugify_vi
from iagrai_cms.models import ArticleCategory, ArticlePage, CommuneNewsIndexPage, NewsIndexPage


def jpeg_bytes(width: int = 1600, height: int = 900, colour=(30, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@pytest.fixture
def news_index(db) -> NewsIndexPage:
    return NewsIndexPage.objects.get()


@pytest.fixture
def section(db):
    """section("xa-ia-ba") → that commune's news section."""

    def get(unit_code: str) -> CommuneNewsIndexPage:
        return CommuneNewsIndexPage.objects.get(unit__code=unit_code)

    return get


@pytest.fixture
def make_image(db):
    def make(title: str = "Ảnh thử", width: int = 1600, height: int = 900):
        image = get_image_model()(title=title, description=f"Mô tả {title}")
        image.file = ImageFile(io.BytesIO(jpeg_bytes(width, height)), name="anh-thu.jpg")
        image.save()
        return image

    return make


@pytest.fixture
def make_article(db, news_index):
    """make_article(title, parent=None, live=True, **fields) → an ArticlePage."""

    def make(title: str, parent=None, live: bool = True, **fields) -> ArticlePage:
        fields.setdefault("summary", f"Tóm tắt: {title}")
        fields.setdefault("category", ArticleCategory.objects.order_by("sort_order").first())
        fields.setdefault("body", [("paragraph", f"<p>Nội dung của {title}.</p>")])
        page = ArticlePage(title=title, live=False, **fields)
        (parent or news_index).add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def article_form():
    """article_form(client, parent, title=..., **fields) → (GET response, POST data).

    GETs the admin's "add article" form under `parent` and returns the data that form
    would send once the user has typed a title, a lead, picked a category and written one
    paragraph (`fields` override or add form fields)."""

    def build(client, parent, title: str, **fields):
        url = f"/admin/pages/add/iagrai_cms/articlepage/{parent.pk}/"
        response = client.get(url)
        if response.status_code != 200:
            return response, None
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
        category = ArticleCategory.objects.order_by("sort_order").first()
        values = {
            "title": title,
            # The slug widget's script fills it from the title (tests/e2e/test_admin_slug.py).
            "slug": slugify_vi(title),
            "summary": f"Tóm tắt: {title}",
            "category": str(category.pk),
            **nested_form_data(
                {"body": streamfield([("paragraph", rich_text(f"<p>Bài viết {title}.</p>"))])}
            ),
        }
        values.update(fields)
        for key, value in values.items():
            data[key] = value
        return response, data

    return build
