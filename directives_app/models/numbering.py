"""Document numbers (Nghị định 30/2020, Điều 15): each issuer numbers its documents from 1
every calendar year; the number is allocated when the document is issued."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from .units import Unit


class NumberSequence(models.Model):
    """The last number an issuer gave in a year and series. Allocation locks this row."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=16, blank=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "series"], name="unique_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year} {self.series}: {self.last_number}"


def allocate_number(
    issuer: Unit, year: int, series: str = "", numbers_used: QuerySet | None = None
) -> int:
    """The next number of (issuer, year, series), safe under concurrent issuing.

    PostgreSQL: the sequence row is locked (SELECT … FOR UPDATE) until the caller's
    transaction ends. SQLite: transactions begin IMMEDIATE (settings), so writers queue.
    `numbers_used` (the documents of that issuer, year and series; evaluated under the
    lock) lets a number a clerk entered by hand for a document issued elsewhere move the
    counter past it, as a paper register would.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                NumberSequence.objects.get_or_create(issuer=issuer, year=year, series=series)
        except IntegrityError:
            pass  # created by a concurrent transaction; lock it below
        sequence = NumberSequence.objects.select_for_update().get(
            issuer=issuer, year=year, series=series
        )
        highest_used = 0
        if numbers_used is not None:
            highest_used = numbers_used.aggregate(highest=Max("number"))["highest"] or 0
        sequence.last_number = max(sequence.last_number, highest_used) + 1
        sequence.save(update_fields=["last_number"])
        return sequence.last_number
