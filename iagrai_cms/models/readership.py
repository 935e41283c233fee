"""How often articles are read: daily totals per article, and the day's visitor marks that
let a visitor count once per article per day (see iagrai_cms.news.readership)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleDailyViews(models.Model):
    """Counted views of one article on one day (local time). No personal data."""

    article = models.ForeignKey(
        "iagrai_cms.ArticlePage", on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField(_("ngày"))
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem theo ngày")
        verbose_name_plural = _("lượt xem theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="one_view_row_per_article_day")
        ]
        indexes = [models.Index(fields=["day", "article"])]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.views}"


class ArticleViewMark(models.Model):
    """ "This visitor has been counted for this article today": a keyed hash of (address,
    browser, article) whose key changes every day. Neither the address nor the browser is
    stored, and the marks of earlier days are deleted."""

    day = models.DateField()
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "digest"], name="one_mark_per_visitor_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:8]}…"
