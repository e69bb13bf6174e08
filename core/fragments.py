"""Cards rendered once and kept until something they show changes.

A listing (the candidate directory, the news index, the home page, the appeal index) renders
one card per item; most of its time went there, and the same cards come back on every
listing page, filter and language switch. `render_cards` keeps each card's HTML in the page
cache's store, keyed by the site-wide epoch and the *generation of the item's own page path*
(core/page_cache.py): every event that purges the item's page (its publication, a region or
category it names, its image replaced, a move; core/invalidation.py) also retires its card,
so a card is never older than the page it links to. Three cache round trips at most per
listing (generations, cards, and storing the ones rendered), whatever its length.

Off with FRAGMENT_CACHE_ENABLED = False (the test settings: each test renders what it
checks), and when the cache cannot be reached (then every card is rendered, as before).
"""

import hashlib

from django.conf import settings
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from .page_cache import EPOCH_KEY, current_versions, generation_key, page_cache


def render_cards(request, template_name, items, name, prepare=None, **extra):
    """The HTML of `template_name` for each of `items` (in order), each rendered with
    `{name: item, **extra}`. `prepare(items)` is called with the items about to be rendered
    (to fetch what only a rendered card needs: renditions, related rows)."""
    items = list(items)
    template = get_template(template_name)

    def render(batch):
        if batch and prepare is not None:
            prepare(batch)
        # The request in the context (for {% pageurl %}), without the context processors.
        context = {"request": request, **extra}
        return [mark_safe(template.render({**context, name: item})) for item in batch]  # noqa: S308

    if not items or not settings.FRAGMENT_CACHE_ENABLED:
        return render(items)
    paths = [item.get_url_parts(request) for item in items]
    if None in paths:
        return render(items)
    paths = [parts[2] for parts in paths]
    versions = current_versions([EPOCH_KEY, *dict.fromkeys(map(generation_key, paths))])
    if versions is None:
        return render(items)
    variant = hashlib.md5(
        repr((template_name, sorted(extra.items()))).encode(), usedforsecurity=False
    ).hexdigest()[:12]
    language = translation.get_language()
    epoch = versions[EPOCH_KEY]
    keys = [
        f"card:{variant}:{language}:{epoch}:{versions[generation_key(path)]}:{item.pk}"
        for item, path in zip(items, paths, strict=True)
    ]
    cache = page_cache()
    found = cache.get_many(keys)
    missed = [index for index, key in enumerate(keys) if key not in found]
    if missed:
        rendered = render([items[index] for index in missed])
        fresh = {keys[index]: str(html) for index, html in zip(missed, rendered, strict=True)}
        cache.set_many(fresh, settings.PAGE_CACHE_SECONDS)
        found.update(fresh)
    return [mark_safe(found[key]) for key in keys]  # noqa: S308
