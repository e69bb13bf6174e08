"""Which pages a reader may see in a listing: live, and under no view restriction.

Wagtail's `PageQuerySet.public()` loads every restriction in a query of its own each time it
is called; `public_pages` says the same in SQL (a restriction on the page or on any ancestor
hides it), so a listing costs no extra query. Every listing, feed, sitemap, search, export and
related-content block of the public site goes through here.

A view restriction belongs to the content, not to one language: `sync_view_restrictions`
copies it to every language version of the page (editorial signals call it whenever a
restriction is saved or removed), so a page made private in Kazakh is private in Russian too.
"""

from contextvars import ContextVar

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction


def restricted():
    """A condition true for pages under a view restriction (theirs or an ancestor's)."""
    outer_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    covering = PageViewRestriction.objects.filter(StartsWith(outer_path, F("page__path")))
    return Exists(covering)


def public_pages(queryset):
    """`queryset` limited to live pages that anyone may read."""
    return queryset.live().exclude(restricted())


_syncing = ContextVar("syncing_view_restrictions", default=False)


def sync_view_restrictions(page):
    """Give every language version of `page` the same view restriction as `page`.

    Saving the copies sends the same signals again; those nested calls do nothing."""
    if _syncing.get():
        return
    token = _syncing.set(True)
    try:
        _sync(page)
    finally:
        _syncing.reset(token)


def _sync(page):
    source = page.view_restrictions.prefetch_related("groups").first()
    versions = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    for version in versions:
        existing = version.view_restrictions.prefetch_related("groups").first()
        if source is None:
            if existing is not None:
                version.view_restrictions.all().delete()
            continue
        if existing is None:
            existing = PageViewRestriction(page=version)
        changed = existing.pk is None or (existing.restriction_type, existing.password) != (
            source.restriction_type,
            source.password,
        )
        if changed:
            existing.restriction_type = source.restriction_type
            existing.password = source.password
            existing.save()
        groups = {group.pk for group in source.groups.all()}
        if {group.pk for group in existing.groups.all()} != groups:
            existing.groups.set(groups)
