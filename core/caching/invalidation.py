"""What each publishing event purges from the page cache and the CDN / Varnish in front.

A page shows up on: its own URL in every language (the language switcher and hreflang of each
translation name the others), its section index (every page and filter of it: a path purge
drops them all), the home pages (featured appeal, latest news, the election at a glance), the
feeds and exports of its section, the sitemaps, search results, and any page that refers to
it (a news item's related appeals and candidates, the home page's featured appeal: Wagtail's
reference index knows them). `paths_for_pages` collects exactly those paths; everything else
stays cached.

The events (signals connected in CoreConfig.ready): publish, unpublish (including scheduled
publishing, expiry and a moderator's approval, which all publish or unpublish), delete, move,
slug change, and a change to an image or document (the pages that use it). Apps add their own
(reference data: `purge_on_reference_data_change`, called from candidates/apps.py and
news/apps.py) through `purge_after_commit`.

Purges run when the transaction commits, so a reader never re-caches the old version in
between; the frontend cache gets absolute URLs of the same paths (Varnish bans each path with
all its query strings, deploy/varnish/default.vcl).
"""

import contextlib
import contextvars
import functools
import logging

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, ReferenceIndex, Site

from core.caching.page_cache import purge_everything, purge_paths
from core.site.tree import HOME_DEPTH, ROOT_DEPTH, SECTION_DEPTH

logger = logging.getLogger("federation_site.cache")


def site_paths():
    """Paths on every language version of the site: sitemaps and each language's search."""
    paths = ["/sitemap.xml"]
    for code, _name in settings.LANGUAGES:
        paths.append(f"/sitemap-{code}.xml")
        paths.append(f"/{code}/search/")
    return paths


def _path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _versions(pages):
    keys = {page.translation_key for page in pages}
    return Page.objects.filter(translation_key__in=keys).specific(defer=True)


def pages_referring_to(objects):
    """Pages whose content refers to any of `objects` (a news item's related pages, the home
    page's featured appeal, an image, a region), from Wagtail's reference index."""
    objects = list(objects)
    if not objects:
        return []
    page_type = ReferenceIndex._get_base_content_type(Page)
    ids = (
        ReferenceIndex.get_references_to_in_bulk(objects)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in=[int(pk) for pk in ids]))


def _ancestor_paths(pages):
    """Tree paths (treebeard's `path`) of the ancestors of `pages` below the tree root."""
    found = set()
    for page in pages:
        step = page.steplen
        found.update(page.path[:end] for end in range(2 * step, len(page.path), step))
    return found


def paths_for_pages(pages, *, referring=True):
    """Every URL path that shows any of `pages`, in every language: their own, their
    listings (ancestors, with feeds and exports), the homes, sitemaps and search, and the
    pages that refer to them (a related item names the page; its listings do not)."""
    paths = set(site_paths())
    versions = list(_versions(pages)) if pages else []
    listings = Page.objects.filter(path__in=_ancestor_paths(versions)) | Page.objects.filter(
        depth=HOME_DEPTH
    )
    shown = versions + list(listings.specific(defer=True))
    if referring and versions:
        shown += list(_versions(pages_referring_to(versions)))
    for page in shown:
        path = _path(page)
        if path:
            paths.add(path)
            paths.update(path + sub for sub in getattr(page, "listing_subpaths", ()))
    return paths


def shown_on_every_page(pages):
    """Homes and section indexes name themselves in every page's navigation."""
    return any(page.depth <= SECTION_DEPTH for page in pages)


_paused = contextvars.ContextVar("page_cache_invalidation_paused", default=False)


