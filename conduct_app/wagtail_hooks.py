"""Admin registration of conduct_app: audit-log actions, the permission policy of reports,
the "Mạng xã hội" menu (triage, filing, statistics, coverage, official channels), the
dashboard panel asking staff to acknowledge the Code of Conduct."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .incidents import log_actions
from .incidents.permissions import INCIDENT_POLICY
from .models import IncidentReport

# Before register_snippet: after it, Wagtail has already bound its own policy (DESIGN §4).
register_permission_policy(IncidentReport, INCIDENT_POLICY)

from .viewsets import ConductViewSetGroup  # noqa: E402

register_snippet(ConductViewSetGroup)


@hooks.register("register_log_actions")
def register_conduct_log_actions(actions):
    log_actions.register(actions)


@hooks.register("register_admin_urls")
def conduct_admin_urls():
    from .incidents.admin_views import acknowledge_view

    return [path("quy-tac-ung-xu/xac-nhan/", acknowledge_view, name="conduct_acknowledge")]


@hooks.register("construct_homepage_panels")
def new_reports_panel(request, panels):
    from .incidents.panels import NewReportsPanel

    if INCIDENT_POLICY.user_has_permission(request.user, "change"):
        panel = NewReportsPanel.for_user(request)
        if panel is not None:
            panels.append(panel)


@hooks.register("construct_homepage_panels")
def acknowledgement_panel(request, panels):
    from .incidents.panels import AcknowledgementPanel
    from .models import CodeVersion

    version = CodeVersion.objects.current()
    if version is not None:
        panels.append(AcknowledgementPanel(request, version))
