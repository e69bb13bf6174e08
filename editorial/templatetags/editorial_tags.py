"""Adjusts the props wagtail-localize passes to its React translation editor."""

import json

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Page

from editorial.permissions import user_may_delete
from editorial.roles import can_manage_translations
from editorial.workbench import Workbench, editor_data

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_editor_props(context):
    """wagtail-localize's props, with the actions this user may really take.

    - "Publish" is shown to everyone who may edit the unlocked page; for users without
      publish permission it reads "Submit for review" (`perms.submitForReview`, read by our
      copy of the bundle, editorial/localize_js.py) and the server turns the POST into a
      new revision plus a moderation workflow.
    - "Convert to alias page" is never offered (gap 8).
    - "Stop Synced translation" only for those who may stop translations (the server
      refuses the others); with nothing else to offer, the footer has no "More actions"
      (our copy of the bundle: editorial/localize_js.py).
    - The page counts as locked when it is locked *for this user* (another user's lock,
      or a review in progress), so the editor is read-only exactly when the string
      endpoints refuse edits.
    - A segment whose source text changed starts from its previous translation, marked as
      needing review (`editorial.workbench`; not saved, not counted as translated).
    """
    props = json.loads(context["props"])
    workbench = _workbench(context, props)
    workbench.prefill(props)
    instance = context["instance"]
    user = context["request"].user
    props["links"]["convertToAliasUrl"] = None
    if not can_manage_translations(user):
        props["links"]["stopTranslationUrl"] = None
    if isinstance(instance, Page):
        permissions = instance.permissions_for_user(user)
        locked_for_user = bool(permissions.page_locked())
        can_publish = permissions.can_publish()
        props["object"]["isLocked"] = locked_for_user
        if not can_publish:
            props["perms"]["submitForReview"] = {
                "label": _("Submit for review"),
                "busy": _("Submitting for review…"),
            }
        props["perms"].update(
            {
                "canPublish": can_publish or (permissions.can_edit() and not locked_for_user),
                "canLock": permissions.can_lock() and not instance.locked,
                "canUnlock": permissions.can_unlock() and instance.locked,
                "canDelete": permissions.can_delete() and user_may_delete(user, instance),
            }
        )
    return json.dumps(props)


@register.simple_tag(takes_context=True)
def editorial_review_notice(context):
    """Said plainly above the editor while the translation waits for a moderator: the
    editor is read-only until then (the string endpoints refuse edits too)."""
    instance = context["instance"]
    user = context["request"].user
    if not isinstance(instance, Page) or not instance.workflow_in_progress:
        return ""
    if instance.permissions_for_user(user).can_publish():
        return _(
            "This translation is waiting for a moderator's review. Approve or reject it from "
            "the status bar or the dashboard."
        )
    return _(
        "This translation is in review: a moderator is deciding. You can read it, but not "
        "change it, until the moderator approves it or asks for changes."
    )


def _workbench(context, props):
    """One `Workbench` per editor page, shared by the two tags below."""
    translation = context["translation"]
    if not hasattr(translation, "_editorial_workbench"):
        translation._editorial_workbench = Workbench(translation, props)
    return translation._editorial_workbench


@register.simple_tag(takes_context=True)
def editorial_workbench(context):
    """What workbench.js shows on the changed segments, and the header's notice that the
    translation is out of date (None when it is not)."""
    props = json.loads(context["props"])
    return editor_data(_workbench(context, props), props)
