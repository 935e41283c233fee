"""The registry of verified official channels (fanpages, Zalo OA, YouTube, TikTok, web
sites) of the district and its communes, so that citizens can tell a real page from an
impostor."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from conduct_app.channels.links import MAX_URL_LENGTH, normalise_url
from directives_app.core.pages import VietnamesePage
from directives_app.models import Unit


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    ZALO = "zalo", "Zalo"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    WEBSITE = "website", _("Trang web")
    OTHER = "other", _("Khác")


class OfficialChannelQuerySet(models.QuerySet):
    def active(self) -> OfficialChannelQuerySet:
        return self.filter(active=True)

    def matching(self, url: str) -> OfficialChannel | None:
        """The active channel at `url` in any of its spellings, or None."""
        try:
            key = normalise_url(url)
        except ValueError:
            return None
        return self.active().select_related("unit").filter(normalized_url=key).first()


class OfficialChannel(models.Model):
    platform = models.CharField(_("nền tảng"), max_length=16, choices=Platform.choices)
    name = models.CharField(_("tên kênh"), max_length=255)
    url = models.URLField(_("địa chỉ"), max_length=MAX_URL_LENGTH)
    normalized_url = models.CharField(
        max_length=MAX_URL_LENGTH, unique=True, editable=False, db_index=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="+"
    )
    verified_on = models.DateField(_("ngày xác minh"))
    active = models.BooleanField(_("đang hoạt động"), default=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = OfficialChannelQuerySet.as_manager()

    class Meta:
        verbose_name = _("kênh chính thức")
        verbose_name_plural = _("kênh chính thức")
        ordering = ["unit__sort_name", "platform", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"

    def save(self, *args, **kwargs) -> None:
        self.normalized_url = normalise_url(self.url)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        try:
            key = normalise_url(self.url or "")
        except ValueError:
            raise ValidationError({"url": _("Địa chỉ không hợp lệ.")}) from None
        clash = OfficialChannel.objects.filter(normalized_url=key).exclude(pk=self.pk).first()
        if clash is not None:
            raise ValidationError(
                {"url": _("Địa chỉ này đã có trong danh sách: %(name)s.") % {"name": clash}}
            )


class OfficialChannelIndexPage(VietnamesePage):
    """/kenh-chinh-thuc/: the registry, and a box to check whether a link is official."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = VietnamesePage.content_panels + [FieldPanel("intro")]
    folded_search_fields = ("title", "search_description", "intro")
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("danh sách kênh chính thức")

    def get_context(self, request, *args, **kwargs):
        from conduct_app.incidents.public_views import channel_context

        context = super().get_context(request, *args, **kwargs)
        context.update(channel_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "context_data", {}).get("check_error"):
            response.status_code = 400
        return response
