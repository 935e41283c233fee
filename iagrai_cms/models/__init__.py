"""The site's models, one module per concern (as wagtail.models does)."""

from .cache import PageCacheGeneration
from .news import ArticleCategory, ArticlePage, ArticlePageTag, CommuneNewsIndexPage, NewsIndexPage
from .pages import HomePage, StandardPage, home_sections
from .readership import ArticleDailyViews, ArticleViewMark
from .settings import SiteSettings

__all__ = [
    "ArticleCategory",
    "ArticleDailyViews",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleViewMark",
    "CommuneNewsIndexPage",
    "HomePage",
    "NewsIndexPage",
    "PageCacheGeneration",
    "SiteSettings",
    "StandardPage",
    "home_sections",
]
