"""RSS 2.0 and Atom feeds of the news (/tin-tuc/rss/, /tin-tuc/atom/)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from directives_app.register.feeds import FEED_SIZE, PageListingFeed
from iagrai_cms.models import ArticlePage


class NewsRssFeed(PageListingFeed):
    def items(self):
        return (
            self.index.articles()
            .select_related("category", "source_unit")
            .only(
                "id",
                "title",
                "url_path",
                "summary",
                "date",
                "first_published_at",
                "last_published_at",
                "author",
                "category__name",
                "source_unit__name",
            )[:FEED_SIZE]
        )

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.summary

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at or item.first_published_at or timezone.now()

    def item_author_name(self, item: ArticlePage) -> str:
        return item.author or item.source_unit_name

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [item.category.name] if item.category_id else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
