"""Two gunicorn app servers on one PostgreSQL and one Redis, production settings: what one
does, the other sees on its next request (issue 17, item 4)."""

from __future__ import annotations

import re

import pytest
import requests
from django_tasks_db.models import DBTaskResult
from servers import bulk_page_action, csrf_token, login

from iagrai_cms.models import ArticlePage

pytestmark = pytest.mark.postgres
PASSWORD = "iagrai-demo"
# Behind a load balancer every server sees the site's own host name, not its port.
SITE = {"Host": "localhost"}


def test_publish_session_rate_limit_and_page_cache_are_shared(gunicorns):
    first, second = gunicorns
    article = ArticlePage.objects.live().order_by("-date", "-pk").first()
    path = article.url
    tasks_before = set(DBTaskResult.objects.values_list("pk", flat=True))
    try:
        # The page cache is shared: the copy one server made, the other serves.
        assert (
            requests.get(first + path, headers=SITE, timeout=60).headers["X-Page-Cache"] == "miss"
        )
        hit = requests.get(second + path, headers=SITE, timeout=60)
        assert hit.status_code == 200 and hit.headers["X-Page-Cache"] == "hit"
        assert article.title in hit.text

        # A session opened on one server works on the other.
        cookies = login(first, "admin", PASSWORD)
        dashboard = requests.get(second + "/admin/", cookies=cookies, timeout=60)
        assert dashboard.status_code == 200
        assert 'name="password"' not in dashboard.text

        # Unpublished on one: gone on the other's next request, and back when published.
        bulk_page_action(first, cookies, "unpublish", article.pk)
        assert requests.get(second + path, headers=SITE, timeout=60).status_code == 404
        bulk_page_action(first, cookies, "publish", article.pk)
        back = requests.get(second + path, headers=SITE, timeout=60)
        assert back.status_code == 200 and article.title in back.text
    finally:
        article.refresh_from_db()
        if not article.live:
            article.get_latest_revision().publish()
        DBTaskResult.objects.exclude(pk__in=tasks_before).delete()


def test_report_form_rate_limit_counts_across_servers(gunicorns):
    from conduct_app.models import IncidentReportPage

    first, second = gunicorns
    path = IncidentReportPage.objects.live().get().url
    # Honeypot submissions are refused but counted, so no report is filed by this test.
    statuses = []
    for base in (first, second, first, second, first, second):
        form = requests.get(base + path, timeout=60)
        response = requests.post(
            base + path,
            data={"csrfmiddlewaretoken": csrf_token(form.text), "website": "http://spam"},
            cookies={"csrftoken": form.cookies["csrftoken"]},
            timeout=60,
        )
        statuses.append(response.status_code)
    # INCIDENT_REPORTS_PER_HOUR is 5 in production: the sixth, on either server, is refused.
    assert statuses == [400, 400, 400, 400, 400, 429]
    assert re.search(r"5\s+phản ánh", response.text)
