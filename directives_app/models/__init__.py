"""directives_app models, one module per concern (as wagtail.models does)."""

from .background import OutgoingEmail, PreparedFile
from .compliance import (
    ComplianceReport,
    ComplianceSettings,
    ProgressTally,
    ReportStatus,
    ReviewTask,
    ReviewTaskState,
    SupplementStatus,
    TalliedDirective,
    TaskResult,
)
from .directives import (
    DirectiveAddressee,
    DirectiveIndexPage,
    DirectiveLegalBasis,
    DirectivePage,
    DirectivePdf,
    DirectiveTask,
    PublicHoliday,
    Urgency,
)
from .evidence import Evidence
from .imports import ImportedLetter
from .numbering import NumberSequence, allocate_number
from .reminders import ReminderKind, SentReminder
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
