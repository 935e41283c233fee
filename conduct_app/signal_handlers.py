"""Signal handlers of conduct_app; connected by AppConfig.ready."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published

from .models import CodeOfConductPage, Screenshot, record_version


def code_published(sender, instance: CodeOfConductPage, revision=None, **kwargs) -> None:
    # Each published revision is a version that staff acknowledge anew.
    record_version(instance, revision)


def screenshot_deleted(sender, instance: Screenshot, **kwargs) -> None:
    # A deleted report takes its screenshots with it (they may show private data); after
    # commit, so a rolled-back deletion keeps its files.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    from .incidents.notifications import notify_routed
    from .incidents.signals import report_routed

    report_routed.connect(notify_routed, dispatch_uid="report-routed-email")
    page_published.connect(code_published, sender=CodeOfConductPage, dispatch_uid="code-version")
    post_delete.connect(screenshot_deleted, sender=Screenshot, dispatch_uid="screenshot-file")
