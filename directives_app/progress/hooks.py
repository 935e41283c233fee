"""Admin hooks for what is read out of compliance reports: the leaders' dashboard
"Tiến độ thực hiện" (matrix, exports, PDF report per directive) and the receipt PDF a unit
downloads after submitting. Imported at the end of directives_app.wagtail_hooks."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from directives_app.background.prepared_file_views import (
    prepared_file_download,
    prepared_file_status,
)
from directives_app.models import ComplianceReport

from .dashboard import ProgressDashboardView, ProgressMenuItem
from .report_pdfs import progress_report_view, receipt_view


@hooks.register("register_admin_urls")
def reporting_urls():
    return [
        path("tien-do/", ProgressDashboardView.as_view(), name="directives_progress"),
        path(
            "tien-do/ket-qua/",
            ProgressDashboardView.as_view(results_only=True),
            name="directives_progress_results",
        ),
        path(
            "tien-do/<int:directive_id>/pdf/",
            progress_report_view,
            name="directives_progress_pdf",
        ),
        # Files prepared by the task worker (exports, PDF report): status, then download.
        path("tep/<uuid:file_id>/", prepared_file_status, name="directives_prepared_file"),
        path(
            "tep/<uuid:file_id>/tai-ve/",
            prepared_file_download,
            name="directives_prepared_file_download",
        ),
        path(
            "bao-cao/<int:pk>/phieu-xac-nhan/",
            receipt_view,
            name="directives_report_receipt",
        ),
    ]


@hooks.register("register_admin_menu_item")
def progress_menu_item():
    return ProgressMenuItem(
        _("Tiến độ thực hiện"),
        reverse("directives_progress"),
        name="tien-do-thuc-hien",
        icon_name="table",
        order=245,
    )


@hooks.register("register_snippet_listing_buttons")
def receipt_listing_button(snippet, user, next_url=None):
    # The listing shows only reports the user may view (UnitScopedViewSet), and the
    # receipt view asks the policy again: no permission query per row here.
    if isinstance(snippet, ComplianceReport) and snippet.submitted_at is not None:
        yield Button(
            _("Phiếu xác nhận đã gửi (PDF)"),
            url=reverse("directives_report_receipt", args=[snippet.pk]),
            icon_name="download",
            priority=60,
        )
