"""Directives (công văn, kế hoạch, quyết định, …) as structured Wagtail pages.

A directive is entered once and gives the public page, the register listing, the official
PDF, the feed and the API. Issuing is publishing: approval of the "Trình ký" workflow (or a
publish by someone allowed to) allocates the number (models.numbering) and fixes the date.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
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
from wagtail.search import index

from directives_app.core.pages import VietnamesePage
from directives_app.core.routing import page_view_for
from directives_app.core.symbols import DocType, compose_symbol
from directives_app.core.vietnamese import document_date
from directives_app.importer.panels import ImportWarningsPanel
from directives_app.register.page_forms import DirectivePageForm

from .directive_parts import DirectiveLegalBasis, TasksAPIField
from .numbering import allocate_number
from .units import Unit

if TYPE_CHECKING:
    from .directive_parts import DirectiveTask


class Urgency(models.TextChoices):
    NORMAL = "", _("Thường")
    URGENT = "khan", _("Khẩn")
    VERY_URGENT = "thuong_khan", _("Thượng khẩn")
    FLASH = "hoa_toc", _("Hỏa tốc")


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
            used = DirectivePage.objects.filter(
                issuer=self.issuer, issued_year=self.issued_year, series=self.series
            )
            self.number = allocate_number(
                self.issuer, self.issued_year, self.series, numbers_used=used
            )
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
        legal_basis = list(self.legal_basis.all())
        return {
            "legal_basis": legal_basis,
            "legal_links": self.cited_directives(legal_basis),
            "related": self.citing_directives(),
        }

    @staticmethod
    def cited_directives(items: list[DirectiveLegalBasis]) -> dict[int, DirectivePage]:
        """Legal-basis item id → the directive in the register with that symbol (one query)."""
        symbols = {item.symbol for item in items if item.symbol}
        if not symbols:
            return {}
        by_symbol = {
            directive.symbol: directive
            for directive in DirectivePage.objects.live()
            .filter(symbol__in=symbols)
            .only("id", "title", "url_path", "symbol")
        }
        return {item.pk: by_symbol[item.symbol] for item in items if item.symbol in by_symbol}

    def citing_directives(self) -> list[DirectivePage]:
        """Live directives whose legal basis cites this one."""
        if not self.number:
            return []
        return list(
            DirectivePage.objects.live()
            .filter(pk__in=DirectiveLegalBasis.objects.filter(symbol=self.symbol).values("page_id"))
            .exclude(pk=self.pk)
            .only("id", "title", "url_path", "symbol", "issued_on")
            .order_by("-issued_on")
        )

    @path("pdf/", name="pdf")
    def pdf(self, request):
        return page_view_for("register.pdf")(self, request, prefer_signed=True)

    @path("pdf/ban-dien-tu/", name="pdf_text")
    def pdf_text(self, request):
        return page_view_for("register.pdf")(self, request, prefer_signed=False)

    @path("tien-do/", name="progress")
    def progress(self, request):
        return page_view_for("progress.public")(self, request)

    # Drafts are previewed in the admin only, as the page or as the official PDF.
    @property
    def preview_modes(self):
        return [("", _("Trang")), ("pdf", _("Bản PDF"))]

    def serve_preview(self, request, mode_name):
        if mode_name == "pdf":
            return page_view_for("register.pdf_preview")(self, request)
        return self.render(request, context_overrides=self.detail_context())

    @property
    def pdf_filename(self) -> str:
        """ "971-UBND-VHTT.pdf"; ASCII ("12-QD-UBND.pdf") so every browser keeps the name."""
        symbol = self.symbol if self.number else f"du-thao-{self.pk}"
        return anyascii(symbol).replace("/", "-").strip("-") + ".pdf"
