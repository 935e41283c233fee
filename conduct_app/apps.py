from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConductAppConfig(AppConfig):
    """Code of Conduct, incident reports, official channels."""

    name = "conduct_app"
    verbose_name = _("Quy tắc ứng xử và phản ánh")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
