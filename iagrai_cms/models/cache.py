"""The page cache's generation number (see iagrai_cms.caching.page_cache)."""

from __future__ import annotations

from django.db import models


class PageCacheGeneration(models.Model):
    """One row whose number is part of every page-cache key (iagrai_cms.caching.page_cache).

    It lives in the database, not the cache, so that every app server and worker sees a
    publish at once, even with per-process local-memory caches.
    """

    value = models.PositiveBigIntegerField(default=1)

    def __str__(self) -> str:
        return str(self.value)
