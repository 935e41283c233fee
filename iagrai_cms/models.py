"""The site's own pages and settings: home page, standard pages, site identity."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from directives_app.pages import VietnamesePage


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site: shown in the header, footer and share cards."""

    parent_body = models.CharField(
        _("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Ví dụ: UBND tỉnh Gia Lai")
    )
    body_name = models.CharField(_("tên cơ quan"), max_length=255, default="Ủy ban nhân dân huyện")
    place_name = models.CharField(
        _("địa danh"),
        max_length=120,
        blank=True,
        help_text=_("Dùng trong dòng “…, ngày … tháng …”"),
    )
    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm nội dung"), max_length=255, blank=True
    )
    licence = models.CharField(_("giấy phép"), max_length=255, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("parent_body"),
                FieldPanel("body_name"),
                FieldPanel("place_name"),
                FieldPanel("tagline"),
            ],
            heading=_("Cơ quan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("hotline"),
                FieldPanel("email"),
            ],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_person"), FieldPanel("licence")], heading=_("Pháp lý")
        ),
    ]

    class Meta:
        verbose_name = _("thông tin cổng")


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


class PageCacheGeneration(models.Model):
    """One row whose number is part of every page-cache key (iagrai_cms.page_cache).

    It lives in the database, not the cache, so that every app server and worker sees a
    publish at once, even with per-process local-memory caches.
    """

    value = models.PositiveBigIntegerField(default=1)

    def __str__(self) -> str:
        return str(self.value)
