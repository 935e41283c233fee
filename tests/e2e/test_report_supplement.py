"""An accepted report is read-only for its unit; "Bổ sung" opens it for a new submission
(phone and desktop, in Vietnamese)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def _log_in(page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        page.locator("form button[type='submit']").first.click()
    assert "/admin/login/" not in page.url


def _accepted_report():
    from django.contrib.auth import get_user_model

    from directives_app.models import ComplianceReport

    User = get_user_model()
    report = ComplianceReport.objects.get(directive__symbol="972/UBND-VHTT", unit__code="xa-ia-ba")
    head, reviewer = (
        User.objects.get(username="xa-ia-ba.truong"),
        User.objects.get(username="thamdinh"),
    )
    report.summary = "Đã tuyên truyền trên loa và Zalo."
    report.save_revision(user=head)
    report.get_workflow().start(report, head)
    report.refresh_from_db()
    state = report.current_workflow_task_state
    state.task.specific.on_action(state, reviewer, "approve", revision_id=state.revision_id)
    report.refresh_from_db()
    assert report.status == "accepted"
    return report


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_accepted_report_is_read_only_until_bo_sung(demo_site, page_factory, viewport):
    report = _accepted_report()
    head = page_factory(viewport, label="head")
    _log_in(head, "xa-ia-ba.truong", demo_site["password"])
    head.goto(f"/admin/snippets/directives_app/compliancereport/edit/{report.pk}/")
    message = head.locator(".messages")
    expect(message).to_contain_text("Báo cáo đã được chấp nhận nên chỉ xem")
    button = message.get_by_role("button", name="Bổ sung")
    expect(button).to_be_visible()
    assert head.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    head.screenshot("accepted-read-only")
    with head.expect_navigation():
        button.click()
    expect(head.locator(".messages")).to_contain_text("Đã mở bổ sung")
    report.refresh_from_db()
    assert report.status == "accepted" and report.supplement == "draft"
    head.screenshot("supplement-open")
    # Let the editor's own requests finish before the test's database is flushed.
    head.wait_for_load_state("networkidle")
    head.assert_no_console_errors()
