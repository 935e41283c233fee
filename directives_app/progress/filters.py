"""The filters of the leaders' dashboard: year, type, issuer, directive and the addressed
units' level, with the same parameter names as the public register."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from directives_app.core.symbols import DocType
from directives_app.models import ComplianceReport, DirectivePage, Unit, UnitKind

# Without a year, the "Văn bản" filter offers the latest directives (and the chosen one).
DIRECTIVES_OFFERED = 200


def _year_choices() -> list[tuple[int, int]]:
    years = (
        DirectivePage.objects.filter(requires_reports=True, issued_year__isnull=False)
        .order_by("-issued_year")
        .values_list("issued_year", flat=True)
        .distinct()
    )
    return [(year, year) for year in years]


def _issuers(request) -> QuerySet[Unit]:
    return Unit.objects.filter(
        pk__in=DirectivePage.objects.filter(requires_reports=True).values("issuer_id")
    ).order_by("sort_name")


class PlainSelect(forms.Select):
    """A select whose options are written in one pass: Django renders a template per
    option, which took most of page 1 for 5,000 directives."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = {str(item) for item in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return mark_safe(f"<select{attributes}>{options}</select>")  # escaped values only


# The commune level, whatever a unit of it is called: "xã", "thị trấn", "phường" (a kind
# the tree may not have yet: provinces of communes and wards since 2025). One filter value,
# "commune" (the value the filter had), stands for all of them.
LOCAL_LEVEL_KINDS = tuple(kind for kind in ("commune", "town", "ward") if kind in UnitKind.values)


def _kinds_of(value: str) -> tuple[str, ...]:
    return LOCAL_LEVEL_KINDS if value == UnitKind.COMMUNE else (value,)


def _unit_kind_choices() -> list[tuple[str, str]]:
    choices = [(UnitKind.COMMUNE.value, _("Xã, phường, thị trấn"))]
    return choices + [
        (value, label)
        for value, label in UnitKind.choices
        if value not in LOCAL_LEVEL_KINDS and value != UnitKind.GROUP
    ]


class ProgressFilterSet(WagtailFilterSet):
    # Parameter names as on the public register (/van-ban/?nam=&loai=&co_quan=).
    nam = django_filters.ChoiceFilter(
        label=_("Năm ban hành"),
        field_name="directive__issued_year",
        choices=_year_choices,
        empty_label=_("Tất cả"),
    )
    loai = django_filters.ChoiceFilter(
        label=_("Loại văn bản"),
        field_name="directive__doc_type",
        choices=DocType.choices,
        empty_label=_("Tất cả"),
    )
    co_quan = django_filters.ModelChoiceFilter(
        label=_("Cơ quan ban hành"),
        field_name="directive__issuer",
        queryset=_issuers,
        empty_label=_("Tất cả"),
    )
    van_ban = django_filters.ChoiceFilter(
        label=_("Văn bản"),
        field_name="directive",
        choices=(),  # per request: ProgressFilterSet._directives_offered
        empty_label=_("Tất cả"),
        widget=PlainSelect,
    )
    loai_don_vi = django_filters.ChoiceFilter(
        label=_("Loại đơn vị thực hiện"),
        choices=_unit_kind_choices,
        empty_label=_("Tất cả"),
        method="filter_unit_kind",
    )

    def filter_unit_kind(self, queryset, name, value):
        return queryset.filter(unit__kind__in=_kinds_of(value))

    def tally_loai_don_vi(self, value) -> Q:
        """The same filter on the summary (progress_tally.tally_filters)."""
        return Q(unit__kind__in=_kinds_of(value))

    class Meta:
        model = ComplianceReport
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["van_ban"].extra["choices"] = self._directives_offered()

    def _directives_offered(self) -> list[tuple[int, str]]:
        """The directives of the chosen year; with no year, the latest ones (a province
        issues thousands: a phone should not receive them all) and the one chosen."""
        data = self.data or {}
        directives = DirectivePage.objects.live().filter(requires_reports=True)
        year = str(data.get("nam", ""))
        if year.isdigit() and len(year) == 4:
            directives = directives.filter(issued_year=int(year))
        else:
            chosen = str(data.get("van_ban", ""))
            latest = directives.order_by("-issued_on", "-number", "-pk").values("pk")
            wanted = Q(pk__in=list(latest[:DIRECTIVES_OFFERED].values_list("pk", flat=True)))
            if chosen.isdigit() and len(chosen) < 19:
                wanted |= Q(pk=int(chosen))
            directives = directives.filter(wanted)
        ordered = directives.order_by("-issued_on", "-number", "-pk")
        return list(ordered.values_list("pk", "title"))
