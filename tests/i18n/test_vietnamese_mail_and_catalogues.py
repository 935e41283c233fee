"""Vietnamese beyond the screens (DESIGN §7; issue 8): the workflow notification e-mail is
in Vietnamese (RFC 2047 subject, diacritics intact) or in the recipient's language, and
`manage.py vi_coverage` measures how much of Wagtail's catalogues is translated and fails
below --min; the catalogues compile.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from email.header import decode_header, make_header
from io import StringIO
from pathlib import Path

import pytest
from admin_english import english_words, findings, visible_texts
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from screen_context import Context

from directives_app.models import DirectivePage

BASE_DIR = Path(__file__).resolve().parents[2]
REVIEWER = "thamdinh"
CLERK = "vanthu"
LEADER = "lanhdao"
ADMIN = "admin"


# -- e-mail -------------------------------------------------------------------------------

URL = re.compile(r"https?://\S+")


def decoded_subject(message) -> str:
    return str(make_header(decode_header(message.message()["Subject"])))


def mail_to(username: str) -> list:
    return [m for m in mail.outbox if m.to == [f"{username}@example.gov.vn"]]


def assert_vietnamese_email(message, *expected: str) -> None:
    """RFC 2047 subject; subject and body (and the HTML one, if sent) in Vietnamese, NFC,
    no English word (links aside); the expected phrases present."""
    raw_subject = message.message()["Subject"]
    assert raw_subject.lower().startswith("=?utf-8?"), raw_subject
    subject = decoded_subject(message)
    for text in (subject, message.body):
        assert text == unicodedata.normalize("NFC", text)
        assert not english_words(URL.sub(" ", text)), text
    assert "Xin chào" in message.body, message.body
    assert "Thay đổi cài đặt nhận thông báo tại đây:" in message.body, message.body
    for phrase in expected:
        assert phrase in subject + message.body, (phrase, subject, message.body)
    for html, _mimetype in message.alternatives:  # WAGTAILADMIN_NOTIFICATION_USE_HTML
        assert not findings(visible_texts(html)), findings(visible_texts(html))


def directive_submitted_by_the_clerk(client_for, register, form_data) -> DirectivePage:
    mail.outbox.clear()
    response = client_for(CLERK).post(
        reverse("wagtailadmin_pages:add", args=["directives_app", "directivepage", register.pk]),
        form_data(**{"action-submit": "1"}),
    )
    assert response.status_code == 302, response.status_code
    page = DirectivePage.objects.get(title=form_data()["title"])
    assert page.workflow_in_progress
    return page


def test_directive_submission_email_to_the_leader_is_vietnamese(
    client_for, register, form_data
) -> None:
    page = directive_submitted_by_the_clerk(client_for, register, form_data)
    [message] = mail_to(LEADER)
    assert decoded_subject(message) == (
        f"Trang “{page.title}” đã được gửi duyệt ở bước kiểm duyệt “Lãnh đạo duyệt ký”"
    )
    assert_vietnamese_email(message, "Lãnh đạo duyệt ký", "tăng cường tuyên truyền")

    # The leader approves: the clerk is told, in Vietnamese too.
    mail.outbox.clear()
    task_state = page.current_workflow_task_state
    approved = client_for(LEADER).post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Đồng ý ban hành"},
    )
    assert approved.status_code in (200, 302)
    [message] = mail_to(CLERK)
    assert "đã được duyệt" in decoded_subject(message), decoded_subject(message)
    assert_vietnamese_email(message, "tăng cường tuyên truyền")


def test_report_submission_email_is_vietnamese(client_for) -> None:
    mail.outbox.clear()
    report = Context(client_for).submitted_own_report()
    # The review group is told (directives_app.compliance.notifications), not the superusers.
    assert mail_to(ADMIN) == []
    [message] = mail_to(REVIEWER)
    assert decoded_subject(message) == (
        f"Báo cáo chờ thẩm định: {report.unit.name} – {report.directive.symbol}"
    )
    assert_vietnamese_email(message, report.unit.name, "Xem minh chứng, chấp nhận hoặc trả lại")


def test_notification_email_follows_the_recipients_language(
    client_for, register, form_data
) -> None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=LEADER))
    profile.preferred_language = "en"
    profile.save()
    directive_submitted_by_the_clerk(client_for, register, form_data)
    [message] = mail_to(LEADER)
    assert "has been submitted for approval" in decoded_subject(message)
    assert message.body.lstrip().startswith("Hello")


# -- coverage of Wagtail's catalogues -------------------------------------------------------


def test_vi_coverage_reports_the_share_and_passes_the_threshold() -> None:
    out = StringIO()
    call_command("vi_coverage", "--min", "95", stdout=out)
    text = out.getvalue()
    assert "wagtail/admin (django)" in text and "wagtail/admin (djangojs)" in text
    assert "wagtail/images (django)" in text
    summary = text.strip().splitlines()[-1]
    share = float(summary.split("(")[1].split("%")[0].strip())
    assert share >= 95, summary


def test_vi_coverage_fails_below_the_threshold_without_the_project_catalogues(tmp_path) -> None:
    # Wagtail's own vi catalogues alone cover a small part (DESIGN §7: about 16 %).
    out = StringIO()
    with override_settings(LOCALE_PATHS=[tmp_path]):
        with pytest.raises(CommandError, match="thấp hơn ngưỡng"):
            call_command("vi_coverage", "--min", "95", stdout=out)
        call_command("vi_coverage", "--missing", stdout=(missing := StringIO()))
    summary = out.getvalue().strip().splitlines()[-1]
    share = float(summary.split("(")[1].split("%")[0].strip())
    assert share < 30, summary
    listed = [line for line in missing.getvalue().splitlines() if line.startswith("  wagtail")]
    assert len(listed) > 1000 and "  wagtail/images (django): 'Focal point'" in listed


def test_vi_coverage_exit_status() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iagrai_cms.settings.test"}
    command = [sys.executable, str(BASE_DIR / "manage.py"), "vi_coverage"]
    passed = subprocess.run([*command, "--min", "95"], env=env, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stderr
    failed = subprocess.run([*command, "--min", "100.1"], env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert "thấp hơn ngưỡng" in failed.stderr


def test_catalogues_compile_with_format_checks() -> None:
    """msgfmt --check: placeholders kept, one plural form, valid header."""
    for po in [
        BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po",
        BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po",
    ]:
        result = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po)],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C"},
        )
        assert result.returncode == 0, result.stderr
        assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_vietnamese_catalogue_has_one_plural_form() -> None:
    text = (BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    assert "msgstr[1]" not in text
    with translation.override("vi"):
        assert translation.ngettext("%(count)s image", "%(count)s images", 2) == (
            "%(count)s hình ảnh"
        )
