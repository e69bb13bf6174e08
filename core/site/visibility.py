"""Which pages a reader may see: live, and under no view restriction.

Whether a page is restricted is always decided from the database as it is now, by page id:
never from tree paths read earlier and kept. A move (even an ordinary reorder of siblings in
the explorer) renumbers the tree paths of the page, its siblings and their descendants, so a
kept path can name another page a second later. What is kept is only the set of page ids that
carry a restriction (ids never change), forgotten whenever a restriction is saved or removed
(core/apps.py); it spares every page of a site without restrictions any query at all.

Wagtail's `PageQuerySet.public()` loads every restriction in a query of its own each time it
is called; `public_pages` says the same in SQL (a restriction on the page or on any ancestor
hides it), so a listing costs no extra query, and no condition at all while no page is
restricted. Every listing, feed, sitemap, search, export and related-content block of the
public site goes through here.

Within one GET or HEAD request the set is read from the shared cache once and then reused
(the candidate directory asked three times: the page's own check, its listing, its map),
never longer: another process may add a restriction at any moment, and the next request must
see it. The request's copy lives in a context variable set when the request starts and
dropped when it ends (`request_started`, `request_finished`), and is dropped as well when the
set is forgotten within the request. Outside a request (commands, tasks, tests that call
views directly) nothing is reused.

A view restriction belongs to the content, not to one language: `sync_view_restrictions`
copies it to every language version of the page (core/apps.py calls it whenever a
restriction is saved or removed), so a page made private in Kazakh is private in Russian too.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction

RESTRICTED_IDS_KEY = "visibility:restricted-page-ids"
RESTRICTED_IDS_LIFETIME = 60 * 60


def restricted():
    """A condition true for pages under a view restriction (theirs or an ancestor's)."""
    outer_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    covering = PageViewRestriction.objects.filter(StartsWith(outer_path, F("page__path")))
    return Exists(covering)


def public_pages(queryset):
    """`queryset` limited to live pages that anyone may read. On a site where no page carries a
    restriction (the kept set of ids is empty) the condition is left out: it is checked for
    every row, and was a third of the candidate directory's database time."""
    if not restricted_page_ids():
        return queryset.live()
    return queryset.live().exclude(restricted())


def restricted_page_ids():
    """Ids of the pages that carry a view restriction themselves (their descendants are
    restricted too), from the shared cache; within a GET or HEAD request, as read first in
    that request (see the module's docstring)."""
    from core.caching.page_cache import page_cache

    this_request = _this_request.get()
    if this_request is not None and this_request.ids is not None:
        return this_request.ids
    cache = page_cache()
    ids = cache.get(RESTRICTED_IDS_KEY)
    if ids is None:
        ids = sorted(set(PageViewRestriction.objects.values_list("page_id", flat=True)))
        cache.set(RESTRICTED_IDS_KEY, ids, RESTRICTED_IDS_LIFETIME)
    if this_request is not None:
        this_request.ids = ids
    return ids


def forget_restrictions():
    from core.caching.page_cache import page_cache

    this_request = _this_request.get()
    if this_request is not None:
        this_request.ids = None
    page_cache().delete(RESTRICTED_IDS_KEY)


class _RequestCopy:
    """The restricted ids as one request read them (None until read)."""

    ids = None


# The current GET or HEAD request's copy; None outside one.
_this_request = ContextVar("restricted_ids_this_request", default=None)


def _request_started(environ=None, **kwargs):
    # A WSGI request's environ (ASGI sends a scope: nothing is reused there).
    method = (environ or {}).get("REQUEST_METHOD")
    _this_request.set(_RequestCopy() if method in ("GET", "HEAD") else None)


def _request_finished(**kwargs):
    _this_request.set(None)


request_started.connect(_request_started, dispatch_uid="visibility_request_started")
request_finished.connect(_request_finished, dispatch_uid="visibility_request_finished")


def restrictions_covering(page):
    """The view restrictions on `page` or any ancestor, by the page's id and the tree as it is
    in the database now (one query; none when no page is restricted). `page` may be an object
    loaded before a move: its own `path` attribute is not trusted."""
    if not restricted_page_ids():
        return PageViewRestriction.objects.none()
    current_path = Page.objects.filter(pk=page.pk).values("path")[:1]
    return PageViewRestriction.objects.annotate(
        covered_path=Subquery(current_path, output_field=CharField())
    ).filter(StartsWith(F("covered_path"), F("page__path")))


def restricted_q():
    """A filter on Page matching pages under any restriction, on the indexed `path` field (so
    search backends accept it). The restricted pages' paths are read now, in the same request
    as the search (a query only when some page is restricted)."""
    if not restricted_page_ids():
        return Q(pk__in=[])
    condition = Q(pk__in=[])
    for path in PageViewRestriction.objects.values_list("page__path", flat=True).distinct():
        condition |= Q(path__startswith=path)
    return condition


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
