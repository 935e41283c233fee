"""The admin of the organisation tree ("Tổ chức"): units, addressee groups, memberships
and public holidays, as Wagtail snippet viewsets."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directives_app.models import AddresseeGroup, Membership, PublicHoliday, Unit

from .forms import AddresseeGroupForm


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Đơn vị")
    # A yes/no icon; as a plain column Wagtail would print Python's True/False.
    list_display = [
        "name",
        "code",
        "kind",
        "abbreviation",
        "parent",
        BooleanColumn("active", label=Unit._meta.get_field("active").verbose_name),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code", "abbreviation"]
    ordering = ["sort_name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("short_name"), FieldPanel("abbreviation")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("subkind")]),
        FieldPanel("parent"),
        FieldPanel("header_lines"),
        FieldRowPanel([FieldPanel("place_name"), FieldPanel("email")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("active"), FieldPanel("valid_from"), FieldPanel("valid_to")]
                )
            ],
            heading=_("Hiệu lực"),
        ),
        FieldPanel("notes"),
    ]

    def get_queryset(self, request):
        return Unit.objects.select_related("parent")


class AddresseeGroupViewSet(SnippetViewSet):
    model = AddresseeGroup
    icon = "list-ul"
    menu_label = _("Nhóm nơi nhận")
    list_display = ["name", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("kinds"),
            FieldPanel("within"),
            FieldPanel("units"),
            FieldPanel("aliases"),
        ],
        base_form_class=AddresseeGroupForm,
    )


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Thành viên đơn vị")
    # Headings here: the two foreign keys have no verbose name, and Wagtail would show their
    # field names in English ("User", "Unit").
    list_display = [
        Column("user", label=_("Người dùng")),
        Column("unit", label=_("Đơn vị")),
        "role",
    ]
    list_filter = ["role"]
    panels = [
        FieldPanel("user", heading=_("Người dùng")),
        FieldPanel("unit", heading=_("Đơn vị")),
        FieldPanel("role"),
    ]

    def get_queryset(self, request):
        return Membership.objects.select_related("user", "unit")


class PublicHolidayViewSet(SnippetViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = _("Ngày nghỉ lễ")
    list_display = ["date", "name"]


class OrganisationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Tổ chức")
    menu_icon = "group"
    menu_order = 250
    items = (UnitViewSet, AddresseeGroupViewSet, MembershipViewSet, PublicHolidayViewSet)
