"""RSS 2.0 and Atom feeds of the news (/tin-tuc/rss/, /tin-tuc/atom/)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import ArticlePage

FEED_SIZE = 30


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return self.index.title

    def link(self) -> str:
        return self.request.build_absolute_uri(self.index.get_url(self.request))

    def description(self) -> str:
        return self.index.intro or self.index.title

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

    def item_link(self, item: ArticlePage) -> str:
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at or timezone.now()

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at or item.first_published_at or timezone.now()

    def item_author_name(self, item: ArticlePage) -> str:
        return item.author or item.source_unit_name

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [item.category.name] if item.category_id else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
