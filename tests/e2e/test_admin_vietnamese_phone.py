"""At 390 × 844, the head of Xã Ia Bă logs in, opens the menu, goes from the dashboard to
the seed letter's report ("972/UBND-VHTT"), fills it in and submits it: every screen on the
way, as the browser shows it (innerText, placeholders, the menu rendered by JavaScript), has
no English admin word (tests/admin_english.py). Screenshots: tests/e2e/artifacts/."""

from __future__ import annotations

from admin_english import findings
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
SEED = "972/UBND-VHTT"
HEAD = "xa-ia-ba.truong"

VISIBLE_TEXTS = """() => {
    const texts = document.body.innerText.split("\\n");
    for (const field of document.querySelectorAll("[placeholder]")) {
        if (field.offsetParent !== null) texts.push(field.getAttribute("placeholder"));
    }
    return texts.map((text) => text.trim()).filter(Boolean);
}"""


def assert_vietnamese(page, step: str) -> None:
    page.screenshot(step)
    assert page.evaluate("document.documentElement.lang") == "vi", step
    found = findings(page.evaluate(VISIBLE_TEXTS))
    assert not found, f"English on “{step}” ({page.url}):\n" + "\n".join(
        f"  {finding}" for finding in found
    )


def test_unit_head_reports_in_vietnamese(demo_site, page_factory):
    from directives_app.models import ComplianceReport

    report = ComplianceReport.objects.get(directive__symbol=SEED, unit__code="xa-ia-ba")
    page = page_factory(PHONE, label="head")

    page.goto("/admin/login/")
    assert_vietnamese(page, "login")
    page.locator("input[name='username']").fill(HEAD)
    page.locator("input[name='password']").fill(demo_site["password"])
    with page.expect_navigation():
        page.locator("form button[type='submit']").first.click()

    expect(page.get_by_role("heading", name="Việc của đơn vị")).to_be_visible()
    assert_vietnamese(page, "dashboard")

    # The menu is drawn by JavaScript from Wagtail's djangojs catalogue and the sidebar props.
    page.locator("button.sidebar-nav-toggle").click()
    expect(page.get_by_role("link", name="Báo cáo kết quả").first).to_be_visible()
    assert_vietnamese(page, "menu")
    page.locator("button.sidebar-nav-toggle").click()

    with page.expect_navigation():
        page.locator("section.unit-tasks").get_by_role("link", name=SEED).click()
    expect(page.locator(".report-header")).to_be_visible()
    assert_vietnamese(page, "report")

    for result in report.results.all():
        page.locator(f"input[name='result_{result.task_id}_outcome'][value='done']").check()
        page.locator(f"textarea[name='result_{result.task_id}_text']").fill(
            "Đã tuyên truyền trên loa truyền thanh và trang Zalo của xã."
        )
    page.locator("textarea[name='summary']").fill("Đơn vị đã triển khai đầy đủ.")
    # Sending needs evidence (issue 14 item 2): a link to the commune's post.
    page.locator("textarea[name='new_links']").fill(
        "https://zalo.me/xaiaba/bai-dang-1 | Bài đăng trên Zalo của xã"
    )
    submit = page.locator("button[name='action-submit']")
    if not submit.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    expect(submit).to_be_visible()
    assert_vietnamese(page, "actions")

    # Sending asks for confirmation, naming who receives the report.
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        submit.click()
    report.refresh_from_db()
    assert report.status == "submitted"
    expect(page.locator(".messages")).to_be_visible()
    assert_vietnamese(page, "submitted")
    page.assert_no_console_errors()
