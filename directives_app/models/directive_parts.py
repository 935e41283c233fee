"""The parts of a directive page, edited inline and kept with its revisions: the legal
basis it cites, its tasks (who must do what, by when), the units it addresses (derived on
issue) and the official PDF kept per published revision."""

from __future__ import annotations

import datetime

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from directives_app.core.symbols import find_symbols

from .calendar import add_working_days
from .units import AddresseeGroup, Unit


class TasksAPIField(serializers.Field):
    """The tasks with their addressees resolved, for /api/v2/ (see DirectivePage.api_tasks)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page.api_tasks


class DirectiveLegalBasis(Orderable):
    """A document cited as the basis ("Thực hiện Công văn số 412-CV/HU …"), as printed."""

    page = ParentalKey(
        "directives_app.DirectivePage", on_delete=models.CASCADE, related_name="legal_basis"
    )
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

    page = ParentalKey(
        "directives_app.DirectivePage", on_delete=models.CASCADE, related_name="tasks"
    )
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
            return add_working_days(issued_on, self.deadline_working_days)
        return None


class DirectiveAddressee(models.Model):
    """Which units a published directive addresses (tasks' units and groups resolved on the
    issue date). Derived data, rebuilt on every publish: it lets the register filter by
    unit in one join and gives compliance its list of units."""

    page = models.ForeignKey(
        "directives_app.DirectivePage", on_delete=models.CASCADE, related_name="addressees"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="addressed_by")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "unit"], name="unique_directive_addressee")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.unit}"


class DirectivePdf(models.Model):
    """The official PDF rendered once for a published revision and kept."""

    page = models.ForeignKey(
        "directives_app.DirectivePage", on_delete=models.CASCADE, related_name="pdfs"
    )
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
