"""The reviewer's screen: the report with its evidence shown inline, what changed since
the previous submission, and the accept / return forms. Decisions go through the review
task of the workflow (ReviewTask.on_action), so Wagtail's workflow state, notifications
and audit log record them.

Each form carries the review step (task state) and the revision shown; a decision on a
step that is no longer under review, or on a revision other than the one shown, is
refused (409) and changes nothing. It is the only place where a report is decided: the
review task offers Wagtail's own views no action (models.compliance.ReviewTask)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages as admin_messages

from directives_app.models import ComplianceReport, ReviewTaskState

from .report_panels import report_links
from .services import SupplementRefused, start_supplement

STALE_MESSAGE = _(
    "Báo cáo đã thay đổi kể từ khi bạn mở trang này (đơn vị đã gửi lại, hoặc người thẩm "
    "định khác đã quyết định). Quyết định của bạn chưa được ghi; hãy xem lại bản hiện tại."
)


def _results_of(revision) -> dict[int, tuple[str, str]]:
    if revision is None:
        return {}
    return {
        row["task"]: (row.get("outcome", ""), row.get("text", ""))
        for row in revision.content.get("results", [])
    }


def changes_since_previous(report: ComplianceReport, task_state: ReviewTaskState) -> dict:
    """What the unit changed between the previous (returned) submission and this one."""
    previous = (
        ReviewTaskState.objects.filter(
            workflow_state__base_content_type=task_state.workflow_state.base_content_type,
            workflow_state__object_id=task_state.workflow_state.object_id,
            finished_at__isnull=False,
        )
        .exclude(pk=task_state.pk)
        .select_related("revision")
        .order_by("-finished_at")
        .first()
    )
    if previous is None:
        return {"previous": None, "changed_tasks": set(), "summary_changed": False}
    before, after = _results_of(previous.revision), _results_of(task_state.revision)
    return {
        "previous": previous,
        "changed_tasks": {task for task, value in after.items() if before.get(task) != value},
        "summary_changed": (previous.revision.content.get("summary") if previous.revision else "")
        != (task_state.revision.content.get("summary") if task_state.revision else ""),
    }


def _posted_int(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else None


def _is_reviewer(user) -> bool:
    from directives_app.models import ReviewTask

    task = ReviewTask.objects.filter(active=True).first()
    return task is not None and bool(task.review_actions(user))


def _may_read_every_report(user) -> bool:
    """Leaders and reviewers read any unit's report here, read-only unless a decision is
    theirs to take; unit staff use the report screen."""
    from directives_app.progress.dashboard import can_view_progress

    return can_view_progress(user)


def report_history(report: ComplianceReport) -> list[dict]:
    """The report's workflow steps, oldest first: sent, returned (with the ticked reasons
    and comment), accepted, each with who and when."""
    from wagtail.models import ModelLogEntry

    labels = {
        "wagtail.workflow.start": _("Gửi báo cáo"),
        "wagtail.workflow.resume": _("Gửi lại báo cáo"),
        "wagtail.workflow.reject": _("Trả lại để bổ sung"),
        "wagtail.workflow.approve": _("Chấp nhận"),
    }
    entries = (
        ModelLogEntry.objects.filter(
            content_type__app_label="directives_app",
            content_type__model="compliancereport",
            object_id=str(report.pk),
            action__in=list(labels),
        )
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    returns = list(
        ReviewTaskState.objects.filter(
            workflow_state__object_id=str(report.pk),
            workflow_state__base_content_type__model="compliancereport",
            status=ReviewTaskState.STATUS_REJECTED,
        ).order_by("finished_at")
    )
    history = []
    for entry in entries:
        step = {
            "label": labels[entry.action],
            "at": entry.timestamp,
            "by": entry.user_display_name,
            "checklist": [],
            "comment": (entry.data or {}).get("comment", ""),
        }
        if entry.action == "wagtail.workflow.reject" and returns:
            returned = returns.pop(0)
            step["checklist"] = returned.checklist
            step["comment"] = returned.comment or step["comment"]
        history.append(step)
    return history


def review_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = (
        ComplianceReport.objects.select_related("directive", "unit", "submitted_by")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    task_state = report.current_workflow_task_state if report.workflow_in_progress else None
    task = task_state.task.specific if task_state is not None else None
    actions = {name for name, _label in task.review_actions(request.user)} if task else set()
    if request.method == "POST" and not actions:
        if task_state is None and _is_reviewer(request.user):
            # Decided (or withdrawn) since the page was opened: say so rather than 404.
            messages.error(request, STALE_MESSAGE)
            return redirect("wagtailadmin_home")
        if not _may_read_every_report(request.user):
            raise Http404
        # Leaders read here; deciding is the reviewers' (a plain 403: Wagtail would turn
        # PermissionDenied into a redirect to the dashboard).
        return HttpResponseForbidden(_("Chỉ người thẩm định được quyết định báo cáo."))
    if not actions:
        if not _may_read_every_report(request.user):
            raise Http404
        return read_only_report(request, report)
    task_state = task_state.specific
    forms = {action: task.get_form_for_action(action)(prefix=action) for action in actions}
    status = 200
    stale = False
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in actions:
            return HttpResponse(_("Thao tác không hợp lệ."), status=400)
        seen_state = _posted_int(request, "task_state")
        seen_revision = _posted_int(request, "revision")
        if seen_state is None or seen_revision is None:
            return HttpResponse(
                _("Thiếu mã phiên bản báo cáo đã xem; hãy mở lại trang thẩm định."), status=400
            )
        form = task.get_form_for_action(action)(request.POST, prefix=action)
        forms[action] = form
        if seen_state != task_state.pk or seen_revision != task_state.revision_id:
            stale = True
        elif form.is_valid():
            try:
                task.on_action(
                    task_state,
                    request.user,
                    action,
                    revision_id=seen_revision,
                    **form.cleaned_data,
                )
            except PermissionDenied:
                messages.error(request, STALE_MESSAGE)
                return redirect("wagtailadmin_home")
            if action == "approve":
                # With what other apps offer for an accepted report (e.g. "make an article").
                report.refresh_from_db(fields=["status"])
                admin_messages.success(
                    request,
                    _("Đã chấp nhận báo cáo của %(unit)s.") % {"unit": report.unit.name},
                    buttons=[
                        admin_messages.button(url, label)
                        for label, url in report_links(report, request.user)
                    ],
                )
            else:
                messages.warning(
                    request,
                    _("Đã trả lại báo cáo cho %(unit)s để bổ sung.") % {"unit": report.unit.name},
                )
            return redirect("wagtailadmin_home")
        else:
            status = 400
    if stale:
        # Show what is under review now, with fresh forms: nothing was decided.
        status = 409
        forms = {action: task.get_form_for_action(action)(prefix=action) for action in actions}
        messages.error(request, STALE_MESSAGE)
    revision = task_state.revision
    submitted = revision.as_object() if revision else report
    changes = changes_since_previous(report, task_state)
    context = _report_context(report, submitted, changes["changed_tasks"])
    context.update(
        changes=changes,
        evidence=list(report.evidence.select_related("uploaded_by", "submitted_in")),
        task_state=task_state,
        forms=forms,
        history=report_history(report),
        page_title=_("Thẩm định: %(report)s") % {"report": report},
    )
    return TemplateResponse(
        request, "directives_app/compliance/review.html", context, status=status
    )


@require_POST
def start_supplement_view(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Bổ sung" on an accepted report: its unit's drafters open it for a new submission."""
    policy = ComplianceReport.snippet_viewset.scoped_policy
    report = policy.instances_user_has_permission_for(request.user, "view").filter(pk=pk).first()
    if report is None:
        raise Http404
    if not policy.user_has_permission_for_instance(request.user, "change", report):
        return HttpResponseForbidden(_("Chỉ cán bộ của đơn vị được bổ sung báo cáo này."))
    edit_url = report.snippet_viewset.get_url_name("edit")
    try:
        start_supplement(report, request.user)
    except SupplementRefused:
        messages.warning(
            request,
            _(
                "Báo cáo này không ở trạng thái đã chấp nhận, hoặc đang được bổ sung; không thay "
                "đổi gì."
            ),
        )
        return redirect(edit_url, report.pk)
    messages.success(
        request,
        _(
            "Đã mở bổ sung. Thêm kết quả, minh chứng rồi bấm gửi: bản bổ sung sẽ được thẩm "
            "định lại; bản đã chấp nhận vẫn giữ nguyên cho đến khi đó."
        ),
    )
    return redirect(edit_url, report.pk)


