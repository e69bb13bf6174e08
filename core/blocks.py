"""StreamField blocks shared by every content app."""

from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock as EmbedURLBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        kwargs.setdefault("label", _("Paragraph"))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "core/blocks/paragraph.html"


class TaskListBlock(blocks.ListBlock):
    """A list of tasks or demands; rendered as a bulleted list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Task list"))
        super().__init__(blocks.TextBlock(label=_("Item")), **kwargs)

    class Meta:
        icon = "list-ul"
        template = "core/blocks/task_list.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote.html"


class BaseStreamBlock(blocks.StreamBlock):
    """Text-only body: appeals and anything that is mostly prose."""

    paragraph = ParagraphBlock()
    task_list = TaskListBlock()
    quote = QuoteBlock()


class ImageBlock(blocks.StructBlock):
    """An image in a body, with words that are translated (alt text, caption, credit)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("What the image shows, for readers who cannot see it. Empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/image.html"


class EmbedBlock(blocks.StructBlock):
    """A video or post on another site, shown as a link: the public site makes no
    third-party requests, so nothing is loaded from the other site until the reader follows it."""

    url = EmbedURLBlock(label=_("Address"))
    title = blocks.CharBlock(label=_("Title"), required=False)

    class Meta:
        icon = "media"
        label = pgettext_lazy("block", "Embed")
        template = "core/blocks/embed.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        url = value["url"].url if value["url"] else ""
        context["url"] = url
        context["host"] = urlsplit(url).hostname or ""
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "core/blocks/document.html"


class RichStreamBlock(BaseStreamBlock):
    """Prose with media: news and anything illustrated."""

    image = ImageBlock()
    embed = EmbedBlock()
    document = DocumentBlock()
