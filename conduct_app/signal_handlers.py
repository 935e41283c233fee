"""Signal handlers of conduct_app; connected by AppConfig.ready."""

from wagtail.signals import page_published

from .models import CodeOfConductPage, record_version


def code_published(sender, instance: CodeOfConductPage, revision=None, **kwargs) -> None:
    # Each published revision is a version that staff acknowledge anew.
    record_version(instance, revision)


def connect() -> None:
    page_published.connect(code_published, sender=CodeOfConductPage, dispatch_uid="code-version")
