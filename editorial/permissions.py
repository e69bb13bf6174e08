"""Permission rules Wagtail's page permissions do not express on their own."""

from wagtail.models import Page


def user_may_delete(user, page):
    """Deleting is editorial work: the user needs "add" or "bulk_delete" on the page.

    Wagtail lets anyone with "change" delete a page that is not live; translators hold
    "change" on their language tree and must not delete (Wagtail's own can_delete() still
    applies on top of this)."""
    if user.is_superuser:
        return True
    if not isinstance(page, Page):
        return False
    return bool({"add", "bulk_delete"} & page.permissions_for_user(user).permissions)
