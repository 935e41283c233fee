"""directives_app models, one module per concern (as wagtail.models does)."""

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
from .numbering import NumberSequence, allocate_number
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
    "DirectiveAddressee",
    "DirectiveIndexPage",
    "DirectiveLegalBasis",
    "DirectivePage",
    "DirectivePdf",
    "DirectiveTask",
    "Membership",
    "NumberSequence",
    "PublicHoliday",
    "Unit",
    "UnitAlias",
    "UnitGroupObjectPermission",
    "UnitKind",
    "UnitUserObjectPermission",
    "Urgency",
    "allocate_number",
]
