from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .api import api_router
from .news import views as news_views
from .search import views as search

handler500 = "iagrai_cms.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tim-kiem/", search.search, name="search"),
    path("api/v2/", api_router.urls),
    path("tep/", include("directives_app.urls")),
    path("tep/", include("conduct_app.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    # Outside /tin-tuc/ so that no article slug can shadow it; never cached.
    path("luot-xem/<id:article_id>/", news_views.count_article_view, name="article_view"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
