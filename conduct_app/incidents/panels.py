"""Admin panels of conduct_app: the report and its triage form in the triage editor, and
the Code of Conduct acknowledgement on the dashboard."""

from __future__ import annotations

from django.middleware.csrf import get_token
from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component

from conduct_app.models import Acknowledgement, CodeVersion

from .permissions import INCIDENT_POLICY


class TemplatePanel(Panel):
    """A panel that renders a template with the report and the form; it declares no fields
    (the form class does)."""

    template_name = ""

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            user = self.request.user
            visible = INCIDENT_POLICY.instances_user_has_permission_for(user, "view")
            related = [report.earlier_report] if report.earlier_report_id else []
            related += list(report.later_reports.all())
            visible_ids = set(
                visible.filter(pk__in=[r.pk for r in related]).values_list("pk", flat=True)
            )
            context.update(
                report=report,
                form=self.form,
                links=list(report.links.all()),
                screenshots=list(report.screenshots.all()),
                show_contact=report.contact_visible_to(user),
                related=[(r, r.pk in visible_ids) for r in related],
            )
            return context


class ReportDetailsPanel(TemplatePanel):
    template_name = "conduct_app/admin/panel_report.html"


class TriagePanel(TemplatePanel):
    template_name = "conduct_app/admin/panel_triage.html"
    fields = ["step", "unit", "measure", "duplicate_of", "outcome", "note"]

    def get_form_options(self):
        # Claimed, so that Wagtail does not render them a second time as "missing" fields
        # (two inputs of one name post two values, and the last, empty one wins).
        options = super().get_form_options()
        options["fields"] = [*options.get("fields", []), *self.fields]
        return options


class AcknowledgementPanel(Component):
    """ "Tôi đã đọc và cam kết thực hiện" for the current version of the Code."""

    name = "code_acknowledgement"
    order = 40
    template_name = "conduct_app/admin/panel_acknowledgement.html"

    def __init__(self, request, version: CodeVersion):
        self.request = request
        self.version = version

    def get_context_data(self, parent_context=None):
        acknowledgement = Acknowledgement.objects.filter(
            user=self.request.user, version=self.version
        ).first()
        return {
            "version": self.version,
            "page": self.version.page,
            "acknowledgement": acknowledgement,
            "csrf_token": get_token(self.request),
        }


class NewReportsPanel(Component):
    """ "Phản ánh mới" on a handler's dashboard: reports assigned to their unit that nobody
    has started, oldest first, with the days they have waited."""

    name = "new_incident_reports"
    order = 30
    template_name = "conduct_app/admin/panel_new_reports.html"
    shown = 10

    def __init__(self, request, reports: list, count: int):
        self.request = request
        self.reports = reports
        self.count = count

    @classmethod
    def for_user(cls, request) -> NewReportsPanel | None:
        from django.utils import timezone

        from conduct_app.models import Status

        queryset = (
            INCIDENT_POLICY.instances_user_has_permission_for(request.user, "change")
            .filter(status=Status.ASSIGNED)
            .order_by("received_at", "pk")
        )
        count = queryset.count()
        if not count:
            return None
        today = timezone.localdate()
        reports = list(queryset.select_related("handler_unit")[: cls.shown])
        for report in reports:
            report.days_waiting = (today - timezone.localdate(report.received_at)).days
        return cls(request, reports, count)

    def get_context_data(self, parent_context=None):
        return {"reports": self.reports, "count": self.count}
