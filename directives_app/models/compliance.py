"""Compliance reports: one per (directive, unit), reviewed on Wagtail's workflow engine.

A report is a snippet with revisions, drafts, locking and workflows: the unit drafts and its
head submits (starts the "Thẩm định báo cáo" workflow); a reviewer accepts (the approved
revision is published: "live" means accepted) or returns it with a checklist. `status` is a
denormalised copy of that state, kept by signal handlers (directives_app.compliance.services), so
dashboards over thousands of reports are one indexed query.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.locks import BaseLock, WorkflowLock
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)
from wagtail.search import index

from .directives import DirectivePage, DirectiveTask
from .units import Unit


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ thẩm định")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    WITHDRAWN = "withdrawn", _("Không còn giao")


OPEN_STATUSES = (ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED)

# The one state a unit reads for its report (overdue is a separate badge, never a state).
# Longer than the stored labels, which the matrix and exports keep short.
STATE_LABELS = {
    ReportStatus.NOT_STARTED: _("Chưa làm"),
    ReportStatus.DRAFT: _("Đang soạn"),
    ReportStatus.SUBMITTED: _("Đã gửi – chờ thẩm định"),
    ReportStatus.RETURNED: _("Bị trả lại – cần bổ sung"),
    ReportStatus.ACCEPTED: _("Đã chấp nhận"),
    ReportStatus.WITHDRAWN: _("Không còn giao"),
}


class SupplementStatus(models.TextChoices):
    """Where an accepted report's supplement ("Bổ sung") stands. The report stays accepted
    (its accepted revision live) until a supplement is itself accepted."""

    NONE = "", _("Không bổ sung")
    DRAFT = "draft", _("đang bổ sung")
    SUBMITTED = "submitted", _("bổ sung chờ thẩm định")
    RETURNED = "returned", _("bổ sung bị trả lại")


@register_setting(icon="tasks")
class ComplianceSettings(BaseGenericSetting):
    default_due_working_days = models.PositiveSmallIntegerField(
        _("hạn báo cáo mặc định (ngày làm việc)"),
        default=10,
        help_text=_("Khi nhiệm vụ không ghi hạn: số ngày làm việc kể từ ngày ban hành."),
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        _("dung lượng tối đa mỗi tệp minh chứng (MB)"), default=20
    )

    class Meta:
        verbose_name = _("cài đặt báo cáo kết quả")


class ComplianceReportQuerySet(models.QuerySet):
    def open(self) -> ComplianceReportQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> ComplianceReportQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())


class ComplianceReport(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    directive = models.ForeignKey(
        DirectivePage, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=ReportStatus.choices,
        default=ReportStatus.NOT_STARTED,
        db_index=True,
    )
    due_date = models.DateField(_("hạn báo cáo"), null=True, blank=True, db_index=True)
    summary = models.TextField(
        _("kết quả chung"), blank=True, help_text=_("Tóm tắt việc đơn vị đã làm.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    supplement = models.CharField(
        _("bổ sung sau khi chấp nhận"),
        max_length=16,
        choices=SupplementStatus.choices,
        default=SupplementStatus.NONE,
        blank=True,
        db_index=True,
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="compliancereport")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="compliancereport",
        for_concrete_model=False,
    )

    objects = ComplianceReportQuerySet.as_manager()

    search_fields = [
        index.SearchField("summary"),
        index.FilterField("status"),
        index.FilterField("unit_id"),
    ]

    class Meta:
        verbose_name = _("báo cáo kết quả thực hiện")
        verbose_name_plural = _("báo cáo kết quả thực hiện")
        constraints = [
            models.UniqueConstraint(fields=["directive", "unit"], name="one_report_per_unit")
        ]
        indexes = [
            # The dashboard's overdue list (oldest due date first, 100 rows) walks this
            # instead of sorting every open report (issue 17: 800,000 reports).
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(status__in=["not_started", "draft", "returned"]),
                name="report_open_by_due_date",
            )
        ]
        permissions = [("review_compliancereport", _("Thẩm định báo cáo của mọi đơn vị"))]

    def __str__(self) -> str:
        return f"{self.unit.name} – {self.directive.symbol}"

    # Bookkeeping kept by the services, not by the unit's edits: a revision restored or
    # published later must not bring back an old status, due date or submitter.
    BOOKKEEPING_FIELDS = (
        "directive_id",
        "unit_id",
        "status",
        "due_date",
        "created_at",
        "submitted_at",
        "submitted_by_id",
        "decided_at",
        "supplement",
    )
    # The workflow's finish action publishes the revision the reviewer decided on, not
    # whatever revision is latest (directives_app.register.workflow_actions).
    publish_reviewed_revision = True

    @property
    def revisions(self):
        return self._revisions

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.BOOKKEEPING_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        if self.status == ReportStatus.NOT_STARTED:
            type(self).objects.filter(pk=self.pk).update(status=ReportStatus.DRAFT)
            self.status = ReportStatus.DRAFT
        return revision

    def get_lock(self):
        # Wagtail's own locks first (manual lock, the review step's lock); then an accepted
        # report is read-only until its unit starts a supplement ("Bổ sung").
        if lock := super().get_lock():
            return lock
        if self.status == ReportStatus.ACCEPTED and not self.supplement:
            return AcceptedReportLock(self)
        return None

    def days_left(self, today: datetime.date | None = None, off=None) -> int | None:
        """Working days until the due date (negative: days late)."""
        from directives_app.core.working_days import working_days_between

        if self.due_date is None:
            return None
        return working_days_between(today or timezone.localdate(), self.due_date, off)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (
            self.status in OPEN_STATUSES
            and self.due_date is not None
            and self.due_date < (today or timezone.localdate())
        )

    @property
    def directive_symbol(self) -> str:
        return self.directive.symbol

    @property
    def state_label(self) -> str:
        """The report's one state in words; `is_overdue()` is shown beside it. An accepted
        report being supplemented stays accepted and says where its supplement stands."""
        label = str(STATE_LABELS.get(self.status, self.get_status_display()))
        if self.status == ReportStatus.ACCEPTED and self.supplement:
            return f"{label} – {self.get_supplement_display()}"
        return label

    @property
    def display_status(self) -> str:
        """The state, with "quá hạn" appended for an open report past its due date (for
        listings that have one column)."""
        if self.is_overdue():
            return _("%(state)s · quá hạn") % {"state": self.state_label}
        return self.state_label

    def missing_for_submission(
        self, results: list[TaskResult] | None = None, evidence_count: int | None = None
    ) -> list[str]:
        """What keeps this report from being sent, in words a unit head reads (empty: it
        may be sent).

        `results` and `evidence_count` describe the report as the form is about to save
        it; by default, as stored. Every assigned task needs a result; done or partly
        done needs what was done, "not done" needs a reason; and at least one evidence
        item unless every task is "not done".
        """
        if results is None:
            results = list(self.results.all())
        if evidence_count is None:
            evidence_count = self.evidence.count() if self.pk else 0
        numbers = self.directive.task_numbers()
        missing: list[str] = []
        for result in sorted(results, key=lambda r: numbers.get(r.task_id, 0)):
            label = _("Nhiệm vụ %(number)s") % {"number": numbers.get(result.task_id, "?")}
            text = (result.text or "").strip()
            if not result.outcome:
                missing.append(_("%(task)s: chưa chọn kết quả thực hiện.") % {"task": label})
            elif result.outcome == TaskResult.Outcome.NOT_DONE and not text:
                missing.append(_("%(task)s: chưa ghi lý do chưa thực hiện.") % {"task": label})
            elif result.outcome != TaskResult.Outcome.NOT_DONE and not text:
                missing.append(_("%(task)s: chưa ghi nội dung đã thực hiện.") % {"task": label})
        all_not_done = bool(results) and all(
            r.outcome == TaskResult.Outcome.NOT_DONE for r in results
        )
        if evidence_count == 0 and not all_not_done:
            missing.append(_("Chưa có minh chứng: thêm ít nhất một ảnh, tệp hoặc đường dẫn."))
        return [str(item) for item in missing]


class TaskResult(models.Model):
    """The unit's result for one task of the directive assigned to it."""

    class Outcome(models.TextChoices):
        DONE = "done", _("Đã hoàn thành")
        PARTLY = "partly", _("Hoàn thành một phần")
        NOT_DONE = "not_done", _("Chưa thực hiện")

    report = ParentalKey(ComplianceReport, on_delete=models.CASCADE, related_name="results")
    task = models.ForeignKey(DirectiveTask, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    text = models.TextField(_("nội dung đã thực hiện"), blank=True)

    class Meta:
        verbose_name = _("kết quả nhiệm vụ")
        verbose_name_plural = _("kết quả nhiệm vụ")
        ordering = ["task__sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.task} – {self.get_outcome_display()}"


class ReviewTask(AbstractGroupApprovalTask):
    """Reviewers accept a report or return it with a checklist of what is missing."""

    checklist_items = models.TextField(
        _("danh mục trả lại"),
        default=(
            "Thiếu kết quả của nhiệm vụ\n"
            "Minh chứng chưa đủ hoặc không liên quan\n"
            "Ảnh không rõ, không đúng nội dung\n"
            "Thiếu đường dẫn bài đăng trên kênh thông tin\n"
            "Số liệu chưa chính xác"
        ),
        help_text=_("Mỗi dòng một lý do người thẩm định có thể chọn khi trả lại báo cáo."),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["checklist_items"]

    class Meta:
        verbose_name = _("thẩm định báo cáo")
        verbose_name_plural = _("thẩm định báo cáo")

    @property
    def checklist(self) -> list[str]:
        return [line.strip() for line in self.checklist_items.splitlines() if line.strip()]

    # Reviewers decide on the reviewer screen and do nothing else (directives_app.
    # review_views). Wagtail's group-approval defaults would let the group open the unit's
    # editor, save revisions, lock it, cancel its workflow (cancelling is offered to whoever
    # may "approve") and approve from its dashboard panel or workflow URLs, with no check of
    # the revision the reviewer saw. So, to Wagtail, this task offers no action at all.

    def start(self, workflow_state, user=None):
        # Wagtail takes the step's revision from the workflow state's cached object; on a
        # resubmission that object was loaded before the edit view saved the new revision,
        # so the step would point at the returned revision (what the reviewer already saw)
        # instead of what the unit has just sent.
        workflow_state.content_object.refresh_from_db(fields=["latest_revision"])
        return super().start(workflow_state, user=user)

    def user_can_access_editor(self, obj, user) -> bool:
        return False

    def locked_for_user(self, obj, user) -> bool:
        # Nobody edits what is under review: the reviewer decides on exactly what was sent.
        return True

    def user_can_lock(self, obj, user) -> bool:
        return False

    def user_can_unlock(self, obj, user) -> bool:
        return False

    def get_actions(self, obj, user):
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # Keeps report reviews out of Wagtail's "Awaiting your review" panel and report
        # filter: the reviewers' queue is the "Chờ thẩm định" panel.
        return TaskState.objects.none()

    def review_actions(self, user) -> list[tuple[str, str]]:
        """(action, label) the user may take on the reviewer screen."""
        if user.is_superuser or self._user_in_groups(user):
            return [("reject", _("Trả lại")), ("approve", _("Chấp nhận"))]
        return []

    def get_form_for_action(self, action):
        from directives_app.compliance.review_forms import form_for_review_action

        return form_for_review_action(self, action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from directives_app.compliance.services import decide

        return decide(self, task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Người thẩm định chấp nhận hoặc trả lại báo cáo kèm danh mục còn thiếu")


class ReviewLock(WorkflowLock):
    """While a report is under review nobody edits it (the reviewers decide on the screen
    made for it); Wagtail's message would say that reviewers may edit."""

    def get_message(self, user):
        return _(
            "Báo cáo đã được gửi và đang chờ thẩm định; không thể sửa cho đến khi có kết quả "
            "thẩm định."
        )

    def get_locked_by(self, user, can_lock=False):
        return _("Đang chờ thẩm định")

    def get_description(self, user, can_lock=False):
        return _("Báo cáo đang chờ thẩm định: không ai sửa được cho đến khi có kết quả.")


class AcceptedReportLock(BaseLock):
    """An accepted report is read-only; its unit adds to it through "Bổ sung", which starts
    a new submission (compliance.start_supplement)."""

    def for_user(self, user) -> bool:
        return True

    def get_message(self, user):
        from django.urls import reverse
        from django.utils.html import format_html

        message = _(
            "Báo cáo đã được chấp nhận nên chỉ xem, không sửa được. Muốn gửi thêm kết quả "
            "hoặc minh chứng, bấm “Bổ sung”: bản bổ sung được gửi thẩm định lại, bản đã "
            "chấp nhận vẫn giữ nguyên cho đến khi bản bổ sung được chấp nhận."
        )
        policy = type(self.object).snippet_viewset.scoped_policy
        if not policy.user_has_permission_for_instance(user, "change", self.object):
            return message
        return format_html(
            '{} <span class="buttons"><button type="button" class="button button-small '
            'button-secondary" data-controller="w-action" data-action="w-action#post" '
            'data-w-action-url-value="{}">{}</button></span>',
            message,
            reverse("directives_report_supplement", args=[self.object.pk]),
            _("Bổ sung"),
        )

    def get_locked_by(self, user):
        return _("Đã chấp nhận")

    def get_description(self, user):
        return _(
            "Báo cáo đã được chấp nhận nên chỉ xem, không sửa được; bấm “Bổ sung” để gửi thêm."
        )


ReviewTask.lock_class = ReviewLock


class ReviewTaskState(TaskState):
    """A review step, with the checklist the reviewer ticked when returning."""

    checklist = models.JSONField(default=list, blank=True)


ReviewTask.task_state_class = ReviewTaskState


# -- the leaders' dashboard summary ------------------------------------------------------
# Kept by database triggers on the reports table (see directives_app.progress.tally), so
# that every change of a report (service, signal, bulk update, a hand-made UPDATE) moves
# the counts in the same transaction. Keys use sentinels instead of NULL (NULLs are never
# equal in a unique constraint): year 0 and issuer 0 for "none", due date NO_DUE_DATE for
# reports whose due date cannot make them overdue (closed, or no due date).

NO_DUE_DATE = datetime.date(9999, 12, 31)


class ProgressTally(models.Model):
    """How many reports of a unit, for directives of one (year, type, issuer), are in one
    stored status with one due date (open reports only; the others share NO_DUE_DATE)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False)
    issued_year = models.PositiveSmallIntegerField()
    doc_type = models.CharField(max_length=32)
    issuer_key = models.PositiveIntegerField()
    status = models.CharField(max_length=16)
    due_date = models.DateField()
    reports = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "issued_year", "doc_type", "issuer_key", "status", "due_date"],
                name="one_progress_tally_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.issued_year} {self.doc_type} {self.status}: {self.reports}"


class TalliedDirective(models.Model):
    """A directive whose reports ProgressTally counts, with the key values they were
    counted under. Only live directives that require reports are here; a plain integer,
    not a foreign key, so that deleting a page leaves the row for the reconciliation."""

    directive_id = models.IntegerField(primary_key=True)
    issued_year = models.PositiveSmallIntegerField()
    doc_type = models.CharField(max_length=32)
    issuer_key = models.PositiveIntegerField()

    def __str__(self) -> str:
        return str(self.directive_id)
