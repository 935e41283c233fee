"""Site search at /tim-kiem/: accent-insensitive ("quan ly" finds "quản lý")."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page

from directives_app.core.vietnamese import fold

MAX_QUERY_LENGTH = 200
PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    folded = fold(query)
    if folded.strip():
        # Pages index a folded copy of their text (VietnamesePage.folded_text), so the
        # folded query matches accented and unaccented text alike.
        results = Page.objects.live().public().search(folded, operator="and")
    else:
        results = Page.objects.none()
    paginator = Paginator(results, PER_PAGE)
    # Not a number: the first page; past the end: the last.
    page = paginator.get_page(request.GET.get("trang"))
    return TemplateResponse(
        request,
        "iagrai_cms/search.html",
        {"query": query, "results": page, "paginator": paginator},
    )
