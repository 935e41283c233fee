"""Open data: Wagtail API v2 at /api/v2/ (pages with their API fields, images, documents).

Wagtail's viewsets, with the two public parameters they pass on unchecked refused with a
400 instead of a 500 (DESIGN §9): `search_operator` other than "and"/"or", and an
`offset`/`limit` too long to be a row number. The search text itself is cleaned by the
search backend (iagrai_cms.search.backend).
"""

from django.utils.translation import gettext as _
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

# 18 digits: below 2**63, the largest row number a database takes.
MAX_NUMBER_LENGTH = 18


class CheckedSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        if request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError(_("search_operator chỉ nhận “and” hoặc “or”."))
        return super().filter_queryset(request, queryset, view)


class CheckedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            if len(request.GET.get(name, "")) > MAX_NUMBER_LENGTH:
                raise BadRequestError(_("%(name)s quá lớn.") % {"name": name})
        return super().paginate_queryset(queryset, request, view)


def _checked(viewset: type) -> type:
    filters = [
        CheckedSearchFilter if backend is SearchFilter else backend
        for backend in viewset.filter_backends
    ]
    return type(
        viewset.__name__,
        (viewset,),
        {"filter_backends": filters, "pagination_class": CheckedPagination},
    )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", _checked(PagesAPIViewSet))
api_router.register_endpoint("images", _checked(ImagesAPIViewSet))
api_router.register_endpoint("documents", _checked(DocumentsAPIViewSet))
