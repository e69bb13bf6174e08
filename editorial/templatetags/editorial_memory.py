"""The translation memory in wagtail-localize's editor (editorial/memory.py): the settings
of editorial/static/editorial/memory.js, and the list of segments filled from the memory."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from editorial.memory import memory_drafts
from editorial.memory_views import may_translate_into

register = template.Library()


@register.simple_tag(takes_context=True)
def memory_editor_config(context):
    """What memory.js reads (from a JSON script element): where to ask, in which
    direction, and its words in the admin language. Empty when the user cannot write
    here (the page locked against them, or in review)."""
    translation = context.get("translation")
    instance = context.get("instance")
    user = context["request"].user
    if translation is None:
        return {}
    target = translation.target_locale.language_code
    if not may_translate_into(user, target):
        return {}
    if isinstance(instance, Page):
        permissions = instance.permissions_for_user(user)
        if permissions.page_locked() or instance.workflow_in_progress:
            return {}
    return {
        "url": reverse("editorial_memory_suggest"),
        "source": translation.source.locale.language_code,
        "target": target,
        "labels": {
            "title": _("From the translation memory"),
            "use": _("Use this"),
            "exact": _("Exact match"),
            "score": _("Similar: %(score)s%%"),
            "from": _("from %(page)s, %(date)s"),
        },
    }


@register.simple_tag(takes_context=True)
def memory_drafts_notice(context):
    """(source, draft) pairs of the segments the memory filled and nobody has saved since:
    the translator checks them, the Moderator sees them while reviewing."""
    translation = context.get("translation")
    if translation is None:
        return []
    return memory_drafts(translation)
