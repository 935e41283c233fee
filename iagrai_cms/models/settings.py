"""Site settings: who runs the portal (header, footer, share cards)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site: shown in the header, footer and share cards."""

    parent_body = models.CharField(
        _("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Ví dụ: UBND tỉnh Gia Lai")
    )
    body_name = models.CharField(_("tên cơ quan"), max_length=255, default="Ủy ban nhân dân")
    place_name = models.CharField(
        _("địa danh"),
        max_length=120,
        blank=True,
        help_text=_("Dùng trong dòng “…, ngày … tháng …”"),
    )
    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm nội dung"), max_length=255, blank=True
    )
    licence = models.CharField(_("giấy phép"), max_length=255, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("parent_body"),
                FieldPanel("body_name"),
                FieldPanel("place_name"),
                FieldPanel("tagline"),
            ],
            heading=_("Cơ quan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("hotline"),
                FieldPanel("email"),
            ],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_person"), FieldPanel("licence")], heading=_("Pháp lý")
        ),
    ]

    class Meta:
        verbose_name = _("thông tin cổng")
