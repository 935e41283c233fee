"""Signal handlers of directives_app; imported by AppConfig.ready."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import WorkflowState
from wagtail.signals import page_published, published, task_submitted, workflow_rejected

from .compliance.notifications import report_returned_notifier, report_submitted_notifier
from .models import ComplianceReport, DirectivePage, DirectivePdf, Membership, ReviewTaskState, Unit
from .units.permissions import sync_unit_permissions

User = get_user_model()


@receiver(post_save, sender=Membership, dispatch_uid="membership-grant")
@receiver(post_delete, sender=Membership, dispatch_uid="membership-revoke")
def membership_changed(sender, instance: Membership, raw: bool = False, **kwargs) -> None:
    if raw:  # fixtures and test snapshots carry the permission rows themselves
        return
    sync_unit_permissions(instance.user, instance.unit)
    loaded = getattr(instance, "_loaded_pair", None)
    if loaded and loaded != (instance.user_id, instance.unit_id):
        sync_unit_permissions(User.objects.get(pk=loaded[0]), Unit.objects.get(pk=loaded[1]))
    instance._loaded_pair = (instance.user_id, instance.unit_id)


@receiver(page_published, sender=DirectivePage, dispatch_uid="directive-published")
def directive_published(sender, instance: DirectivePage, revision, **kwargs) -> None:
    from .register.issuing import on_published

    on_published(instance, revision, user=revision.user if revision else None)


@receiver(post_delete, sender=DirectivePdf, dispatch_uid="directive-pdf-file")
def directive_pdf_deleted(sender, instance: DirectivePdf, **kwargs) -> None:
    # The rendered file belongs to its row; revisions never point at it.
    instance.file.delete(save=False)


# -- compliance reports follow their workflow ------------------------------------------


@receiver(task_submitted, sender=ReviewTaskState, dispatch_uid="report-submitted")
def report_submitted(sender, instance: ReviewTaskState, user=None, **kwargs) -> None:
    from .compliance.services import on_submitted

    report = instance.workflow_state.content_object
    if isinstance(report, ComplianceReport):
        on_submitted(report, instance, user)


task_submitted.connect(
    report_submitted_notifier, sender=ReviewTaskState, dispatch_uid="report-submitted-mail"
)


# Wagtail's rejection notice, with a report's own words ("trả lại để bổ sung") for reports:
# the same dispatch_uid, so whichever app connects first, one notice is sent.
_REJECTED_MAIL_UID = "workflow_state_rejected_email_notification"
workflow_rejected.disconnect(sender=WorkflowState, dispatch_uid=_REJECTED_MAIL_UID)
workflow_rejected.connect(
    report_returned_notifier, sender=WorkflowState, dispatch_uid=_REJECTED_MAIL_UID
)


@receiver(workflow_rejected, dispatch_uid="report-returned")
def report_returned(sender, instance, user=None, **kwargs) -> None:
    from .compliance.services import on_returned

    report = instance.content_object
    if isinstance(report, ComplianceReport):
        on_returned(report)


@receiver(published, sender=ComplianceReport, dispatch_uid="report-accepted")
def report_accepted(sender, instance: ComplianceReport, **kwargs) -> None:
    from .compliance.services import on_accepted

    on_accepted(instance)
