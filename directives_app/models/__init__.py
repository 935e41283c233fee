"""directives_app models, one module per concern (as wagtail.models does)."""

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
    "Membership",
    "Unit",
    "UnitAlias",
    "UnitGroupObjectPermission",
    "UnitKind",
    "UnitUserObjectPermission",
]
