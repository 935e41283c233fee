"""The register of directives (sổ văn bản) at /van-ban/: the index page under which every
directive is published. Its listing, filters and feed are views (directives_app.register)
that its routes call by name."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from directives_app.core.pages import SpecificChildRouting, VietnamesePage
from directives_app.core.routing import page_view_for

from .directives import DirectivePage


class DirectiveIndexPage(RoutablePageMixin, SpecificChildRouting, VietnamesePage):
    """The public register at /van-ban/ (listing, filters, search, RSS)."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = VietnamesePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["directives_app.DirectivePage"]
    parent_page_types = ["iagrai_cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("sổ văn bản")

    @property
    def child_page_model(self) -> type[DirectivePage]:
        return DirectivePage

    def latest(self, count: int) -> list[DirectivePage]:
        return list(
            DirectivePage.objects.live()
            .child_of(self)
            .order_by("-issued_on", "-number", "-pk")
            .only(
                "id", "title", "url_path", "issued_on", "symbol", "doc_type", "first_published_at"
            )[:count]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_view_for("register.listing")(self, request))
        return context

    @path("rss/", name="rss")
    def rss(self, request):
        return page_view_for("register.rss")(self, request)
