"""News: categories, the news index at /tin-tuc/, one section per commune, articles.

Articles are written by district editors anywhere under the news index and by commune
officers inside their commune's section; the "Biên tập tin bài" workflow on the news index
sends every change to the editorial board (see iagrai_cms.news.permissions and the demo).
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import Filter
from wagtail.search import index

from directives_app.core.pages import SpecificChildRouting, VietnamesePage
from directives_app.core.routing import page_view_for
from directives_app.core.vietnamese import slugify_vi
from directives_app.models import Unit
from directives_app.models.units import COMMUNE_LEVEL_KINDS, commune_level_words
from iagrai_cms.caching.page_cache import fragment_cache
from iagrai_cms.news.blocks import ArticleBodyBlock
from iagrai_cms.news.editorial_review import ArticlePermissionTester

# Renditions used by the listings: fetched together with the articles (one query).
CARD_RENDITIONS = "fill-{400x225,800x450}|format-{webp,jpeg}"
PER_PAGE = 12
# What a card shows (includes/article_card.html): a page row has some forty columns.
CARD_FIELDS = (
    "id",
    "title",
    "url_path",
    "path",
    "depth",
    "date",
    "summary",
    "image",
    "category__name",
    "source_unit__name",
)
MOST_READ_DAYS = 7
COMMUNE_KINDS = list(COMMUNE_LEVEL_KINDS)


class ArticleCategory(models.Model):
    """A topic of articles ("Chuyển đổi số", "Văn hóa – Xã hội"...), a snippet."""

    name = models.CharField(_("tên chuyên mục"), max_length=120, unique=True)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Để trống: tạo từ tên, không dấu (ví dụ: chuyen-doi-so)."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify_vi(self.name)[:120]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # Filled here, not only in save(), so that the form's uniqueness check sees it.
        if not self.slug:
            self.slug = slugify_vi(self.name)[:120]
        if not self.slug:
            raise ValidationError({"name": _("Tên chuyên mục phải có ít nhất một chữ cái.")})


def _with_card_images(articles: QuerySet) -> QuerySet:
    # The cards' renditions arrive with their images (two queries for the whole page),
    # instead of one rendition query per card.
    images = get_image_model().objects.prefetch_renditions(*Filter.expand_spec(CARD_RENDITIONS))
    return (
        articles.select_related("category", "source_unit")
        .only(*CARD_FIELDS)
        .prefetch_related(Prefetch("image", queryset=images))
    )


def article_body_default() -> list[tuple[str, str]]:
    """A new article's body: one empty paragraph to type into, not a lone "+"."""
    return [("paragraph", "")]


def article_for_page_queryset() -> QuerySet:
    """An article as its page shows it: with its category, unit and picture (routing)."""
    return ArticlePage.objects.select_related("category", "source_unit", "image")


class NewsListingMixin:
    """What the news index and a commune section share: the paginated listing of the
    live articles below them."""

    def articles(self) -> QuerySet:
        return ArticlePage.objects.live().public().descendant_of(self).order_by("-date", "-pk")

    def listing_context(self, request, articles: QuerySet) -> dict:
        """The page of cards, read only if the template's cached fragment is missing
        (`fragments`, see page_cache.fragment_cache): a cached listing costs no query."""
        from django.core.paginator import Paginator

        def listing() -> dict:
            paginator = Paginator(_with_card_images(articles), PER_PAGE)
            # Not a number: the first page; past the end: the last.
            page_obj = paginator.get_page(request.GET.get("trang"))
            return {"articles": list(page_obj.object_list), "page_obj": page_obj}

        lazy = SimpleLazyObject(listing)
        requested = request.GET.get("trang", "")
        return {
            "articles": SimpleLazyObject(lambda: lazy["articles"]),
            "page_obj": SimpleLazyObject(lambda: lazy["page_obj"]),
            # The fragment's key: what get_page() reads (bounded, so keys stay few).
            "listing_page": requested if requested.isdigit() and len(requested) <= 5 else "1",
            "fragments": fragment_cache(request),
        }


