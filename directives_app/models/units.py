"""The organisation tree as data: units, their aliases, addressee groups and the people
who work for them (memberships, which carry guardian object permissions on the unit)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from wagtail.search import index

from directives_app.core.vietnamese import collation_key, fold


class UnitKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    AGENCY = "agency", _("Cơ quan, đơn vị")
    COMMUNE = "commune", _("Xã")
    TOWN = "town", _("Thị trấn")
    WARD = "ward", _("Phường")
    POLICE = "police", _("Công an")
    PARTY = "party", _("Đảng, Mặt trận, đoàn thể")
    GROUP = "group", _("Nhóm (không báo cáo)")
    OTHER = "other", _("Khác")


# The commune level of government: communes, wards and (before the 2025 reform) towns.
COMMUNE_LEVEL_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWN)
# The word a unit of each commune-level kind puts before its name ("Xã Ia Bă").
LEVEL_WORDS = {UnitKind.COMMUNE: "xã", UnitKind.WARD: "phường", UnitKind.TOWN: "thị trấn"}
# The level words a people's committee's name may carry ("Ủy ban nhân dân tỉnh Gia Lai"),
# longest first so that "thành phố" wins over a shorter match.
_COMMITTEE_LEVELS = ("thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã")


def commune_level_words(kinds) -> str:
    """ "xã, phường" / "xã, thị trấn" / "xã, phường, thị trấn": the commune-level kinds
    present, in that order, for phrases such as "UBND các xã, phường"."""
    present = set(kinds)
    words = [LEVEL_WORDS[kind] for kind in COMMUNE_LEVEL_KINDS if kind in present]
    return ", ".join(words) or LEVEL_WORDS[UnitKind.COMMUNE]


class UnitQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date | None = None) -> UnitQuerySet:
        """Units that existed on `day` (today by default): old directives resolve to the
        units of their time, after mergers such as the 2025 reform."""
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            active=True,
        )

    def named(self, text: str) -> UnitQuerySet:
        """Units whose name or an alias matches `text`, ignoring case and accents
        ("ubnd xa ia ba" finds Xã Ia Bă)."""
        return self.filter(aliases__folded=fold(" ".join(text.split()))).distinct()

    def reporting(self) -> UnitQuerySet:
        """Units that can be addressed and report (not the grouping nodes of the tree)."""
        return self.exclude(kind=UnitKind.GROUP)


class Unit(index.Indexed, models.Model):
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=UnitKind.choices)
    subkind = models.CharField(_("phân loại chi tiết"), max_length=64, blank=True)
    abbreviation = models.CharField(
        _("chữ viết tắt trong số ký hiệu"),
        max_length=32,
        blank=True,
        help_text=_("Ví dụ: VHTT trong 971/UBND-VHTT, UBND trong 12/KH-UBND."),
    )
    header_lines = models.CharField(
        _("dòng tiêu đề văn bản"),
        max_length=255,
        blank=True,
        help_text=_("Tên cơ quan ở góc trái văn bản, các dòng cách nhau bằng “/”."),
    )
    place_name = models.CharField(_("địa danh ghi ngày tháng"), max_length=120, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    sort_name = models.CharField(max_length=1024, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.SearchField("folded_names"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_name"]
        permissions = [
            ("draft_report", _("Soạn báo cáo của đơn vị")),
            ("submit_report", _("Gửi báo cáo của đơn vị")),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.sort_name = collation_key(self.name)
        super().save(*args, **kwargs)
        # The current name is an alias too, so that name lookups need one table; a former
        # name stays as an alias after a rename, as old letters still use it.
        folded = fold(self.name)
        if not self.aliases.filter(folded=folded).exists():
            UnitAlias.objects.create(unit=self, name=self.name)

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("Một đơn vị không thể trực thuộc chính nó.")})
            ancestor = ancestor.parent

    def folded_names(self) -> str:
        names = [self.name, self.short_name, self.abbreviation]
        return fold(" ".join(filter(None, names)))

    @property
    def level_word(self) -> str:
        """The level of government the unit belongs to, as its name says it: "tỉnh",
        "huyện", "xã", "phường", "thị trấn" (a department answers its parent's level;
        "" when nothing in the tree names one). Words on screens, in e-mails and PDFs
        come from here, never from a hard-coded "huyện"."""
        if self.kind in LEVEL_WORDS:
            return LEVEL_WORDS[self.kind]
        if self.kind == UnitKind.PEOPLES_COMMITTEE:
            name = self.name.lower()
            for word in _COMMITTEE_LEVELS:
                if f" {word} " in f" {name} ":
                    return word
        unit, seen = self.parent, set()
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            if unit.kind in LEVEL_WORDS or unit.kind == UnitKind.PEOPLES_COMMITTEE:
                return unit.level_word
            unit = unit.parent
        return ""

    @property
    def header_line_list(self) -> list[str]:
        return [line.strip() for line in self.header_lines.split("/") if line.strip()]

    def descendants(self, units: Iterable[Unit] | None = None) -> list[Unit]:
        """Every unit below this one. Loads the tree in one query (it is small)."""
        units = list(units if units is not None else Unit.objects.all())
        children: dict[int | None, list[Unit]] = {}
        for unit in units:
            children.setdefault(unit.parent_id, []).append(unit)
        found, stack = [], list(children.get(self.pk, []))
        while stack:
            unit = stack.pop()
            found.append(unit)
            stack.extend(children.get(unit.pk, []))
        return found


class UnitAlias(models.Model):
    """Another name a letter may use for the unit ("UBND xã Ia Bă", "Ia Chia")."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("tên gọi khác"), max_length=255)
    folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        constraints = [
            models.UniqueConstraint(fields=["unit", "folded"], name="unique_alias_per_unit")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.folded = fold(self.name)
        super().save(*args, **kwargs)


class AddresseeGroup(models.Model):
    """A phrase such as "UBND các xã, thị trấn" that stands for a set of units: those of
    the given kinds, optionally only below one unit of the tree, plus explicit units."""

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True)
    kinds = models.JSONField(_("các loại đơn vị"), default=list, blank=True)
    within = models.ForeignKey(
        Unit,
        verbose_name=_("chỉ các đơn vị thuộc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    units = models.ManyToManyField(
        Unit, verbose_name=_("thêm các đơn vị"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("nhóm nơi nhận")
        verbose_name_plural = _("nhóm nơi nhận")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def resolve(self, day: datetime.date | None = None) -> list[Unit]:
        """The reporting units this group stands for on `day`."""
        active = list(Unit.objects.active_on(day))
        selected: dict[int, Unit] = {}
        if self.kinds:
            pool = self.within.descendants(active) if self.within_id else active
            selected.update((u.pk, u) for u in pool if u.kind in self.kinds)
        explicit = {u.pk for u in self.units.all()}
        selected.update((u.pk, u) for u in active if u.pk in explicit)
        return sorted(
            (u for u in selected.values() if u.kind != UnitKind.GROUP), key=lambda u: u.sort_name
        )


class Membership(models.Model):
    """A user works for a unit in a role. Saving or deleting one grants or revokes the
    user's guardian object permissions on the unit (see `unit_permissions`)."""

    class Role(models.TextChoices):
        HEAD = "head", _("Thủ trưởng đơn vị")
        FOCAL = "focal", _("Cán bộ đầu mối")
        STAFF = "staff", _("Cán bộ (xem)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("thành viên đơn vị")
        verbose_name_plural = _("thành viên đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that moving a membership to another unit also revokes the old one.
        instance._loaded_pair = (instance.user_id, instance.unit_id)
        return instance


# Direct foreign-key permission tables: guardian joins on an integer FK instead of a
# generic (content type, text object id) pair, which is what makes per-unit checks cheap.
class UnitUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)


class UnitGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)
