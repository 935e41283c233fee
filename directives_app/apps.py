from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesAppConfig(AppConfig):
    name = "directives_app"
    verbose_name = _("Văn bản chỉ đạo và đơn vị")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import pre_save
        from wagtail.permissions import register_permission_policy

        from . import signal_handlers  # noqa: F401
        from .compliance.permissions import REPORT_POLICY
        from .core.vietnamese import normalize_model_text
        from .models import ComplianceReport

        # The views that page routes call by name (core.routing) register on import.
        from .progress import exports  # noqa: F401 (prepared-file builders register)
        from .progress import views as progress_views  # noqa: F401
        from .register import feeds, pdf, views  # noqa: F401

        # Before wagtail_hooks registers the snippet: Wagtail binds the policy it finds then.
        register_permission_policy(ComplianceReport, REPORT_POLICY)
        # Every model, every save: NFC is a property of the data, not of one form.
        pre_save.connect(normalize_model_text, dispatch_uid="vietnamese-nfc")
