"""The view-count beacon of articles (see iagrai_cms.news.readership for the rules)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from iagrai_cms.models import ArticlePage

from .readership import record_view

ADMIN_ACCESS = "wagtailadmin.access_admin"


# No cookie, no form: nothing for CSRF to protect, and visitors of cached pages have no
# CSRF token. The worst a forged request can do is count one view for its own address.
@csrf_exempt
@never_cache
def count_article_view(request: HttpRequest, article_id: int) -> HttpResponse:
    if request.method != "POST":
        response = HttpResponse(
            _("Chỉ nhận yêu cầu POST."), status=405, content_type="text/plain; charset=utf-8"
        )
        response["Allow"] = "POST"
        return response
    if not ArticlePage.objects.live().filter(pk=article_id).exists():
        return HttpResponse(
            _("Không có tin bài này."), status=404, content_type="text/plain; charset=utf-8"
        )
    # Staff reading their own articles would inflate the figures. Only a request with a
    # session cookie can be staff, so visitors cost no session or user query.
    is_staff = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.has_perm(
        ADMIN_ACCESS
    )
    if not is_staff and request.headers.get("Sec-Purpose", "") != "prefetch":
        record_view(request, article_id)
    return HttpResponse(status=204)
