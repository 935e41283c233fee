"""Admin screen "Khóa đăng nhập": the failed-login counters of django-axes, and the
button that unlocks (deletes a counter). Rows are never added or edited by hand."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """View and delete (unlock) as the model permissions say; add and change never."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutIndexView(generic.IndexView):
    page_title = _("Khóa đăng nhập")

    @cached_property
    def columns(self):
        # The first column carries the row's buttons; it is the account, not a link.
        columns = super().columns
        columns[0].label = _("Tài khoản")
        return columns

    def get_list_more_buttons(self, instance):
        return []

    def get_list_buttons(self, instance):
        url = self.get_delete_url(instance)
        return [ListingButton(_("Mở khóa"), url=url, icon_name="lock-open")] if url else []


class LockoutDeleteView(generic.DeleteView):
    page_title = _("Mở khóa đăng nhập")

    @property
    def confirmation_message(self):
        return _(
            "Mở khóa: xóa bộ đếm %(count)s lần sai của tài khoản %(username)s từ địa chỉ %(ip)s?"
        ) % {
            "count": self.object.failures_since_start,
            "username": self.object.username or "—",
            "ip": self.object.ip_address or "—",
        }

    def get_success_message(self):
        return str(_("Đã mở khóa đăng nhập cho %(username)s từ %(ip)s.")) % {
            "username": self.object.username or "—",
            "ip": self.object.ip_address or "—",
        }


# Registered with wagtail.permissions by iagrai_cms.wagtail_hooks (Wagtail 8's way).
UNLOCK_POLICY = UnlockOnlyPolicy(AccessAttempt)


class LoginLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    name = "login_lockouts"
    url_prefix = "khoa-dang-nhap"
    icon = "lock"
    menu_label = _("Khóa đăng nhập")
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    delete_view_class = LockoutDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False
    exclude_form_fields = []
    ordering = ["-attempt_time"]
    search_fields = ["username", "ip_address"]
    list_display = [
        "username",
        Column("ip_address", label=_("Địa chỉ IP")),
        Column("failures_since_start", label=_("Số lần sai")),
        DateColumn("attempt_time", label=_("Lần gần nhất")),
    ]
