"""Admin registration for directives_app: units, addressee groups, memberships."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import AddresseeGroupForm
from .models import AddresseeGroup, Membership, PublicHoliday, Unit
from .pages import VietnameseSlugInput

# Every slug field in the admin transliterates Vietnamese the way the server does.
register_form_field_override(
    models.SlugField, override={"widget": VietnameseSlugInput}, exact_class=True
)


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Đơn vị")
    list_display = ["name", "code", "kind", "abbreviation", "parent", "active"]
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
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    panels = [FieldPanel("user"), FieldPanel("unit"), FieldPanel("role")]

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


register_snippet(OrganisationViewSetGroup)


@hooks.register("register_log_actions")
def register_directive_log_actions(actions):
    @actions.register_action("directives_app.issue")
    class IssueFormatter(LogFormatter):
        label = _("Ban hành văn bản")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Ban hành số %(symbol)s ngày %(date)s") % {
                "symbol": data.get("symbol", ""),
                "date": data.get("issued_on", ""),
            }


# The letter importer registers its admin views in its own module.
from .importer import hooks as importer_hooks  # noqa: E402, F401
