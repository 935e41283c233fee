"""StreamField blocks of the Code of Conduct page: the legal documents it rests on, and its
articles with their numbered rules."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class Audience:
    """Who a rule is addressed to (the four groups of Quyết định 874/QĐ-BTTTT, Điều 2)."""

    STATE_AGENCIES = "co_quan_nha_nuoc"
    STAFF = "cbccvc"
    PUBLIC = "to_chuc_ca_nhan"
    PROVIDERS = "nha_cung_cap_mxh"
    CHOICES = [
        (STATE_AGENCIES, _("Cơ quan nhà nước")),
        (STAFF, _("Cán bộ, công chức, viên chức, người lao động")),
        (PUBLIC, _("Tổ chức, cá nhân")),
        (PROVIDERS, _("Nhà cung cấp dịch vụ mạng xã hội")),
    ]


class LegalDocumentBlock(blocks.StructBlock):
    doc_type = blocks.CharBlock(label=_("loại văn bản"), help_text=_("Ví dụ: Quyết định"))
    number = blocks.CharBlock(label=_("số, ký hiệu"), help_text=_("Ví dụ: 874/QĐ-BTTTT"))
    date = blocks.DateBlock(label=_("ngày ban hành"))
    issuer = blocks.CharBlock(label=_("cơ quan ban hành"))
    title = blocks.CharBlock(label=_("trích yếu"))
    url = blocks.URLBlock(label=_("đường dẫn văn bản gốc"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("văn bản căn cứ")


class RuleBlock(blocks.StructBlock):
    code = blocks.CharBlock(label=_("số thứ tự"), max_length=16, help_text=_("Ví dụ: 3.1"))
    text = blocks.TextBlock(label=_("nội dung"))
    audiences = blocks.MultipleChoiceBlock(
        label=_("áp dụng cho"), choices=Audience.CHOICES, required=False
    )

    class Meta:
        icon = "list-ol"
        label = _("quy tắc")


class ArticleBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("điều"), min_value=1)
    title = blocks.CharBlock(label=_("tên điều"))
    note = blocks.TextBlock(label=_("ghi chú"), required=False)
    rules = blocks.ListBlock(RuleBlock(), label=_("các quy tắc"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("điều")
        template = "conduct_app/blocks/article.html"
