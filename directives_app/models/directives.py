"""Directives (công văn, kế hoạch, quyết định, …) as structured Wagtail pages.

A directive is entered once and gives the public page, the register listing, the official
PDF, the feed and the API. Issuing is publishing: approval of the "Trình ký" workflow (or a
publish by someone allowed to) allocates the number (models.numbering) and fixes the date.
"""

from __future__ import annotations

import datetime

from anyascii import anyascii
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from directives_app.core.pages import SpecificChildRouting, VietnamesePage
from directives_app.core.symbols import DocType, compose_symbol, find_symbols
from directives_app.core.vietnamese import document_date
from directives_app.importer.panels import ImportWarningsPanel
from directives_app.register.page_forms import DirectivePageForm

from .numbering import allocate_number
from .units import AddresseeGroup, Unit


class TasksAPIField(serializers.Field):
    """The tasks with their addressees resolved, for /api/v2/ (see DirectivePage.api_tasks)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page.api_tasks


class Urgency(models.TextChoices):
    NORMAL = "", _("Thường")
    URGENT = "khan", _("Khẩn")
    VERY_URGENT = "thuong_khan", _("Thượng khẩn")
    FLASH = "hoa_toc", _("Hỏa tốc")


class PublicHoliday(models.Model):
    """A day off that is not a weekend (Tết, 30/4, 2/9...): working-day deadlines skip it."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=120)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.name}"


