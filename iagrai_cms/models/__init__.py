"""The site's models: home and standard pages, news pages, readership counts, the page-cache
generation and site settings.

May import: directives_app.core, directives_app.models, iagrai_cms.caching (fragment
versions), iagrai_cms.news (article blocks and the board's permission tester). Never views:
feeds are reached by name (directives_app.core.routing)."""

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
