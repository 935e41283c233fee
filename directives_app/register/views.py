"""The public register: listing with filters and search, and the links between directives
(legal basis ↔ documents in the register). Each function runs a fixed number of queries."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from directives_app.core.symbols import DocType, find_symbols
from directives_app.core.vietnamese import fold, nfc
from directives_app.models import DirectiveLegalBasis, DirectivePage, Unit

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
LIST_FIELDS = (
    "id",
    "title",
    "url_path",
    "path",
    "depth",
    "symbol",
    "issued_on",
    "doc_type",
    "issuer__name",
)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def register_queryset(index, params: QueryDict) -> tuple[QuerySet, dict]:
    """Live directives under `index`, filtered by the GET parameters, newest first."""
    live = DirectivePage.objects.live().child_of(index)
    directives = live
    filters = {
        "nam": _int(params.get("nam")),
        "loai": params.get("loai") if params.get("loai") in DocType.values else "",
        "co_quan": params.get("co_quan", "")[:80],
        "don_vi": params.get("don_vi", "")[:80],
        "q": nfc(params.get("q", "").strip())[:MAX_QUERY_LENGTH],
    }
    if filters["nam"]:
        directives = directives.filter(issued_year=filters["nam"])
    if filters["loai"]:
        directives = directives.filter(doc_type=filters["loai"])
    if filters["co_quan"]:
        directives = directives.filter(issuer__code=filters["co_quan"])
    if filters["don_vi"]:
        directives = directives.filter(addressees__unit__code=filters["don_vi"])
    exact_ids: list[int] = []
    if filters["q"]:
        symbols = find_symbols(filters["q"].upper())
        if symbols:
            exact_ids = list(directives.filter(symbol__in=symbols).values_list("pk", flat=True))
        # The search backend filters only on indexed fields, not on the issuer's or
        # addressees' codes: search the register, then intersect with the other filters.
        found = live.only("id").search(fold(filters["q"]), operator="and")
        matched = [page.pk for page in found]
        directives = directives.filter(pk__in=set(matched) | set(exact_ids))
    # Only what a row shows: a page row has some forty columns, each one converted.
    directives = (
        directives.select_related("issuer")
        .only(*LIST_FIELDS)
        .order_by("-issued_on", "-number", "-pk")
    )
    return directives, {**filters, "exact_ids": exact_ids}


FILTER_NAMES = ("q", "nam", "loai", "co_quan", "don_vi")


def register_context(index, request: HttpRequest) -> dict:
    directives, filters = register_queryset(index, request.GET)
    paginator = Paginator(directives, PER_PAGE)
    # Not a number: the first page; past the end: the last.
    page = paginator.get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    if filters["exact_ids"]:  # a searched symbol's own document comes first
        rows.sort(key=lambda row: row.pk not in filters["exact_ids"])
    live = DirectivePage.objects.live().child_of(index)
    query = request.GET.copy()
    query.pop("trang", None)
    return {
        "directives": rows,
        "page_obj": page,
        "paginator": paginator,
        "filters": filters,
        "filter_query": query.urlencode(),
        "active_filters": sum(1 for name in FILTER_NAMES if filters.get(name)),
        "years": list(
            live.filter(issued_year__isnull=False)
            .order_by("-issued_year")
            .values_list("issued_year", flat=True)
            .distinct()
        ),
        "doc_types": DocType.choices,
        "issuers": Unit.objects.filter(pk__in=live.values("issuer_id")).order_by("sort_name"),
        "units": Unit.objects.filter(pk__in=live.values("addressees__unit_id")).order_by(
            "sort_name"
        ),
    }


def cited_directives(items: list[DirectiveLegalBasis]) -> dict[int, DirectivePage]:
    """Legal-basis item id → the directive in the register with that symbol (one query)."""
    symbols = {item.symbol for item in items if item.symbol}
    if not symbols:
        return {}
    by_symbol = {
        directive.symbol: directive
        for directive in DirectivePage.objects.live()
        .filter(symbol__in=symbols)
        .only("id", "title", "url_path", "symbol")
    }
    return {item.pk: by_symbol[item.symbol] for item in items if item.symbol in by_symbol}


def citing_directives(page: DirectivePage) -> list[DirectivePage]:
    """Live directives whose legal basis cites this one."""
    if not page.number:
        return []
    return list(
        DirectivePage.objects.live()
        .filter(pk__in=DirectiveLegalBasis.objects.filter(symbol=page.symbol).values("page_id"))
        .exclude(pk=page.pk)
        .only("id", "title", "url_path", "symbol", "issued_on")
        .order_by("-issued_on")
    )
