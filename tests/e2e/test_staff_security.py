"""Content-Security-Policy in the browser (issue 12.8): the public site and the main admin
screens raise no `securitypolicyviolation` and log no console error under the policy; and
the branded login and two-factor screens (issues 12.6, 14.10) at phone and desktop size."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def _watched(page_factory, viewport=DESKTOP, label=""):
    page = page_factory(viewport, label=label)
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def _visit(page, url: str, violations: dict[str, list[str]]) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, url
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), url
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__cspViolations")
    if found:
        violations[url] = found


def _log_in(page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        page.locator("form button[type='submit']").first.click()


def test_no_policy_violation_on_public_and_admin_screens(demo_site, page_factory):
    from directives_app.models import ComplianceReport, DirectivePage
    from iagrai_cms.models import ArticlePage

    violations: dict[str, list[str]] = {}
    public = _watched(page_factory, label="public")
    directive = DirectivePage.objects.live().first()
    article = ArticlePage.objects.live().first()
    for url in ["/", "/van-ban/", directive.url, "/tin-tuc/", article.url, "/tim-kiem/?q=mạng"]:
        _visit(public, url, violations)
    public.assert_no_console_errors()

    password = demo_site["password"]
    editor = _watched(page_factory, label="editor")
    _log_in(editor, "admin", password)
    for url in ["/admin/", f"/admin/pages/{article.pk}/edit/", "/admin/pages/"]:
        _visit(editor, url, violations)
    # The rich-text editor is up and takes typing under the policy.
    editor.goto(f"/admin/pages/{article.pk}/edit/")
    expect(editor.locator(".Draftail-Editor").first).to_be_visible()
    editor.screenshot("article-editor")
    editor.assert_no_console_errors()

    report = ComplianceReport.objects.get(directive__symbol="972/UBND-VHTT", unit__code="xa-ia-ba")
    head = _watched(page_factory, label="head")
    _log_in(head, "xa-ia-ba.truong", password)
    _visit(head, "/admin/", violations)
    _visit(head, f"/admin/snippets/directives_app/compliancereport/edit/{report.pk}/", violations)
    head.screenshot("report-editor")
    head.assert_no_console_errors()

    under_review = ComplianceReport.objects.filter(workflow_states__status="in_progress").first()
    assert under_review is not None, "the demo has a report waiting for review"
    reviewer = _watched(page_factory, label="reviewer")
    _log_in(reviewer, "thamdinh", password)
    _visit(reviewer, "/admin/", violations)
    _visit(reviewer, f"/admin/bao-cao/{under_review.pk}/tham-dinh/", violations)
    reviewer.screenshot("review")
    reviewer.assert_no_console_errors()

    assert not violations, violations


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_login_and_two_factor_screens(demo_site, page_factory, settings, viewport):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.STAFF_TWO_FACTOR_REQUIRED = True
    page = _watched(page_factory, viewport)
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("link", name="Đăng nhập cán bộ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đăng nhập Cổng thông tin")
    assert "Wagtail" not in page.title()
    page.screenshot("login")

    _log_in(page, "lanhdao", demo_site["password"])
    expect(page.get_by_role("heading", name="Bật xác thực hai bước")).to_be_visible()
    assert "Wagtail" not in page.title()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot("two-factor-setup")

    user = get_user_model().objects.get(username="lanhdao")
    device = TOTPDevice.objects.get(user=user)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Mã xác thực").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận và bật").click()
    assert "/xac-thuc-hai-buoc/" not in page.url
    page.screenshot("signed-in")

    page.assert_no_console_errors()
    # Signing out from the code screen, then in again: the code screen.
    page = _watched(page_factory, viewport, label="again")
    _log_in(page, "lanhdao", demo_site["password"])
    expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()
    assert "/admin/login/" in page.url
    _log_in(page, "lanhdao", demo_site["password"])
    expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
    page.screenshot("two-factor-code")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert not page.evaluate("window.__cspViolations")
    page.assert_no_console_errors()


def test_lockout_page_on_a_phone(demo_site, page_factory):
    page = _watched(page_factory, PHONE)
    for _ in range(5):
        _log_in(page, "bientap", "sai-mat-khau")
    expect(page.get_by_role("heading", name="Tạm khóa đăng nhập")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("thử lại sau 15 phút")
    page.screenshot("lockout")
    # The right password now is refused too.
    _log_in(page, "bientap", demo_site["password"])
    expect(page.get_by_role("heading", name="Tạm khóa đăng nhập")).to_be_visible()
    assert "/admin/login/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not page.evaluate("window.__cspViolations")
