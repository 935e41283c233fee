"""load_demo's news: categories, sections, workflow, articles with generated pictures;
running it again creates nothing twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from directives_app.models import Unit
from iagrai_cms.models import ArticleCategory, ArticlePage, CommuneNewsIndexPage, NewsIndexPage
from iagrai_cms.models.news import COMMUNE_KINDS


def counts() -> dict:
    return {
        "index": NewsIndexPage.objects.count(),
        "sections": CommuneNewsIndexPage.objects.count(),
        "categories": ArticleCategory.objects.count(),
        "articles": ArticlePage.objects.count(),
        "images": get_image_model().objects.count(),
        "groups": Group.objects.filter(name__startswith="Tin bài – ").count(),
        "in_moderation": WorkflowState.objects.filter(status="in_progress").count(),
    }


@pytest.mark.django_db
def test_demo_news_is_complete_and_idempotent():
    before = counts()
    communes = Unit.objects.filter(kind__in=COMMUNE_KINDS, active=True).count()
    assert before["index"] == 1 and before["sections"] == communes == before["groups"]
    assert before["categories"] == 5
    assert ArticlePage.objects.live().count() == 5
    assert ArticlePage.objects.filter(live=False).count() == 1  # waiting for the board
    for article in ArticlePage.objects.all():
        assert article.image is not None and (article.image.width, article.image.height) == (
            1600,
            900,
        )
        assert article.image.file.storage.exists(article.image.file.name)
    call_command("load_demo", stdout=StringIO())
    assert counts() == before
