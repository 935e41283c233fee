"""The Code of Conduct on social networks as a page, and its versions.

Each published revision of the page is a version (`CodeVersion`, recorded when the page is
published): staff acknowledge a version, and a new version asks them again.
"""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Revision

from conduct_app.code.blocks import ArticleBlock, Audience, LegalDocumentBlock
from directives_app.core.pages import VietnamesePage

SUMMARY_NOTICE = _(
    "Nội dung dưới đây là bản tóm tắt để cán bộ và người dân dễ theo dõi, không phải văn bản "
    "pháp lý. Khi trích dẫn, đề nghị đối chiếu văn bản gốc của cơ quan ban hành."
)


class CodeOfConductPage(VietnamesePage):
    """The Code (e.g. Quyết định 874/QĐ-BTTTT) as articles and numbered rules."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    summary_notice = models.TextField(
        _("lưu ý về nội dung"),
        blank=True,
        default=SUMMARY_NOTICE,
        help_text=_("Hiển thị đầu trang: nội dung là bản tóm tắt, không phải văn bản pháp lý."),
    )
    legal_basis = StreamField(
        [("document", LegalDocumentBlock())], verbose_name=_("căn cứ pháp lý"), blank=True
    )
    articles = StreamField([("article", ArticleBlock())], verbose_name=_("các điều"))

    content_panels = VietnamesePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("summary_notice"),
        FieldPanel("legal_basis"),
        FieldPanel("articles"),
    ]
    folded_search_fields = ("title", "intro", "articles_text")
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("bộ quy tắc ứng xử")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["version"] = self.current_version
        context["audience_choices"] = Audience.CHOICES
        return context

    def articles_text(self) -> str:
        parts = []
        for block in self.articles:
            value = block.value
            parts.append(f"Điều {value['number']}. {value['title']}")
            parts.extend(f"{rule['code']} {rule['text']}" for rule in value["rules"])
        return strip_tags("\n".join(parts))

    @property
    def current_version(self) -> CodeVersion | None:
        return self.versions.order_by("-number").first() if self.live else None


class CodeVersionQuerySet(models.QuerySet):
    def current(self) -> CodeVersion | None:
        """The latest version of the live code, if any (one query)."""
        return (
            self.filter(page__live=True)
            .select_related("page")
            .order_by("-published_at", "-number")
            .first()
        )


class CodeVersion(models.Model):
    """A published revision of the code, numbered 1, 2, … per page."""

    page = models.ForeignKey(CodeOfConductPage, on_delete=models.CASCADE, related_name="versions")
    # SET_NULL: purging old revisions must not delete what staff acknowledged.
    revision = models.OneToOneField(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    published_at = models.DateTimeField(_("công bố lúc"), default=timezone.now)

    objects = CodeVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản bộ quy tắc")
        verbose_name_plural = _("phiên bản bộ quy tắc")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="unique_code_version")
        ]

    def __str__(self) -> str:
        return _("Phiên bản %(number)s (%(date)s)") % {
            "number": self.number,
            "date": timezone.localtime(self.published_at).strftime("%d/%m/%Y"),
        }


def record_version(page: CodeOfConductPage, revision: Revision | None) -> CodeVersion:
    """The version of `revision`, created on its first publication (idempotent)."""
    if revision is not None:
        existing = CodeVersion.objects.filter(revision=revision).first()
        if existing is not None:
            return existing
    for _attempt in range(3):
        number = (page.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        try:
            with transaction.atomic():
                return CodeVersion.objects.create(
                    page=page,
                    revision=revision,
                    number=number,
                    published_at=timezone.now(),
                )
        except IntegrityError:
            continue  # another publication took the number: count again
    raise RuntimeError("could not number the code version")
