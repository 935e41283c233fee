"""StreamField blocks of the site's pages (article body)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class FigureBlock(blocks.StructBlock):
    """A picture inside the text, with its alt text (ImageBlock), a caption and a credit
    (who took it: shown as "Ảnh: <credit>")."""

    image = ImageBlock(label=_("ảnh"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=255)
    credit = blocks.CharBlock(
        label=_("tác giả, nguồn ảnh"),
        required=False,
        max_length=120,
        help_text=_("Người chụp hoặc đơn vị gửi ảnh; hiện là “Ảnh: …”."),
    )

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "iagrai_cms/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("trích dẫn"))
    source = blocks.CharBlock(label=_("nguồn"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "iagrai_cms/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Đoạn văn"))
    figure = FigureBlock()
    quote = QuoteBlock()
