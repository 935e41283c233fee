"""The demo objects the admin's screens point at, for the Vietnamese-language tests."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from directives_app.models import ComplianceReport, DirectivePage

SEED = "972/UBND-VHTT"
HEAD = "xa-ia-ba.truong"
CLERK = "vanthu"
SNIPPET = "wagtailsnippets_directives_app_compliancereport"


class Context:
    """Objects the URLs of the screens point at (demo data; created on first use)."""

    def __init__(self, client_for: Callable[[str], Client]) -> None:
        self.client_for = client_for

    @property
    def directive(self) -> DirectivePage:
        page = DirectivePage.objects.get(symbol=SEED)
        if page.revisions.count() < 2:  # something to compare
            page.save_revision(user=get_user_model().objects.get(username=CLERK))
        return page

    def page_revisions(self) -> tuple[int, int]:
        revisions = list(self.directive.revisions.order_by("created_at", "id"))
        return revisions[0].pk, revisions[-1].pk

    def report(self, unit: str) -> ComplianceReport:
        return ComplianceReport.objects.get(directive__symbol=SEED, unit__code=unit)

    def submitted_own_report(self) -> ComplianceReport:
        """Xã Ia Bă's report, saved and submitted by its head through the edit form."""
        report = self.report("xa-ia-ba")
        if report.latest_revision_id is None:
            data = {"summary": "Đã triển khai.", "new_caption": "", "new_links": ""}
            for result in report.results.all():
                data[f"result_{result.task_id}_outcome"] = "done"
                data[f"result_{result.task_id}_text"] = "Đã tuyên truyền trên loa và Zalo."
            self.client_for(HEAD).post(reverse(f"{SNIPPET}:edit", args=[report.pk]), data)
            data["action-submit"] = "1"
            data["new_links"] = "https://zalo.me/xaiaba/bai-dang | Bài đăng trên Zalo"
            response = self.client_for(HEAD).post(
                reverse(f"{SNIPPET}:edit", args=[report.pk]), data
            )
            assert response.status_code == 302, response.status_code
            report.refresh_from_db()
        assert report.workflow_states.exists(), "the report was not submitted"
        return report

    def report_revisions(self, report: ComplianceReport) -> tuple[int, int]:
        revisions = list(report.revisions.order_by("created_at", "id"))
        return revisions[0].pk, revisions[-1].pk
