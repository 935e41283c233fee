"""directives_app models, one module per concern (as wagtail.models does)."""

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
from .directives import DirectiveIndexPage, DirectivePage, Urgency
from .evidence import Evidence
from .imports import ImportedLetter
from .numbering import NumberSequence, allocate_number
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
