"""Reports of harmful or false information, impersonating pages and scams on social
networks: from citizens (public form) or from units (admin), with their links, screenshots
and triage state. The rules of the state machine live in `conduct_app.incidents.triage`, intake in
`conduct_app.incidents.intake`."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from conduct_app.channels.links import MAX_URL_LENGTH
from directives_app.core.pages import VietnamesePage
from directives_app.models import Unit

from .channels import Platform

CODE_PREFIX = "PA"


class Category(models.TextChoices):
    FALSE_INFORMATION = "false_information", _("Thông tin sai sự thật")
    IMPERSONATION = "impersonation", _("Giả mạo cá nhân, cơ quan, tổ chức")
    ANTI_STATE = "anti_state", _("Tuyên truyền chống phá Nhà nước")
    SCAM = "scam", _("Lừa đảo, đường dẫn giả mạo")
    OFFENSIVE = "offensive", _("Nội dung phản cảm, xúc phạm")
    OTHER = "other", _("Khác")


class Status(models.TextChoices):
    NEW = "new", _("Mới tiếp nhận")
    ASSIGNED = "assigned", _("Đã chuyển đơn vị xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    RESOLVED = "resolved", _("Đã xử lý")
    DISMISSED = "dismissed", _("Không có căn cứ xử lý")
    DUPLICATE = "duplicate", _("Trùng phản ánh đã tiếp nhận")


CLOSED_STATUSES = (Status.RESOLVED, Status.DISMISSED, Status.DUPLICATE)


class ActionTaken(models.TextChoices):
    ASKED_PLATFORM = "asked_platform", _("Đề nghị nền tảng gỡ bỏ")
    REMOVED = "removed", _("Đã gỡ bỏ")
    FINED = "fined", _("Xử phạt vi phạm hành chính")
    REFERRED = "referred", _("Chuyển cơ quan có thẩm quyền")


class Source(models.TextChoices):
    PUBLIC = "public", _("Người dân")
    STAFF = "staff", _("Cơ quan, đơn vị")


def private_storage():
    return storages["private"]


def screenshot_path(instance: Screenshot, filename: str) -> str:
    # The name is ours, never the uploader's: "phan-anh/2026/03/PA.20260305.0001-1.jpg".
    received = timezone.localtime(instance.report.received_at)
    return f"phan-anh/{received:%Y/%m}/{filename}"


@register_setting(icon="warning")
class IncidentRoutingSettings(BaseGenericSetting):
    """Which units handle reports: the police (impersonation, anti-state propaganda, scams)
    and the culture and information office (false information, offensive content, other).
    `conduct_app.incidents.triage.ROUTES` maps each category to one of the two."""

    police_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị công an xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    culture_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị văn hóa, thông tin xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tiếp nhận phản ánh")

    def handler_units(self) -> list[Unit]:
        return [unit for unit in (self.police_unit, self.culture_unit) if unit is not None]


class IncidentReport(models.Model):
    code = models.CharField(_("mã phản ánh"), max_length=20, unique=True, editable=False)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now, db_index=True)
    source = models.CharField(_("nguồn"), max_length=8, choices=Source.choices)
    platform = models.CharField(_("nền tảng"), max_length=16, choices=Platform.choices)
    category = models.CharField(_("loại vi phạm"), max_length=24, choices=Category.choices)
    impersonated = models.CharField(
        _("đối tượng bị giả mạo"),
        max_length=255,
        blank=True,
        help_text=_("Cá nhân, cơ quan hoặc tổ chức bị giả mạo."),
    )
    description = models.TextField(_("mô tả"))
    reporter_name = models.CharField(_("họ tên người phản ánh"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    reporter_email = models.EmailField(_("thư điện tử"), blank=True)
    confidential = models.BooleanField(_("đề nghị giữ bí mật danh tính"), default=False)
    reporting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    handler_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action_taken = models.CharField(
        _("biện pháp đã thực hiện"), max_length=16, choices=ActionTaken.choices, blank=True
    )
    public_outcome = models.TextField(
        _("kết quả công khai"),
        blank=True,
        help_text=_("Người phản ánh thấy nội dung này khi tra cứu mã phản ánh."),
    )
    earlier_report = models.ForeignKey(
        "self",
        verbose_name=_("phản ánh trước cùng đường dẫn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_reports",
    )
    first_action_at = models.DateTimeField(_("xử lý lần đầu lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        ordering = ["-received_at", "-pk"]
        permissions = [
            ("file_incidentreport", _("Gửi phản ánh của đơn vị")),
            ("handle_all_incidentreports", _("Xử lý phản ánh của mọi đơn vị")),
            ("view_reporter_contact", _("Xem thông tin liên hệ của người phản ánh")),
            ("view_confidential_contact", _("Xem thông tin người phản ánh đề nghị giữ bí mật")),
            ("view_incident_statistics", _("Xem thống kê phản ánh")),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def has_contact(self) -> bool:
        return bool(self.reporter_name or self.reporter_phone or self.reporter_email)

    def contact_visible_to(self, user) -> bool:
        """Whether `user` may read the reporter's name, phone and e-mail."""
        if self.confidential:
            return user.has_perm("conduct_app.view_confidential_contact")
        return user.has_perm("conduct_app.view_reporter_contact")

    @property
    def url_list(self) -> list[str]:
        return [link.url for link in self.links.all()]


class IncidentLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(report=instance)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(report=instance)

    def viewable_by_user(self, user):
        """Only the entries of reports the user may see. Wagtail's default would show every
        report's entries (codes, handlers' notes) in Site history to anyone holding any
        permission on the model, such as a commune officer who may file reports."""
        from conduct_app.incidents.permissions import INCIDENT_POLICY

        visible = INCIDENT_POLICY.instances_user_has_permission_for(user, "view")
        return self.filter(report_id__in=visible.values("pk"))


class IncidentLogEntry(BaseLogEntry):
    """The audit log of reports (registered for IncidentReport in wagtail_hooks), kept
    apart from ModelLogEntry so that who sees an entry follows who sees the report."""

    # Like PageLogEntry: the history outlives a deleted report.
    report = models.ForeignKey(
        IncidentReport, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )

    objects = IncidentLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("nhật ký xử lý phản ánh")
        verbose_name_plural = _("nhật ký xử lý phản ánh")

    def __str__(self) -> str:
        return f"IncidentLogEntry {self.pk}: {self.action} on {self.report_id}"

    @cached_property
    def object_id(self):
        return self.report_id


class ReportedLink(models.Model):
    report = models.ForeignKey(IncidentReport, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("đường dẫn"), max_length=MAX_URL_LENGTH)
    normalized_url = models.CharField(max_length=MAX_URL_LENGTH, db_index=True)

    class Meta:
        verbose_name = _("đường dẫn bị phản ánh")
        verbose_name_plural = _("đường dẫn bị phản ánh")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.url


class Screenshot(models.Model):
    """A re-encoded image (no metadata, no location) in private storage."""

    report = models.ForeignKey(IncidentReport, on_delete=models.CASCADE, related_name="screenshots")
    file = models.FileField(storage=private_storage, upload_to=screenshot_path, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("ảnh chụp màn hình")
        verbose_name_plural = _("ảnh chụp màn hình")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name or self.file.name


class TrackingCounter(models.Model):
    """The last sequential number given on a day, kept for the codes issued before random
    codes (conduct_app.incidents.tracking_codes); no longer advanced."""

    day = models.DateField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm mã phản ánh")

    def __str__(self) -> str:
        return f"{self.day}: {self.last_number}"


def allocate_tracking_code(day: datetime.date) -> str:
    """A new, unused code of `day` with a random part (conduct_app.incidents.tracking_codes): codes
    do not run in sequence, so one report's code tells nothing about another's."""
    from conduct_app.incidents.tracking_codes import new_code

    for _attempt in range(20):
        code = new_code(day)
        if not IncidentReport.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not find an unused tracking code")


class IncidentReportPage(RoutablePageMixin, VietnamesePage):
    """/phan-anh/: the public report form, and /phan-anh/tra-cuu/ the status lookup."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    privacy_note = models.TextField(
        _("cam kết bảo mật"),
        blank=True,
        help_text=_("Cho người phản ánh biết thông tin của họ được dùng và bảo vệ thế nào."),
    )

    content_panels = VietnamesePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_note"),
    ]
    folded_search_fields = ("title", "search_description", "intro")
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("trang tiếp nhận phản ánh")

    @path("", name="form")
    def report_form(self, request):
        from conduct_app.incidents.public_views import report_form

        return report_form(self, request)

    @path("tra-cuu/", name="lookup")
    def lookup(self, request):
        from conduct_app.incidents.public_views import lookup

        return lookup(self, request)
