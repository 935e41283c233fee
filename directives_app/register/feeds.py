"""RSS 2.0 feed of the register (/van-ban/rss/), and the base of every listing's feed."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from directives_app.core.absolute_urls import absolute_url
from directives_app.models import DirectivePage

FEED_SIZE = 30


class PageListingFeed(Feed):
    """A feed of the pages a listing page shows: its title, intro and URL describe the
    channel; items link to their pages. Subclasses give `items()` and the item texts."""

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
        return absolute_url(self.index.get_url(self.request), self.request)

    def feed_url(self) -> str:
        # Django would put the request's Host in front of the path.
        return absolute_url(self.request.path, self.request)

    def description(self) -> str:
        return self.index.intro or self.index.title

    def item_link(self, item) -> str:
        return absolute_url(item.get_url(self.request), self.request)

    def item_pubdate(self, item):
        return item.first_published_at or timezone.now()


class DirectiveFeed(PageListingFeed):
    def items(self):
        return (
            DirectivePage.objects.live()
            .child_of(self.index)
            .select_related("issuer")
            .order_by("-issued_on", "-number")[:FEED_SIZE]
        )

    def item_title(self, item: DirectivePage) -> str:
        return item.title_with_symbol

    def item_description(self, item: DirectivePage) -> str:
        return f"{item.issuer_name}, {item.date_line}. {item.display_title}"

    def item_categories(self, item: DirectivePage):
        return [item.type_label]
