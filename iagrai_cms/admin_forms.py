"""Admin forms that Wagtail lets a project replace (settings.WAGTAILADMIN_USER_LOGIN_FORM)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with a label on the password field: Wagtail 8 declares the
    field without one, so Django derives "Password" from the field's name, in English
    whatever the language."""

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")