def _report_context(report: ComplianceReport, submitted, changed_tasks: set[int]) -> dict:
    """Results numbered as in the letter, with their tasks, and the duplicate files."""
    results = [(result, result.task_id in changed_tasks) for result in submitted.results.all()]
    tasks = {task.pk: task for task in report.directive.tasks.all()}
    numbers = report.directive.task_numbers()
    for result, _changed in results:
        if result.task_id in tasks:
            result.task = tasks[result.task_id]
        result.number = numbers.get(result.task_id, "")
    return {
        "report": report,
        "submitted": submitted,
        "results": results,
        "duplicates": duplicate_hashes(report),
    }


def read_only_report(request: HttpRequest, report: ComplianceReport) -> HttpResponse:
    """The report as last sent, its evidence and its history, for leaders (and reviewers
    once no decision is pending): no forms, nothing to change."""
    last_sent = (
        ReviewTaskState.objects.filter(
            workflow_state__object_id=str(report.pk),
            workflow_state__base_content_type__model="compliancereport",
        )
        .select_related("revision")
        .order_by("-started_at", "-pk")
        .first()
    )
    submitted = None
    if report.status == "accepted" or report.live:
        submitted = report
    elif last_sent is not None and last_sent.revision is not None:
        submitted = last_sent.revision.as_object()
    context = (
        _report_context(report, submitted, set())
        if submitted
        else {
            "report": report,
            "submitted": None,
            "results": [],
            "duplicates": duplicate_hashes(report),
        }
    )
    context.update(
        changes={"previous": None, "changed_tasks": set(), "summary_changed": False},
        evidence=list(
            report.evidence.filter(submitted_at__isnull=False).select_related("uploaded_by")
        ),
        task_state=None,
        forms={},
        read_only=True,
        history=report_history(report),
        page_title=_("Báo cáo: %(report)s") % {"report": report},
    )
    return TemplateResponse(request, "directives_app/compliance/review.html", context)


def duplicate_hashes(report: ComplianceReport) -> dict[str, list[ComplianceReport]]:
    """sha256 → other reports (another unit or directive) that used the same file."""
    from directives_app.models import Evidence

    hashes = set(report.evidence.exclude(sha256="").values_list("sha256", flat=True))
    if not hashes:
        return {}
    found: dict[str, list[ComplianceReport]] = {}
    for evidence in (
        Evidence.objects.filter(sha256__in=hashes)
        .exclude(report=report)
        .select_related("report__unit", "report__directive")
    ):
        found.setdefault(evidence.sha256, []).append(evidence.report)
    return found


GUIDES = {
    "unit": ("directives_app/guides/unit.html", _lazy("Hướng dẫn: làm và gửi báo cáo kết quả")),
    "review": ("directives_app/guides/review.html", _lazy("Hướng dẫn thẩm định báo cáo")),
}


def guide(request: HttpRequest, audience: str) -> HttpResponse:
    """The short guide for unit heads ("unit") or reviewers ("review"), in the admin."""
    if audience not in GUIDES:
        raise Http404
    template, title = GUIDES[audience]
    return TemplateResponse(request, template, {"page_title": title})
