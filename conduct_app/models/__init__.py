"""conduct_app models, one module per concern (as wagtail.models does): the Code of Conduct
and its acknowledgements, official channels, incident reports and their log.

May import: directives_app.core, directives_app.models, and the rules the models apply
(code.blocks, channels.links, incidents.tracking_codes). Never views: page routes reach
theirs by name (directives_app.core.routing)."""

from .acknowledgements import Acknowledgement, AcknowledgementReminder, acknowledge
from .channels import OfficialChannel, OfficialChannelIndexPage, Platform
from .code import CodeOfConductPage, CodeVersion, record_version
from .incidents import (
    CLOSED_STATUSES,
    ActionTaken,
    Category,
    IncidentLogEntry,
    IncidentReport,
    IncidentReportPage,
    IncidentRoutingSettings,
    ReportedLink,
    Screenshot,
    Source,
    Status,
    TrackingCounter,
    allocate_tracking_code,
)

__all__ = [
    "CLOSED_STATUSES",
    "Acknowledgement",
    "AcknowledgementReminder",
    "ActionTaken",
    "Category",
    "CodeOfConductPage",
    "CodeVersion",
    "IncidentLogEntry",
    "IncidentReport",
    "IncidentReportPage",
    "IncidentRoutingSettings",
    "OfficialChannel",
    "OfficialChannelIndexPage",
    "Platform",
    "ReportedLink",
    "Screenshot",
    "Source",
    "Status",
    "TrackingCounter",
    "acknowledge",
    "allocate_tracking_code",
    "record_version",
]
