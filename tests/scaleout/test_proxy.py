"""Varnish in front of gunicorn (deploy/varnish/default.vcl): anonymous pages come from the
proxy, the admin and logged-in staff bypass it, and a publish or unpublish purges it so
the change shows on the next request (issue 17, item 5)."""

from __future__ import annotations

import pytest
import requests
from django_tasks_db.models import DBTaskResult
from servers import bulk_page_action, login

from iagrai_cms.models import ArticlePage

pytestmark = pytest.mark.postgres


def test_proxy_caches_anonymous_pages_bypasses_staff_and_is_purged(proxied):
    proxy, _app = proxied
    article = ArticlePage.objects.live().order_by("-date", "-pk").first()
    tasks_before = set(DBTaskResult.objects.values_list("pk", flat=True))
    try:
        for path in ("/", article.url):
            first = requests.get(proxy + path, timeout=60)
            assert first.status_code == 200 and first.headers["X-Cache"] == "MISS"
            again = requests.get(proxy + path, cookies={"csrftoken": "x"}, timeout=60)
            assert again.headers["X-Cache"] == "HIT"
            assert again.text == first.text
        # The admin and anyone with a session go to the app every time.
        assert requests.get(proxy + "/admin/login/", timeout=60).headers["X-Cache"] == "PASS"
        cookies = login(proxy, "admin", "iagrai-demo")
        staff = requests.get(proxy + article.url, cookies=cookies, timeout=60)
        assert staff.headers["X-Cache"] == "PASS"
        assert requests.get(proxy + "/admin/", cookies=cookies, timeout=60).status_code == 200
        # Only loopback may purge; here the test is loopback, so check the answer only.
        assert requests.request("PURGE", proxy + "/", timeout=30).status_code == 200
        requests.get(proxy + article.url, timeout=60)  # cached again

        bulk_page_action(proxy, cookies, "unpublish", article.pk)
        gone = requests.get(proxy + article.url, timeout=60)
        assert gone.status_code == 404
        home = requests.get(proxy + "/", timeout=60)
        assert home.headers["X-Cache"] == "MISS"  # lists were purged too
        bulk_page_action(proxy, cookies, "publish", article.pk)
        back = requests.get(proxy + article.url, timeout=60)
        assert back.status_code == 200 and article.title in back.text
        assert back.headers["X-Cache"] == "MISS"
    finally:
        article.refresh_from_db()
        if not article.live:
            article.get_latest_revision().publish()
        DBTaskResult.objects.exclude(pk__in=tasks_before).delete()
