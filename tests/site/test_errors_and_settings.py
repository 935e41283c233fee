"""Error pages, production settings, and load_demo's refusal in production."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_404_page_in_vietnamese(client):
    response = client.get("/trang-khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html
    assert 'href="/"' in html


def test_500_page_in_vietnamese_without_database(rf):
    from iagrai_cms.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
    assert '<html lang="vi">' in response.content.decode()


def run_manage(*args: str, settings: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env, DJANGO_SETTINGS_MODULE=settings)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="iagrai_cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="congthongtin.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 60])
def test_production_refuses_weak_or_missing_secret_key(key):
    result = run_manage("check", settings="iagrai_cms.settings.production", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_load_demo_refuses_production_settings():
    with (
        override_settings(DEMO_DATA_ALLOWED=False),
        pytest.raises(CommandError, match="production"),
    ):
        call_command("load_demo")


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from directives_app.models import Membership, Unit

    def counts():
        return (
            get_user_model().objects.count(),
            Unit.objects.count(),
            Membership.objects.count(),
            Page.objects.count(),
        )

    before = counts()
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert counts() == before
    assert get_user_model().objects.filter(username="xa-ia-ba.truong").exists()
    assert get_user_model().objects.get(username="admin").is_superuser


def test_settings_language_timezone_and_input_formats(settings):
    from django import forms
    from django.utils import translation

    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert ("en", "English") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES
    assert settings.ANONYMOUS_USER_NAME is None
    with translation.override("vi"):
        assert str(forms.DateField().clean("05/03/2026")) == "2026-03-05"
    with translation.override("en"):
        assert str(forms.DateField().clean("05/03/2026")) == "2026-03-05"
