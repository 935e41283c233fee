"""The site's models, one module per concern (as wagtail.models does)."""

from .cache import PageCacheGeneration
from .pages import HomePage, StandardPage, home_sections
from .settings import SiteSettings

__all__ = [
    "HomePage",
    "PageCacheGeneration",
    "SiteSettings",
    "StandardPage",
    "home_sections",
]
