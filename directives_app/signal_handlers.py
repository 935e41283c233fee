"""Signal handlers of directives_app; imported by AppConfig.ready."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import DirectivePage, DirectivePdf, Membership, Unit
from .unit_permissions import sync_unit_permissions

User = get_user_model()


@receiver(post_save, sender=Membership, dispatch_uid="membership-grant")
@receiver(post_delete, sender=Membership, dispatch_uid="membership-revoke")
def membership_changed(sender, instance: Membership, **kwargs) -> None:
    sync_unit_permissions(instance.user, instance.unit)
    loaded = getattr(instance, "_loaded_pair", None)
    if loaded and loaded != (instance.user_id, instance.unit_id):
        sync_unit_permissions(User.objects.get(pk=loaded[0]), Unit.objects.get(pk=loaded[1]))
    instance._loaded_pair = (instance.user_id, instance.unit_id)


@receiver(page_published, sender=DirectivePage, dispatch_uid="directive-published")
def directive_published(sender, instance: DirectivePage, revision, **kwargs) -> None:
    from .issuing import on_published

    on_published(instance, revision, user=revision.user if revision else None)


@receiver(post_delete, sender=DirectivePdf, dispatch_uid="directive-pdf-file")
def directive_pdf_deleted(sender, instance: DirectivePdf, **kwargs) -> None:
    # The rendered file belongs to its row; revisions never point at it.
    instance.file.delete(save=False)
