"""StreamField blocks shared by every content app."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

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
