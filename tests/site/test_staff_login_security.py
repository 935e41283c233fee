"""Staff sign-in security (issue 12.6), through HTTP: login throttling per account and per
address (django-axes), the unlock screen and commands, two-factor sign-in (TOTP)."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "iagrai-demo"
LOGIN = "/admin/login/"
LIMIT = 5


def attempt(client: Client, username: str, password: str, ip: str = "203.0.113.7", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
        **extra,
    )


def signed_in(client: Client) -> bool:
    return client.get("/admin/", REMOTE_ADDR="203.0.113.7").status_code == 200


def fail(client: Client, username: str, times: int, ip: str = "203.0.113.7") -> list[int]:
    return [attempt(client, username, "sai-mat-khau", ip).status_code for _ in range(times)]


# -- throttling ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_wrong_passwords_then_the_right_one_is_refused_with_a_vietnamese_page():
    client = Client()
    statuses = fail(client, "bientap", LIMIT)
    # The first failures are the login form's usual error (400); the last one locks.
    assert statuses[:-1] == [400] * (LIMIT - 1)
    assert statuses[-1] == 429

    response = attempt(client, "bientap", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Tạm khóa đăng nhập" in body
    assert "Đã nhập sai mật khẩu 5 lần" in body
    assert "thử lại sau 15 phút" in body
    assert not signed_in(client)


@pytest.mark.django_db
def test_a_locked_address_refuses_another_account_too():
    fail(Client(), "bientap", LIMIT, ip="198.51.100.4")
    other = Client()
    assert attempt(other, "banbientap", PASSWORD, ip="198.51.100.4").status_code == 429
    assert not signed_in(other)
    # Another address may still sign in to that other account.
    assert attempt(other, "banbientap", PASSWORD, ip="198.51.100.5").status_code == 302


@pytest.mark.django_db
def test_a_locked_account_is_refused_from_every_address():
    for index in range(LIMIT):
        attempt(Client(), "vanthu", "sai", ip=f"192.0.2.{index + 1}")
    client = Client()
    assert attempt(client, "vanthu", PASSWORD, ip="192.0.2.200").status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_failures_below_the_limit_are_forgotten_after_a_success():
    client = Client()
    fail(client, "bientap", LIMIT - 1)
    assert attempt(client, "bientap", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, "bientap", LIMIT - 1) == [400] * (LIMIT - 1)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw_not_the_forged_one():
    # Each attempt forges a different left-most address; the proxy appends the real one.
    for index in range(LIMIT):
        attempt(
            Client(),
            f"khong-co-{index}",
            "sai",
            ip="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{index}, 203.0.113.9",
        )
    response = attempt(
        Client(), "bientap", PASSWORD, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9"
    )
    assert response.status_code == 429
    # Another client behind the same proxy is not locked.
    response = attempt(
        Client(), "bientap", PASSWORD, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10"
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_every_failure_and_the_lockout_are_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        fail(Client(), "bientap", LIMIT)
    messages = [record.getMessage() for record in caplog.records if record.name.startswith("axes")]
    assert sum(" login failure by " in message for message in messages) == LIMIT
    assert any("Locking out" in message and "bientap" in message for message in messages)


@pytest.mark.django_db
def test_an_administrator_unlocks_from_the_admin(client_for):
    from axes.models import AccessAttempt

    fail(Client(), "bientap", LIMIT)
    attempt_row = AccessAttempt.objects.get(username="bientap")
    admin = client_for("admin")
    listing = admin.get("/admin/khoa-dang-nhap/")
    assert listing.status_code == 200
    assert "bientap" in listing.content.decode()
    assert "Mở khóa" in listing.content.decode()
    delete_url = f"/admin/khoa-dang-nhap/delete/{attempt_row.pk}/"
    assert admin.get(delete_url).status_code == 200
    assert admin.post(delete_url).status_code == 302
    assert attempt(Client(), "bientap", PASSWORD).status_code == 302
    # No one adds or edits counters by hand.
    assert admin.get("/admin/khoa-dang-nhap/new/").status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["bientap", "lanhdao", "thamdinh"])
def test_only_administrators_see_the_lockouts(client_for, username):
    fail(Client(), "vanthu", LIMIT)
    response = client_for(username).get("/admin/khoa-dang-nhap/")
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_the_administrators_group_may_unlock():
    from django.contrib.auth.models import Group

    from iagrai_cms.roles import ADMINISTRATORS

    codenames = set(
        Group.objects.get(name=ADMINISTRATORS).permissions.values_list("codename", flat=True)
    )
    assert {"view_accessattempt", "delete_accessattempt"} <= codenames


@pytest.mark.django_db
def test_axes_reset_commands_unlock():
    fail(Client(), "bientap", LIMIT)
    call_command("axes_reset_username", "bientap")
    assert attempt(Client(), "bientap", PASSWORD).status_code == 302

    fail(Client(), "khong-ton-tai", LIMIT, ip="198.51.100.77")
    assert attempt(Client(), "bientap", PASSWORD, ip="198.51.100.77").status_code == 429
    call_command("axes_reset_ip", "198.51.100.77")
    assert attempt(Client(), "bientap", PASSWORD, ip="198.51.100.77").status_code == 302


# -- two-factor sign-in ------------------------------------------------------------------------

enforced = override_settings(STAFF_TWO_FACTOR_REQUIRED=True)


def password_login(username: str) -> Client:
    client = Client()
    assert attempt(client, username, PASSWORD).status_code == 302
    return client


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
@enforced
@pytest.mark.parametrize("username", ["lanhdao", "admin"])
def test_leaders_and_superusers_without_a_device_reach_only_the_set_up_page(username):
    client = password_login(username)
    for url in ["/admin/", "/admin/pages/", "/admin/snippets/", "/admin/xac-thuc-hai-buoc/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/xac-thuc-hai-buoc/"), url
    setup = client.get("/admin/xac-thuc-hai-buoc/cai-dat/")
    assert setup.status_code == 200
    body = setup.content.decode()
    assert "Bật xác thực hai bước" in body
    assert "<svg" in body  # the QR code
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in body  # the key as text, for typing in
    # Outside the admin the half-signed-in session is anonymous (no userbar, and private
    # files would answer 404 as to any visitor).
    assert "wagtail-userbar" not in client.get("/").content.decode()
    # Signing out works from the set-up screen.
    assert 'action="/admin/logout/"' in body
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.django_db
@enforced
def test_setting_up_a_device_with_a_wrong_then_a_right_code():
    client = password_login("lanhdao")
    client.get("/admin/xac-thuc-hai-buoc/cai-dat/")
    device = TOTPDevice.objects.get(user__username="lanhdao")
    wrong = client.post(
        "/admin/xac-thuc-hai-buoc/cai-dat/",
        {"code": "000000" if code_for(device) != "000000" else "111111"},
    )
    assert wrong.status_code == 400
    assert "Mã xác thực không đúng" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()
    right = client.post(
        "/admin/xac-thuc-hai-buoc/cai-dat/", {"code": code_for(device), "next": "/admin/"}
    )
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
@enforced
def test_with_a_device_a_wrong_code_is_refused_and_a_right_code_passes():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="lanhdao")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = password_login("lanhdao")
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/xac-thuc-hai-buoc/?next=")
    # The set-up page cannot add a second device past the first.
    assert client.get("/admin/xac-thuc-hai-buoc/cai-dat/")["Location"].startswith(
        "/admin/xac-thuc-hai-buoc/?"
    )
    page = client.get("/admin/xac-thuc-hai-buoc/?next=/admin/pages/")
    assert "Xác thực hai bước" in page.content.decode()

    wrong_code = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    for bad in [wrong_code, "12ab56", "", "1" * 9]:
        device.throttle_reset()
        response = client.post("/admin/xac-thuc-hai-buoc/", {"code": bad})
        assert response.status_code == 400, bad
        assert client.get("/admin/").status_code == 302
    # A wrong code slows the next attempt down (django-otp's throttling).
    client.post("/admin/xac-thuc-hai-buoc/", {"code": wrong_code})
    throttled = client.post("/admin/xac-thuc-hai-buoc/", {"code": code_for(device)})
    assert throttled.status_code == 400
    assert "đợi ít giây" in throttled.content.decode()

    device.throttle_reset()
    response = client.post(
        "/admin/xac-thuc-hai-buoc/", {"code": code_for(device), "next": "/admin/pages/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert "wagtail-userbar" in client.get("/").content.decode()  # signed in on the site too
    # The same code cannot be used twice (another session).
    other = password_login("lanhdao")
    assert other.post("/admin/xac-thuc-hai-buoc/", {"code": code_for(device)}).status_code == 400


@pytest.mark.django_db
@enforced
def test_an_open_redirect_through_next_is_refused():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="lanhdao")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = password_login("lanhdao")
    response = client.post(
        "/admin/xac-thuc-hai-buoc/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
@enforced
@pytest.mark.parametrize("username", ["bientap", "thamdinh", "xa-ia-ba.truong"])
def test_other_staff_are_unaffected(username):
    client = password_login(username)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_with_the_setting_off_leaders_sign_in_with_the_password_alone():
    client = password_login("lanhdao")
    assert client.get("/admin/").status_code == 200


def test_the_code_in_the_test_is_time_based():
    # Guards the helper above: two codes 60 s apart differ (TOTP, not a fixed number).
    key = b"0123456789abcdef0123"
    now = int(time.time())
    assert totp(key, t0=now - 60) != totp(key, t0=now) or totp(key, t0=now - 90) != totp(key)


# -- admin branding (issue 14.10) ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_login_page_is_the_portals_not_wagtails():
    from iagrai_cms.models import SiteSettings

    body = Client().get(LOGIN).content.decode()
    title = body.split("<title>")[1].split("</title>")[0]
    assert "Wagtail" not in title
    body_name = SiteSettings.objects.get().body_name
    assert f"Đăng nhập Cổng thông tin điện tử {body_name}" in body
    assert "Wagtail" not in body.split("<main")[1]
    assert "img/portal-emblem.svg" in body


@pytest.mark.django_db
def test_the_login_heading_follows_the_site_settings():
    from iagrai_cms.models import SiteSettings

    settings_row = SiteSettings.objects.get()
    settings_row.body_name = "Ủy ban nhân dân xã Ia Bă"
    settings_row.save()
    body = Client().get(LOGIN).content.decode()
    assert "Đăng nhập Cổng thông tin điện tử Ủy ban nhân dân xã Ia Bă" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/pages/", "/admin/snippets/", "/admin/xac-thuc-hai-buoc/cai-dat/"]
)
def test_admin_titles_do_not_end_in_wagtail(client_for, url):
    body = client_for("admin").get(url, follow=True).content.decode()
    title = body.split("<title>")[1].split("</title>")[0]
    assert "Wagtail" not in title
    assert title.strip().endswith("Cổng thông tin điện tử")
    assert "img/portal-emblem.svg" in body  # favicon (and sidebar logo)


@pytest.mark.django_db
def test_the_public_footer_links_the_staff_login(home):
    body = Client().get(home.url).content.decode()
    footer = body.split('class="site-footer"')[1]
    assert 'href="/admin/login/"' in footer
    assert "Đăng nhập cán bộ" in footer


# -- content security policy (issue 12.8) ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/van-ban/", "/tim-kiem/?q=a", LOGIN, "/khong-co-trang-nay/"])
def test_every_html_page_has_a_strict_policy(url):
    response = Client().get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy


@pytest.mark.django_db
def test_admin_pages_have_the_policy_too(client_for):
    response = client_for("admin").get("/admin/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_inline_scripts_carry_the_nonce_of_the_policy(client_for):
    import re

    from iagrai_cms.models import ArticlePage

    article = ArticlePage.objects.first()
    response = client_for("admin").get(f"/admin/pages/{article.pk}/edit/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "'strict-dynamic'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
    html = response.content.decode()
    tags = re.findall(r"<script\b[^>]*>", html)
    assert tags and all(f'nonce="{nonce}"' in tag for tag in tags)
    # A fresh nonce for every response.
    again = client_for("admin").get("/admin/")["Content-Security-Policy"]
    assert nonce not in again


@pytest.mark.django_db
def test_the_new_screens_have_no_english(client_for):
    from admin_english import findings, visible_texts
    from axes.models import AccessAttempt

    fail(Client(), "bientap", LIMIT)
    row = AccessAttempt.objects.get(username="bientap")
    admin = client_for("admin")
    pages = {
        "lockouts": admin.get("/admin/khoa-dang-nhap/"),
        "unlock": admin.get(f"/admin/khoa-dang-nhap/delete/{row.pk}/"),
        "setup": admin.get("/admin/xac-thuc-hai-buoc/cai-dat/"),
        "lockout page": attempt(Client(), "bientap", PASSWORD),
    }
    for name, response in pages.items():
        found = findings(visible_texts(response.content.decode()))
        assert not found, f"{name}: {found}"
    assert "Mở khóa: xóa bộ đếm 5 lần sai của tài khoản bientap" in pages["unlock"].content.decode()
