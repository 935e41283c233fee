from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IagraiCmsConfig(AppConfig):
    name = "iagrai_cms"
    verbose_name = _("Cổng thông tin")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # public_input registers the bounded `<id:…>` URL converter before URLs load.
        from .caching import page_cache
        from .news import image_renditions, tags
        from .news import permissions as news_permissions
        from .search import public_input  # noqa: F401

        page_cache.connect_signals()
        news_permissions.connect_signals()
        tags.connect_signals()
        image_renditions.connect_signals()
