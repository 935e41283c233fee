"""directives_app models, one module per concern (as wagtail.models does): units, the
calendar, directives and their parts, the register page, numbering, compliance reports and
their review, evidence, reminders, imported letters and background rows.

May import: directives_app.core; and, as Wagtail's idiom, a page's base form
(register.page_forms), a task's action forms (compliance.review_forms) and editor panels
(importer.panels). Never views: page routes reach theirs by name (core.routing)."""

from .background import OutgoingEmail, PreparedFile
from .calendar import PublicHoliday
from .compliance import (
    ComplianceReport,
    ComplianceSettings,
    ProgressTally,
    ReportStatus,
    SupplementStatus,
    TalliedDirective,
    TaskResult,
)
from .directive_parts import DirectiveAddressee, DirectiveLegalBasis, DirectivePdf, DirectiveTask
from .directives import DirectivePage, Urgency
from .evidence import Evidence
from .imports import ImportedLetter
from .numbering import NumberSequence, allocate_number
from .register import DirectiveIndexPage
from .reminders import ReminderKind, SentReminder
from .review import ReviewTask, ReviewTaskState
from .units import (
    AddresseeGroup,
    Membership,
    Unit,
    UnitAlias,
    UnitGroupObjectPermission,
    UnitKind,
    UnitUserObjectPermission,
)

__all__ = [
    "AddresseeGroup",
    "ComplianceReport",
    "ComplianceSettings",
    "DirectiveAddressee",
    "DirectiveIndexPage",
    "DirectiveLegalBasis",
    "DirectivePage",
    "DirectivePdf",
    "DirectiveTask",
    "Evidence",
    "ImportedLetter",
    "Membership",
    "NumberSequence",
    "OutgoingEmail",
    "PreparedFile",
    "ProgressTally",
    "PublicHoliday",
    "ReminderKind",
    "ReportStatus",
    "ReviewTask",
    "ReviewTaskState",
    "SentReminder",
    "SupplementStatus",
    "TalliedDirective",
    "TaskResult",
    "Unit",
    "UnitAlias",
    "UnitGroupObjectPermission",
    "UnitKind",
    "UnitUserObjectPermission",
    "Urgency",
    "allocate_number",
]
