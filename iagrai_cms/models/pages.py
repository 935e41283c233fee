"""The site's own pages: home page (with the latest items of each section), standard pages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from directives_app.pages import VietnamesePage


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

    Each listing page type may define `latest(count)`; until those apps add theirs,
    the home page shows empty sections with a friendly message.
    """
    sections = []
    for title, model_label in (
        (_("Văn bản chỉ đạo, điều hành"), "directives_app.DirectiveIndexPage"),
        (_("Tin tức"), "iagrai_cms.NewsIndexPage"),
    ):
        items, index_page = [], None
        try:
            from django.apps import apps

            model = apps.get_model(model_label)
        except LookupError:
            model = None
        if model is not None:
            index_page = model.objects.live().child_of(home).first()
            if index_page is not None:
                items = index_page.latest(5)
        sections.append({"title": title, "index": index_page, "items": items})
    return sections


class StandardPage(VietnamesePage):
    """Plain content: introduction of the district, contact, legal notices."""

    summary = models.TextField(_("tóm tắt"), blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = VietnamesePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    folded_search_fields = ("title", "search_description", "summary", "body")

    class Meta:
        verbose_name = _("trang thông tin")