@contextlib.contextmanager
def paused():
    """No purges while content is built in bulk (core/operations/bulk.py purges everything
    after)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def unless_paused(handler):
    @functools.wraps(handler)
    def handle(*args, **kwargs):
        if not _paused.get():
            return handler(*args, **kwargs)
        return None

    return handle


def purge_after_commit(paths):
    """Purge `paths` from the page cache and the frontend cache once the data is committed."""
    paths = set(paths)
    if paths:
        transaction.on_commit(lambda: purge(paths))


def purge(paths):
    purged = purge_paths(paths)
    purge_frontend(purged)
    return purged


def purge_all():
    """Everything, here and in front (Varnish bans each path as a prefix: "/" is all)."""
    purge_everything()
    purge_frontend(["/"])


def purge_frontend(paths):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    # The public address readers (and the CDN) use; Varnish bans by path whatever the host.
    root = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    urls = [root + path for path in paths]
    try:
        purge_urls_from_cache(urls)
    except Exception:  # noqa: BLE001  (a CDN outage must not fail a publication)
        logger.exception("Purging %d URLs from the frontend cache failed", len(urls))


# --- Events ------------------------------------------------------------------------------


@unless_paused
def page_changed(sender, instance, **kwargs):
    """Published or unpublished (by an editor, a moderator's approval, the scheduler)."""
    if shown_on_every_page([instance]):
        transaction.on_commit(purge_all)
    purge_after_commit(paths_for_pages([instance]))


@unless_paused
def page_deleting(sender, instance, **kwargs):
    # Collected now: after the delete the page and its place in the tree are gone.
    if isinstance(instance, Page) and instance.depth > ROOT_DEPTH:
        if shown_on_every_page([instance]):
            transaction.on_commit(purge_all)
        purge_after_commit(paths_for_pages([instance]))


# Paths a page showed on before a move, by page id, until the move is done.
_before_move = {}


@unless_paused
def page_moving(sender, instance, **kwargs):
    _before_move[instance.pk] = paths_for_pages([instance])


@unless_paused
def page_moved(sender, instance, **kwargs):
    if shown_on_every_page([instance]):
        transaction.on_commit(purge_all)
    before = _before_move.pop(instance.pk, set())
    purge_after_commit(before | paths_for_pages([Page.objects.get(pk=instance.pk)]))


@unless_paused
def slug_changed(sender, instance, instance_before, **kwargs):
    """The old address of the page and of everything under it now answers 404."""
    old, new = _path(instance_before), _path(instance)
    paths = {old} if old else set()
    if old and new:
        for descendant in Page.objects.descendant_of(instance):
            path = _path(descendant)
            if path and path.startswith(new):
                paths.add(old + path[len(new) :])
    purge_after_commit(paths | paths_for_pages([instance]))


@unless_paused
def media_changed(sender, instance, **kwargs):
    """An image or document replaced or edited: the pages that use it, and their listings."""
    pages = pages_referring_to([instance])
    if pages:
        # Pages that mention those pages (a related item's title) do not show the media.
        purge_after_commit(paths_for_pages(pages, referring=False))


@unless_paused
def site_changed(sender, **kwargs):
    transaction.on_commit(purge_all)


def connect():
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        pre_page_move,
    )

    page_published.connect(page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache_unpublished")
    pre_delete.connect(page_deleting, dispatch_uid="page_cache_delete")
    pre_page_move.connect(page_moving, dispatch_uid="page_cache_moving")
    post_page_move.connect(page_moved, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(slug_changed, dispatch_uid="page_cache_slug")
    for model in (get_image_model(), get_document_model()):
        post_save.connect(
            media_changed, sender=model, dispatch_uid=f"page_cache_{model._meta.label}"
        )
    for model in (Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(
                site_changed, sender=model, dispatch_uid=f"page_cache_{model._meta.label}_{signal}"
            )


def purge_on_reference_data_change(models, listing_page_model):
    """Reference data (regions, parties, categories...) named on pages: a change purges the
    pages that refer to the row and every listing of `listing_page_model` (their filters name
    every row), in every language."""

    @unless_paused
    def changed(sender, instance, **kwargs):
        pages = pages_referring_to([instance]) + list(listing_page_model.objects.all())
        purge_after_commit(paths_for_pages(pages, referring=False))

    from django.db.models.signals import post_delete, post_save

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                changed, sender=model, weak=False, dispatch_uid=f"page_cache_{model._meta.label}"
            )