class NewsIndexPage(NewsListingMixin, RoutablePageMixin, SpecificChildRouting, VietnamesePage):
    """/tin-tuc/: every live article, newest first; by category; most read; feeds."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = VietnamesePage.content_panels + [FieldPanel("intro")]
    folded_search_fields = ("title", "search_description", "intro")
    parent_page_types = ["iagrai_cms.HomePage"]
    subpage_types = ["iagrai_cms.ArticlePage", "iagrai_cms.CommuneNewsIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang tin tức")

    @property
    def child_page_model(self) -> type[ArticlePage]:
        return ArticlePage  # a commune section is found by Wagtail's own routing

    def child_page_queryset(self) -> QuerySet:
        return article_for_page_queryset()

    def latest(self, count: int) -> list[ArticlePage]:
        """For the home page: the newest live articles (one query)."""
        return list(
            self.articles().only("id", "title", "url_path", "first_published_at", "date")[:count]
        )

    def most_read(
        self, count: int = 5, days: int = MOST_READ_DAYS, articles: QuerySet | None = None
    ) -> list[ArticlePage]:
        """Live articles with the most counted views over the last `days` days."""
        since = timezone.localdate() - datetime.timedelta(days=days - 1)
        return list(
            (self.articles() if articles is None else articles)
            .filter(daily_views__day__gte=since)
            .annotate(recent_views=Sum("daily_views__views"))
            .order_by("-recent_views", "-date", "-pk")
            .only("id", "title", "url_path", "date")[:count]
        )

    def get_context(
        self,
        request,
        *args,
        category: ArticleCategory | None = None,
        tag: Tag | None = None,
        **kwargs,
    ):
        context = super().get_context(request, *args, **kwargs)
        # One base queryset: `public()` reads the view restrictions when called.
        live = self.articles()
        articles = live
        if category is not None:
            articles = articles.filter(category=category)
        if tag is not None:
            articles = articles.filter(
                pk__in=ArticlePageTag.objects.filter(tag=tag).values("content_object_id")
            )
        context.update(self.listing_context(request, articles))
        context["category"] = category
        context["tag"] = tag
        # Read only when their cached fragments are missing (see listing_context).
        context["categories"] = SimpleLazyObject(lambda: list(ArticleCategory.objects.all()))
        context["sections"] = sections = SimpleLazyObject(
            lambda: list(
                CommuneNewsIndexPage.objects.live()
                .child_of(self)
                .select_related("unit")
                .only("id", "title", "url_path", "unit__kind")
            )
        )
        # "Tin các xã, phường" in a province, "Tin các xã, thị trấn" in a 2021 district.
        context["sections_heading"] = SimpleLazyObject(
            lambda: _("Tin các %(levels)s")
            % {"levels": commune_level_words(section.unit.kind for section in sections)}
        )
        context["most_read"] = SimpleLazyObject(lambda: self.most_read(articles=live))
        return context

    @path("chuyen-muc/<slug:slug>/", name="category")
    def category_route(self, request, slug: str):
        category = ArticleCategory.objects.filter(slug=slug).first()
        if category is None:
            raise Http404(_("Không có chuyên mục này."))
        return self.render(request, category=category)

    @path("the/<slug:slug>/", name="tag")
    def tag_route(self, request, slug: str):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404(_("Không có thẻ này."))
        return self.render(request, tag=tag)

    @path("rss/", name="rss")
    def rss(self, request):
        return page_view_for("news.rss")(self, request)

    @path("atom/", name="atom")
    def atom(self, request):
        return page_view_for("news.atom")(self, request)


class CommuneSectionForm(WagtailAdminPageForm):
    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        moved = self.instance.pk and unit.pk != self.instance.unit_id
        # The commune decides who may write here: the commune's own writers may edit the
        # section's page (its intro) but not hand it to another commune.
        if moved and not self.instance.permissions_for_user(self.for_user).can_publish():
            raise ValidationError(
                _("Chỉ Ban biên tập mới được đổi đơn vị cấp xã của chuyên trang.")
            )
        return unit


class CommuneNewsIndexPage(NewsListingMixin, SpecificChildRouting, VietnamesePage):
    """A commune's section of the news (/tin-tuc/xa-ia-ba/). The commune's head and focal
    officers write and edit articles here and submit them to the editorial board."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị cấp xã"),
        on_delete=models.PROTECT,
        related_name="news_sections",
        limit_choices_to={"kind__in": COMMUNE_KINDS},
    )
    intro = models.TextField(_("giới thiệu"), blank=True)
    # The Wagtail group whose page permissions cover this section; its members are the
    # unit's head and focal officers (iagrai_cms.news.permissions keeps both in step).
    editors_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = VietnamesePage.content_panels + [FieldPanel("unit"), FieldPanel("intro")]
    base_form_class = CommuneSectionForm
    folded_search_fields = ("title", "search_description", "intro")
    parent_page_types = ["iagrai_cms.NewsIndexPage"]
    subpage_types = ["iagrai_cms.ArticlePage"]

    class Meta:
        verbose_name = _("chuyên trang tin của xã")
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                name="one_news_section_per_unit",
                violation_error_message=_("Đơn vị cấp xã này đã có chuyên trang tin."),
            )
        ]

    @property
    def child_page_model(self) -> type[ArticlePage]:
        return ArticlePage

    def child_page_queryset(self) -> QuerySet:
        return article_for_page_queryset()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request, self.articles()))
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "iagrai_cms.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(VietnamesePage):
    """A news article: headline, lead, picture, body; published only by the board."""

    date = models.DateField(_("ngày đăng"), default=datetime.date.today)
    category = models.ForeignKey(
        ArticleCategory,
        verbose_name=_("chuyên mục"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    summary = models.TextField(
        _("sapo (tóm tắt)"),
        max_length=600,
        help_text=_("Một, hai câu mở đầu; hiện trong danh sách tin và khi chia sẻ lên mạng."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh ngang, nên từ 1200×630 điểm ảnh trở lên (dùng cả khi chia sẻ)."),
    )
    image_caption = models.CharField(_("chú thích ảnh"), max_length=255, blank=True)
    body = StreamField(
        ArticleBodyBlock(),
        verbose_name=_("nội dung"),
        default=article_body_default,
        help_text=_(
            "Bài bắt đầu bằng một đoạn văn. Thêm đoạn, ảnh, trích dẫn: bấm dấu “+” giữa hoặc "
            "dưới các khối."
        ),
    )
    author = models.CharField(_("tác giả"), max_length=120, blank=True)
    tags = ClusterTaggableManager(
        through=ArticlePageTag,
        verbose_name=_("thẻ"),
        blank=True,
        help_text=_("Từ khóa để nhóm tin, cách nhau bằng dấu phẩy (ví dụ: mạng xã hội, Zalo)."),
    )
    # Set from the commune section the article sits in (None: district news).
    source_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đưa tin"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="news_articles",
    )
    # The accepted compliance report this article was drafted from
    # (iagrai_cms.news.report_articles): one article per report, so a second promotion
    # points at this one instead.
    from_report = models.ForeignKey(
        "directives_app.ComplianceReport",
        verbose_name=_("từ báo cáo kết quả"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="articles",
    )

    content_panels = VietnamesePage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("category", widget=forms.Select)]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_caption")], heading=_("Ảnh đại diện")
        ),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("tags")]),
    ]
    folded_search_fields = (
        "title",
        "search_description",
        "summary",
        "body",
        "author",
        "tag_text",
    )
    search_fields = VietnamesePage.search_fields + [
        index.FilterField("date"),
        index.FilterField("category"),
        index.FilterField("source_unit"),
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("category_name"),
        APIField("source_unit_name"),
        APIField("author"),
        APIField("tag_names"),
        APIField("image_caption"),
        APIField("image_share", serializer=ImageRenditionField("fill-1200x630", source="image")),
        APIField("body"),
    ]
    parent_page_types = ["iagrai_cms.NewsIndexPage", "iagrai_cms.CommuneNewsIndexPage"]
    subpage_types: list[str] = []

    # A copy is a new article, not a second promotion of the same report.
    exclude_fields_in_copy = ["from_report"]

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        constraints = [
            models.UniqueConstraint(fields=["from_report"], name="one_article_per_report")
        ]

    @property
    def category_name(self) -> str:
        return self.category.name if self.category_id else ""

    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags.all()]

    def tag_text(self) -> str:
        return ", ".join(self.tag_names())

    @property
    def source_unit_name(self) -> str:
        return self.source_unit.name if self.source_unit_id else ""

    def permissions_for_user(self, user) -> ArticlePermissionTester:
        # Under review, the board publishes by approving only (iagrai_cms.news.editorial_review).
        return ArticlePermissionTester(user, self)

    def with_content_json(self, content):
        # Where the article came from is bookkeeping, not content: a revision (or a deleted
        # report's id inside an old one) never changes it.
        obj = super().with_content_json(content)
        obj.from_report_id = self.from_report_id
        return obj

    def save(self, *args, **kwargs):
        if self.path:
            self.source_unit_id = self._section_unit_id()
        return super().save(*args, **kwargs)

    def _section_unit_id(self) -> int | None:
        parent_path = self.path[: -self.steplen]
        return (
            CommuneNewsIndexPage.objects.filter(path=parent_path)
            .values_list("unit_id", flat=True)
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the article's cached fragment is missing (page_cache.fragment_cache);
        # built there too: public() reads the view restrictions as soon as it is called.
        context["related"] = SimpleLazyObject(self._related)
        context["tags"] = SimpleLazyObject(lambda: list(self.tags.all()))
        context["news_index"] = SimpleLazyObject(self._news_index)
        context["fragments"] = fragment_cache(request)
        return context

    def _related(self) -> list[ArticlePage]:
        related = ArticlePage.objects.live().public().exclude(pk=self.pk)
        if self.category_id:
            related = related.filter(category_id=self.category_id)
        return list(_with_card_images(related.order_by("-date", "-pk"))[:3])

    def _news_index(self) -> NewsIndexPage | None:
        """Where the tag links lead: the news index above the article."""
        parent = self.get_parent()  # kept by the routing: no query
        if isinstance(parent, NewsIndexPage):
            return parent
        return NewsIndexPage.objects.ancestor_of(self).first()
