from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConductAppConfig(AppConfig):
    """Code of Conduct, incident reports, official channels."""

    name = "conduct_app"
    verbose_name = _("Quy tắc ứng xử và phản ánh")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from . import signal_handlers
        from .channels import views as channel_views  # noqa: F401 (page views register)
        from .incidents import public_views  # noqa: F401 (page views register)
        from .incidents.permissions import INCIDENT_POLICY
        from .models import IncidentReport

        signal_handlers.connect()
        # Before wagtail_hooks registers the snippet: Wagtail binds the policy it finds then.
        register_permission_policy(IncidentReport, INCIDENT_POLICY)
