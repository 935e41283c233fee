"""Counting article views without cookies or third-party trackers.

The article page is served from the page cache, so the page itself cannot count. It
carries a small script that, once the page is shown in a browser, POSTs to the beacon
(`views.count_article_view`), which is never cached. A visitor is the pair (client address,
browser's User-Agent); it is counted once per article per day through a mark: an HMAC of
(address, browser, article) keyed with SECRET_KEY and the date. Neither the address nor the
browser is stored, the key is never stored, and the marks of earlier days are deleted when
the day's first view of an article is counted. Known robots and link previews are ignored.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from conduct_app.incidents.rate_limit import client_ip
from iagrai_cms.models import ArticleDailyViews, ArticleViewMark

# Crawlers, link-preview fetchers (Facebook, Zalo, Telegram...), monitoring and HTTP
# libraries. Real browsers, including Zalo's and Facebook's in-app browsers, do not match
# (nor CUBOT phones, hence the look-behind).
BOT_USER_AGENT = re.compile(
    r"(?<!cu)bot|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog|meta-external"
    r"|zalo-?server|zalo\s*(link|preview)|embedly|preview|headless|lighthouse|pagespeed"
    r"|pingdom|uptime|monitor|curl|wget|python|java/|go-http-client|okhttp|axios|node-fetch"
    r"|libwww|httpclient|scrapy|feedfetcher|mediapartners|validator|phantomjs|selenium",
    re.IGNORECASE,
)


def is_robot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def visitor_digest(day: datetime.date, address: str, user_agent: str, article_id: int) -> str:
    key = f"{settings.SECRET_KEY}:readership:{day.isoformat()}".encode()
    message = f"{address}\n{user_agent}\n{article_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def record_view(request: HttpRequest, article_id: int) -> bool:
    """Count one view of the article by this request's visitor; False if not counted
    (a robot, or already counted today)."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    if is_robot(user_agent):
        return False
    day = timezone.localdate()
    # The same rule as the rate limit of public forms (TRUSTED_PROXY_COUNT).
    digest = visitor_digest(day, client_ip(request), user_agent, article_id)
    try:
        with transaction.atomic():
            ArticleViewMark.objects.create(day=day, digest=digest)
    except IntegrityError:
        return False  # this visitor was counted today
    _increment(article_id, day)
    return True


def _increment(article_id: int, day: datetime.date) -> None:
    rows = ArticleDailyViews.objects.filter(article_id=article_id, day=day)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            ArticleDailyViews.objects.create(article_id=article_id, day=day, views=1)
    except IntegrityError:  # another request created the row in between
        rows.update(views=F("views") + 1)
        return
    # The day's first view of this article: yesterday's marks are no longer needed.
    ArticleViewMark.objects.filter(day__lt=day).delete()
