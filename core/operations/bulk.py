"""Building a lot of content at once (the demo loaders, an import of many pages).

Every save of a page normally updates the search index, Wagtail's reference index and the page
cache, and a page is saved several times on its way to being published and translated (added
to the tree, a revision, the publication, the translation's draft and publication): for the
demo's 40 candidates and 12 news items in two languages that was most of `load_demo`'s time.
Inside `bulk_content_changes()` those updates wait; on the way out each object saved is
indexed once in both indexes and the whole page cache is purged, so the result is the same.
"""

import contextlib

from django.conf import settings
from django.db.models.signals import post_save
from django.test.utils import override_settings
from wagtail.models import Page, ReferenceIndex
from wagtail.search.index import class_is_indexed, insert_or_update_object
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.caching import invalidation


@contextlib.contextmanager
def bulk_content_changes():
    saved = set()
    indexable = {}

    def remember(sender, instance, raw=False, **kwargs):
        model = type(instance)
        if model not in indexable:
            indexable[model] = ReferenceIndex.is_indexed(model) or class_is_indexed(model)
        if not raw and instance.pk is not None and indexable[model]:
            saved.add((instance._meta.concrete_model, instance.pk))

    backends = {
        name: {**backend, "AUTO_UPDATE": False}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    post_save.connect(remember, weak=False, dispatch_uid="core_bulk_remember")
    try:
        with (
            override_settings(WAGTAILSEARCH_BACKENDS=backends),
            disable_reference_index_auto_update(),
            invalidation.paused(),
        ):
            yield
    finally:
        post_save.disconnect(dispatch_uid="core_bulk_remember")
    for model, pk in saved:
        obj = model._default_manager.filter(pk=pk).first()
        if obj is None:
            continue
        if hasattr(obj, "specific"):
            obj = obj.specific
        if ReferenceIndex.is_indexed(obj._meta.model):
            ReferenceIndex.create_or_update_for_object(obj)
        insert_or_update_object(obj)
    if saved:
        invalidation.purge_all()


def published_on(pages, moment):
    """Record `moment` as the first and last publication of `pages` (a page and its
    translations). Demo content stands for items published on their own dates (a news item's
    date, the election commission's decision a profile reports); loaded in one go, they would
    all say they were published the minute `load_demo` ran, and the sitemap's `lastmod`, the
    feeds' `updated` and the JSON-LD dates with them. Revisions keep their real times: the
    history shows what was done, and when. No signal is sent: the purge at the end of
    `bulk_content_changes` covers the pages."""
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        first_published_at=moment, last_published_at=moment
    )
    for page in pages:
        page.first_published_at = page.last_published_at = moment
