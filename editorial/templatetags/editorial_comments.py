"""The translation editor's comments on segments (editorial/comment_views.py)."""

from django import template
from wagtail.models import Page

from editorial.comment_views import editor_data

register = template.Library()


@register.simple_tag(takes_context=True)
def segment_comments_data(context):
    """The comments of this translation for comments.js, or None outside a page translation."""
    instance = context.get("instance")
    translation = context.get("translation")
    if translation is None or not isinstance(instance, Page):
        return None
    return editor_data(context["request"], translation, instance)
