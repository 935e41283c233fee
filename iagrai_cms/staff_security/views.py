"""The admin screens of two-factor sign-in: set up an authenticator app, enter a code.

Registered under /admin/ by iagrai_cms.wagtail_hooks; TwoFactorMiddleware sends a
signed-in user here until a code is given.
"""

from __future__ import annotations

import base64
import logging
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from conduct_app.incidents.rate_limit import client_ip

from .two_factor import has_confirmed_device

log = logging.getLogger(__name__)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"),
        max_length=10,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Mã xác thực gồm đúng 6 chữ số."))
        return code


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _check(device: TOTPDevice, form: CodeForm) -> bool:
    """Verify the code on the device; a refusal is a form error and a log line."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", _("Nhập sai quá nhiều lần. Vui lòng đợi ít giây rồi thử lại."))
    elif device.verify_token(form.cleaned_data["code"]):
        return True
    else:
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return False


@never_cache
@sensitive_post_parameters("code")
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: the 6-digit code from the user's authenticator app."""
    user = request.user
    next_url = _next_url(request)
    if not has_confirmed_device(user):
        return HttpResponseRedirect(_with_next("staff_two_factor_setup", next_url))
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(device, form):
        otp_login(request, device)
        log.info("2FA: %s verified from %s", user.get_username(), client_ip(request))
        return HttpResponseRedirect(next_url)
    if request.method == "POST":
        log.warning("2FA: wrong code for %s from %s", user.get_username(), client_ip(request))
    return render(
        request,
        "iagrai_cms/staff_security/verify.html",
        {"form": form, "next": next_url},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the key), confirm a code."""
    user = request.user
    next_url = _next_url(request)
    if has_confirmed_device(user):
        # A second device would be a way round the first: changing it is an admin's job.
        if not user.is_verified():
            return HttpResponseRedirect(_with_next("staff_two_factor_verify", next_url))
        messages.info(request, _("Tài khoản đã có ứng dụng xác thực."))
        return HttpResponseRedirect(next_url)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        log.info("2FA: %s set up a device from %s", user.get_username(), client_ip(request))
        messages.success(request, _("Đã bật xác thực hai bước cho tài khoản."))
        return HttpResponseRedirect(next_url)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "iagrai_cms/staff_security/setup.html",
        {
            "form": form,
            "next": next_url,
            # segno writes plain SVG (no script, no style attribute): safe under the CSP.
            "qr_svg": mark_safe(
                segno.make(device.config_url, error="m").svg_inline(
                    omitsize=True, light="#fff", svgclass="staff-security__qr-code"
                )
            ),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "issuer": getattr(settings, "OTP_TOTP_ISSUER", ""),
        },
        status=400 if request.method == "POST" else 200,
    )
