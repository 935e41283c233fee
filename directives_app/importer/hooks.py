"""Admin views of the importer ("Nhập văn bản"); imported by directives_app.wagtail_hooks."""

from __future__ import annotations

from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogActionRegistry, LogFormatter

from .views import ImportLetterView, registers_for


class ImportMenuItem(MenuItem):
    """Shown to whoever may add a directive to a register (the office clerk)."""

    def is_shown(self, request) -> bool:
        return bool(registers_for(request.user))


@hooks.register("register_admin_urls")
def importer_urls() -> list[URLPattern]:
    return [path("van-ban/nhap/", ImportLetterView.as_view(), name="directives_import")]


@hooks.register("register_admin_menu_item")
def importer_menu_item() -> MenuItem:
    return ImportMenuItem(
        _("Nhập văn bản"),
        reverse("directives_import"),
        name="nhap-van-ban",
        icon_name="upload",
        order=240,
    )


@hooks.register("register_log_actions")
def importer_log_actions(actions: LogActionRegistry) -> None:
    @actions.register_action("directives_app.import")
    class ImportFormatter(LogFormatter):
        label = _("Nhập từ văn bản")

        def format_message(self, log_entry) -> str:
            data = log_entry.data or {}
            return _("Tạo từ văn bản nhập “%(source)s” (%(count)s cảnh báo)") % {
                "source": data.get("source", ""),
                "count": data.get("warnings", 0),
            }
