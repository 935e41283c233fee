from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesAppConfig(AppConfig):
    name = "directives_app"
    verbose_name = _("Văn bản chỉ đạo và đơn vị")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from . import signal_handlers  # noqa: F401
        from .core.vietnamese import normalize_model_text

        # Every model, every save: NFC is a property of the data, not of one form.
        pre_save.connect(normalize_model_text, dispatch_uid="vietnamese-nfc")
