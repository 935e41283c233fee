"""The site's own pages: home page (with the latest items of each section), standard pages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from directives_app.core.pages import VietnamesePage


class HomePage(VietnamesePage):
    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = VietnamesePage.content_panels + [FieldPanel("intro")]
    folded_search_fields = ("title", "search_description", "intro")
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(self)
        return context


def home_sections(home: Page) -> list[dict]:
    """Latest items of each listing page under home (directives, news...).

    Each listing page type defines `latest(count)`. The listing pages are found with one
    query of the base page table (`defer=True`: their own columns are not joined):
    `latest()` and their links need only the tree fields. A missing listing page shows
    an empty section.
    """
    from directives_app.models import DirectiveIndexPage

    from .news import NewsIndexPage

    wanted = (
        ("directives", _("Văn bản chỉ đạo, điều hành"), DirectiveIndexPage),
        ("news", _("Tin tức"), NewsIndexPage),
    )
    found = {
        type(page): page
        for page in Page.objects.live()
        .child_of(home)
        .type(*(model for _kind, _title, model in wanted))
        .specific(defer=True)
    }
    sections = []
    for kind, title, model in wanted:
        index_page = found.get(model)
        items = index_page.latest(5) if index_page is not None else []
        sections.append({"kind": kind, "title": title, "index": index_page, "items": items})
    return sections


class StandardPage(VietnamesePage):
    """Plain content: introduction of the district, contact, legal notices."""

    summary = models.TextField(_("tóm tắt"), blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = VietnamesePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    folded_search_fields = ("title", "search_description", "summary", "body")

    class Meta:
        verbose_name = _("trang thông tin")