class DirectiveIndexPage(RoutablePageMixin, SpecificChildRouting, VietnamesePage):
    """The public register at /van-ban/ (listing, filters, search, RSS)."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = VietnamesePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["directives_app.DirectivePage"]
    parent_page_types = ["iagrai_cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("sổ văn bản")

    @property
    def child_page_model(self) -> type[DirectivePage]:
        return DirectivePage

    def latest(self, count: int) -> list[DirectivePage]:
        return list(
            DirectivePage.objects.live()
            .child_of(self)
            .order_by("-issued_on", "-number", "-pk")
            .only(
                "id", "title", "url_path", "issued_on", "symbol", "doc_type", "first_published_at"
            )[:count]
        )

    def get_context(self, request, *args, **kwargs):
        from directives_app.register.views import register_context

        context = super().get_context(request, *args, **kwargs)
        context.update(register_context(self, request))
        return context

    @path("rss/", name="rss")
    def rss(self, request):
        from directives_app.register.feeds import DirectiveFeed

        return DirectiveFeed(self)(request)


class DirectivePage(RoutablePageMixin, VietnamesePage):
    """One document with the fields of Nghị định 30/2020. The page title is the subject
    (trích yếu), without "V/v"."""

    doc_type = models.CharField(
        _("loại văn bản"), max_length=20, choices=DocType.choices, default=DocType.CONG_VAN
    )
    series = models.CharField(
        _("sổ đăng ký"),
        max_length=16,
        blank=True,
        help_text=_("Để trống: sổ văn bản hành chính chung của cơ quan ban hành."),
    )
    number = models.PositiveIntegerField(
        _("số"),
        null=True,
        blank=True,
        help_text=_(
            "Để trống: hệ thống cấp số khi văn bản được ban hành. Chỉ nhập khi văn bản đã "
            "được cấp số ở nơi khác."
        ),
    )
    issued_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    symbol = models.CharField(_("số, ký hiệu"), max_length=80, blank=True, editable=False)
    issuer = models.ForeignKey(
        Unit,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="issued_directives",
    )
    drafting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị soạn thảo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafted_directives",
    )
    place = models.CharField(
        _("địa danh"), max_length=120, blank=True, help_text=_("Để trống: theo cơ quan ban hành.")
    )
    issued_on = models.DateField(
        _("ngày ban hành"), null=True, blank=True, help_text=_("Để trống: ngày được duyệt ký.")
    )
    urgency = models.CharField(
        _("độ khẩn"), max_length=16, choices=Urgency.choices, blank=True, default=""
    )
    recipients_text = models.TextField(
        _("Kính gửi (nhập tay)"),
        blank=True,
        help_text=_("Để trống: lấy từ các đơn vị thực hiện nhiệm vụ. Mỗi dòng một nơi."),
    )
    body = models.TextField(_("nội dung mở đầu"), blank=True, help_text=_("Mỗi đoạn một dòng."))
    closing = models.TextField(_("đoạn kết"), blank=True)
    requires_reports = models.BooleanField(
        _("yêu cầu báo cáo kết quả"),
        default=True,
        help_text=_("Mỗi đơn vị thực hiện nhiệm vụ phải báo cáo kết quả kèm minh chứng."),
    )
    signer_authority = models.TextField(
        _("thẩm quyền ký"),
        blank=True,
        help_text=_("Ví dụ: “TM. ỦY BAN NHÂN DÂN” và dòng sau “KT. CHỦ TỊCH”."),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    distribution = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi, như “- Như trên;”.")
    )
    signed_pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("bản PDF đã ký số"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = DirectivePageForm
    parent_page_types = ["directives_app.DirectiveIndexPage"]
    subpage_types: list[str] = []
    folded_search_fields = ("title", "symbol", "body", "closing", "task_text", "issuer_name")

    search_fields = VietnamesePage.search_fields + [
        index.SearchField("symbol"),
        index.SearchField("body"),
        index.FilterField("doc_type"),
        index.FilterField("issued_year"),
        index.FilterField("issuer_id"),
    ]

    content_panels = [
        ImportWarningsPanel(),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doc_type"), FieldPanel("urgency")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("drafting_unit")]),
                FieldRowPanel([FieldPanel("number"), FieldPanel("issued_on"), FieldPanel("place")]),
                FieldPanel("series"),
            ],
            heading=_("Thể thức"),
        ),
        TitleFieldPanel("title", heading=_("Trích yếu nội dung (không ghi “V/v”)")),
        InlinePanel("legal_basis", heading=_("Căn cứ"), label=_("Căn cứ")),
        FieldPanel("body"),
        FieldPanel("requires_reports"),
        InlinePanel("tasks", heading=_("Nhiệm vụ"), label=_("Nhiệm vụ")),
        FieldPanel("closing"),
    ]
    signing_panels = [
        FieldPanel("recipients_text"),
        FieldPanel("signer_authority"),
        FieldRowPanel([FieldPanel("signer_title"), FieldPanel("signer_name")]),
        FieldPanel("distribution"),
        FieldPanel("signed_pdf"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Văn bản")),
            ObjectList(signing_panels, heading=_("Ký, nơi nhận")),
            ObjectList(VietnamesePage.promote_panels, heading=_("Đường dẫn")),
        ]
    )

    api_fields = [
        APIField("doc_type"),
        APIField("number"),
        APIField("symbol"),
        APIField("issuer_name"),
        APIField("drafting_unit_name"),
        APIField("place_name"),
        APIField("issued_on"),
        APIField("urgency"),
        APIField("subject"),
        APIField("display_title"),
        APIField("recipients"),
        APIField("legal_basis_texts"),
        APIField("body"),
        APIField("tasks", serializer=TasksAPIField()),
        APIField("closing"),
        APIField("signer_authority"),
        APIField("signer_title"),
        APIField("signer_name"),
        APIField("distribution_lines"),
        APIField("requires_reports"),
    ]

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "issued_year", "series", "number"],
                condition=Q(number__isnull=False, issued_year__isnull=False),
                name="unique_document_number",
                violation_error_message=_("Số văn bản này đã được dùng trong năm."),
            )
        ]

    # -- derived fields ---------------------------------------------------------------

    @property
    def subject(self) -> str:
        return self.title

    @property
    def issuer_name(self) -> str:
        return self.issuer.name if self.issuer_id else ""

    @property
    def drafting_unit_name(self) -> str:
        return self.drafting_unit.name if self.drafting_unit_id else ""

    @property
    def place_name(self) -> str:
        return self.place or (self.issuer.place_name if self.issuer_id else "")

    @property
    def type_label(self) -> str:
        # One label, not get_FOO_display()'s translation of every choice on each call.
        return str(DocType(self.doc_type).label) if self.doc_type in DocType.values else ""

    @property
    def is_issued(self) -> bool:
        return self.number is not None and self.issued_on is not None

    def compose_symbol(self) -> str:
        issuer_abbr = self.issuer.abbreviation if self.issuer_id else ""
        drafting_abbr = self.drafting_unit.abbreviation if self.drafting_unit_id else ""
        return compose_symbol(self.number, self.doc_type, issuer_abbr, drafting_abbr)

    @property
    def date_line(self) -> str:
        return document_date(self.issued_on, self.place_name)

    @property
    def subject_line(self) -> str:
        """ "V/v …" under the number of a công văn; other types print the subject as a title."""
        return f"V/v {self.title}" if self.doc_type == DocType.CONG_VAN else self.title

    @property
    def display_title(self) -> str:
        """The one title every public place shows (home, register, search, feeds, share
        cards, API): the subject as the document prints it, "V/v tăng cường …" for a
        công văn (the trích yếu keeps its lower case after "V/v"), any other type's subject
        with a capital first letter ("Kế hoạch" prints "Triển khai …" as its title)."""
        if self.doc_type == DocType.CONG_VAN:
            return f"V/v {self.title}"
        return self.title[:1].upper() + self.title[1:]

    @property
    def title_with_symbol(self) -> str:
        """Where the document is named without its page around it (the browser tab, share
        cards, feed items): "Công văn 971/UBND-VHTT: V/v tăng cường …"."""
        named = " ".join(part for part in (self.type_label, self.symbol) if part)
        return f"{named}: {self.display_title}" if named else self.display_title

    @cached_property
    def task_list(self) -> list[DirectiveTask]:
        return list(self.tasks.prefetch_related("addressee_units", "addressee_groups"))

    def task_numbers(self) -> dict[int, int]:
        """task id → its number in the letter (1, 2, …), as the public page numbers them."""
        if "task_list" in self.__dict__:
            ids = [task.pk for task in self.task_list]
        else:
            ids = list(self.tasks.values_list("pk", flat=True))
        return {task_id: number for number, task_id in enumerate(ids, start=1)}

    def task_text(self) -> str:
        return " ".join(f"{task.heading} {task.body}" for task in self.task_list)

    @property
    def recipients(self) -> list[str]:
        """The "Kính gửi" lines: typed by the clerk, or the tasks' addressees in order."""
        if self.recipients_text.strip():
            return [
                line.strip(" -;.") for line in self.recipients_text.splitlines() if line.strip()
            ]
        names: dict[str, None] = {}
        for task in self.task_list:
            for name in task.addressee_names:
                names.setdefault(name, None)
        return list(names)

    @property
    def legal_basis_texts(self) -> list[str]:
        return [item.text for item in self.legal_basis.all()]

    @property
    def distribution_lines(self) -> list[str]:
        return [line.strip() for line in self.distribution.splitlines() if line.strip()]

    @property
    def body_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.splitlines() if line.strip()]

    @property
    def closing_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.closing.splitlines() if line.strip()]

    @property
    def signer_authority_lines(self) -> list[str]:
        return [line.strip() for line in self.signer_authority.splitlines() if line.strip()]

    @property
    def api_tasks(self) -> list[dict]:
        return [
            {
                "number": index,
                "heading": task.heading,
                "body": task.body,
                "addressees": task.addressee_names,
                "units": [unit.code for unit in task.resolved_units()],
                "deadline": task.due_date(self.issued_on).isoformat()
                if task.due_date(self.issued_on)
                else None,
                "evidence_required": task.evidence_required,
            }
            for index, task in enumerate(self.task_list, start=1)
        ]

    # -- issuing ----------------------------------------------------------------------

    def _set_core_field_defaults(self) -> None:
        self.symbol = self.compose_symbol() if self.issuer_id else self.symbol
        if self.issued_on:
            self.issued_year = self.issued_on.year
        super()._set_core_field_defaults()

    def issued_values(self) -> tuple[int | None, datetime.date | None]:
        """Number and date of the live, issued version in the database."""
        if not self.pk:
            return None, None
        row = (
            DirectivePage.objects.filter(pk=self.pk, live=True)
            .values_list("number", "issued_on")
            .first()
        )
        return row or (None, None)

    def clean(self) -> None:
        super().clean()
        issued_number, issued_on = self.issued_values()
        if issued_number is not None and (
            self.number != issued_number or self.issued_on != issued_on
        ):
            raise ValidationError(
                _(
                    "Văn bản đã ban hành với số %(number)s ngày %(date)s: không được sửa số "
                    "hay ngày ban hành. Muốn thay đổi, hãy ban hành văn bản mới."
                )
                % {"number": issued_number, "date": f"{issued_on:%d/%m/%Y}"}
            )
        if self.number is not None and self.issuer_id:
            year = (self.issued_on or timezone.localdate()).year
            clash = (
                DirectivePage.objects.filter(
                    issuer_id=self.issuer_id,
                    issued_year=year,
                    series=self.series,
                    number=self.number,
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    {
                        "number": _(
                            "Số %(number)s năm %(year)s đã được dùng cho văn bản %(symbol)s "
                            "“%(title)s”. Hãy để trống để hệ thống cấp số tiếp theo."
                        )
                        % {
                            "number": self.number,
                            "year": year,
                            "symbol": clash.symbol,
                            "title": clash.title,
                        }
                    }
                )

    def save(self, *args, **kwargs):
        # Publishing sets live=True and saves: that moment issues the document.
        if self.live and (self.number is None or self.issued_on is None):
            self.issue()
        return super().save(*args, **kwargs)

    def issue(self) -> None:
        """Fix the date and allocate the number, in the page and in its live revision (so
        a later draft starts from the issued values)."""
        self.issued_on = self.issued_on or timezone.localdate()
        self.issued_year = self.issued_on.year
        if self.number is None:
            self.number = allocate_number(self.issuer, self.issued_year, self.series)
        self.symbol = self.compose_symbol()
        revision = self.live_revision or self.latest_revision
        if revision is not None:
            content = dict(revision.content)
            content.update(
                number=self.number,
                issued_on=self.issued_on.isoformat(),
                issued_year=self.issued_year,
                symbol=self.symbol,
            )
            type(revision).objects.filter(pk=revision.pk).update(content=content)
        self._just_issued = True

    # -- public routes ----------------------------------------------------------------

    @path("")
    def detail(self, request):
        return self.render(request, context_overrides=self.detail_context())

    def detail_context(self) -> dict:
        from directives_app.register.views import cited_directives, citing_directives

        legal_basis = list(self.legal_basis.all())
        return {
            "legal_basis": legal_basis,
            "legal_links": cited_directives(legal_basis),
            "related": citing_directives(self),
        }

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from directives_app.register.pdf import serve_directive_pdf

        return serve_directive_pdf(self, request, prefer_signed=True)

    @path("pdf/ban-dien-tu/", name="pdf_text")
    def pdf_text(self, request):
        from directives_app.register.pdf import serve_directive_pdf

        return serve_directive_pdf(self, request, prefer_signed=False)

    @path("tien-do/", name="progress")
    def progress(self, request):
        from directives_app.progress.status import serve_progress

        return serve_progress(self, request)

    # Drafts are previewed in the admin only, as the page or as the official PDF.
    @property
    def preview_modes(self):
        return [("", _("Trang")), ("pdf", _("Bản PDF"))]

    def serve_preview(self, request, mode_name):
        if mode_name == "pdf":
            from django.http import HttpResponse

            from directives_app.register.pdf import render_directive_pdf

            response = HttpResponse(render_directive_pdf(self), content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="{self.pdf_filename}"'
            return response
        return self.render(request, context_overrides=self.detail_context())

    @property
    def pdf_filename(self) -> str:
        """ "971-UBND-VHTT.pdf"; ASCII ("12-QD-UBND.pdf") so every browser keeps the name."""
        symbol = self.symbol if self.number else f"du-thao-{self.pk}"
        return anyascii(symbol).replace("/", "-").strip("-") + ".pdf"


class DirectiveLegalBasis(Orderable):
    """A document cited as the basis ("Thực hiện Công văn số 412-CV/HU …"), as printed."""

    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="legal_basis")
    text = models.CharField(_("văn bản căn cứ"), max_length=500)
    symbol = models.CharField(
        _("số, ký hiệu"),
        max_length=80,
        blank=True,
        db_index=True,
        help_text=_("Để trống: lấy từ nội dung (ví dụ 971/UBND-VHTT)."),
    )

    panels = [FieldPanel("text"), FieldPanel("symbol")]

    class Meta(Orderable.Meta):
        verbose_name = _("căn cứ")

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        if not self.symbol:
            found = find_symbols(self.text)
            self.symbol = found[0] if found else ""
        super().save(*args, **kwargs)


class DirectiveTask(Orderable, ClusterableModel):
    """A numbered item of the letter: who must do what, by when."""

    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="tasks")
    heading = models.CharField(
        _("tiêu đề (đơn vị thực hiện)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Như in trong văn bản, ví dụ “Phòng Văn hóa và Thông tin”. Để trống: tên các đơn vị."
        ),
    )
    body = models.TextField(
        _("nội dung"), help_text=_("Mỗi ý một dòng; ý gạch đầu dòng bắt đầu bằng “- ”.")
    )
    addressee_units = ParentalManyToManyField(
        Unit, verbose_name=_("đơn vị thực hiện"), blank=True, related_name="+"
    )
    addressee_groups = ParentalManyToManyField(
        AddresseeGroup, verbose_name=_("nhóm đơn vị thực hiện"), blank=True, related_name="+"
    )
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    deadline_working_days = models.PositiveSmallIntegerField(
        _("hoặc số ngày làm việc kể từ ngày ban hành"), null=True, blank=True
    )
    evidence_required = models.BooleanField(_("yêu cầu minh chứng"), default=True)

    panels = [
        FieldPanel("heading"),
        FieldPanel("addressee_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("addressee_units", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldRowPanel(
            [
                FieldPanel("deadline"),
                FieldPanel("deadline_working_days"),
                FieldPanel("evidence_required"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self) -> str:
        return self.display_heading

    @property
    def addressee_names(self) -> list[str]:
        return [group.name for group in self.addressee_groups.all()] + [
            unit.name for unit in self.addressee_units.all()
        ]

    @property
    def display_heading(self) -> str:
        return self.heading or "; ".join(self.addressee_names)

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.splitlines() if line.strip()]

    def resolved_units(self, day: datetime.date | None = None) -> list[Unit]:
        """Every reporting unit this task addresses, groups expanded."""
        units = {unit.pk: unit for unit in self.addressee_units.all()}
        for group in self.addressee_groups.all():
            units.update((unit.pk, unit) for unit in group.resolve(day))
        return sorted(units.values(), key=lambda unit: unit.sort_name)

    def due_date(self, issued_on: datetime.date | None) -> datetime.date | None:
        if self.deadline:
            return self.deadline
        if self.deadline_working_days and issued_on:
            from directives_app.core.working_days import add_working_days

            return add_working_days(issued_on, self.deadline_working_days)
        return None


class DirectiveAddressee(models.Model):
    """Which units a published directive addresses (tasks' units and groups resolved on the
    issue date). Derived data, rebuilt on every publish: it lets the register filter by
    unit in one join and gives compliance its list of units."""

    page = models.ForeignKey(DirectivePage, on_delete=models.CASCADE, related_name="addressees")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="addressed_by")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "unit"], name="unique_directive_addressee")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.unit}"


class DirectivePdf(models.Model):
    """The official PDF rendered once for a published revision and kept."""

    page = models.ForeignKey(DirectivePage, on_delete=models.CASCADE, related_name="pdfs")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to="van-ban/pdf/")
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "revision"], name="one_pdf_per_revision")
        ]

    def __str__(self) -> str:
        return self.file.name
