"""Cards rendered once and kept until something they show changes.

A listing (the candidate directory, the news index, the home page, the appeal index) renders
one card per item; most of its time went there, and the same cards come back on every
listing page, filter and language switch. `render_cards` keeps each card's HTML in the page
cache's store, keyed by the site-wide epoch and the *generation of the item's own page path*
(core/caching/page_cache.py): every event that purges the item's page (its publication, a region or
category it names, its image replaced, a move; core/caching/invalidation.py) also retires its card,
so a card is never older than the page it links to. Three cache round trips at most per
listing (generations, cards, and storing the ones rendered), whatever its length.

`page_fragment` keeps a part of one page's HTML that depends on nothing but what that page's
own purge covers (the head and header: title, description, canonical and hreflang links,
share image, language switcher, navigation), keyed like the page's cached response: the
epoch, the path's generation and the whole URL. It is used only where the page cache could
serve the page to this reader (no session, not a preview), so a fragment is never older, and
never more personal, than the cached page would be. On a page-cache miss after the path's
purge it is rendered again with the page; it saves work on the misses that are not a purge:
the page cache's lifetime running out, a new query string (search terms, a filter, a page
number), and runs with the page cache off.

Like the page cache, nothing here makes a path's generation when it looks (a made-up
address leaves no key behind): a generation is made with `add` when a piece is stored under
it, and a piece rendered while another process made it (a purge) is not stored. A piece of
one URL is kept only where the page cache would keep the page: its query string holds only
the parameters its view declared (`core.caching.page_cache.declare_query`), and the page is not one
the page cache must not keep (`request.page_cache_forbidden`: a restricted page).

Off with FRAGMENT_CACHE_ENABLED = False (tests that measure a render turn it off with the
`caches_off` fixture), and when the cache cannot be reached (then every card is rendered,
as before).
"""

import hashlib

from django.conf import settings
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from core.caching.page_cache import (
    EPOCH_KEY,
    canonical_url,
    current_versions,
    generation_key,
    language_prefixes,
    lifetime,
    made_generations,
    page_cache,
    query_is_cacheable,
    version_to_store,
)

# What a card's key needs of its page (its URL): listings fetch only this (`card_key_only`)
# and load the whole page (`load`) for the cards they have to render.
CARD_KEY_FIELDS = ("id", "path", "depth", "url_path", "locale_id", "translation_key")


def card_key_only(queryset):
    """`queryset` fetching only what card keys need; unchanged when cards are not kept
    (each card is rendered, so the pages are fetched whole in the first place)."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return queryset
    return queryset.select_related(None).only(*CARD_KEY_FIELDS)


def render_cards(request, template_name, items, name, prepare=None, load=None, **extra):
    """The HTML of `template_name` (or of an object with a template's `render(context)` and
    `name`) for each of `items` (in order), each rendered with
    `{name: item, **extra}`. `prepare(items)` is called with the items about to be rendered
    (to fetch what only a rendered card needs: renditions, related rows). With `load`,
    `items` hold only what the keys need (`card_key_only`) and `load(pks)` returns the
    pages to render (a queryset), for the cards not in the cache."""
    items = list(items)
    # A template's name, or an object that renders like one (candidates/cards.py).
    template = get_template(template_name) if isinstance(template_name, str) else template_name
    template_name = getattr(template, "name", template_name)

    def render(batch):
        if batch and load is not None and settings.FRAGMENT_CACHE_ENABLED:
            loaded = {page.pk: page for page in load([item.pk for item in batch])}
            batch = [loaded[item.pk] for item in batch]
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
    generation_keys = list(dict.fromkeys(map(generation_key, paths)))
    versions = current_versions([EPOCH_KEY, *generation_keys])
    if versions is None:
        return render(items)
    # An item's generation is made when its first card is stored; a card rendered while
    # another process made it (a purge) is shown but not stored.
    versions.update(made_generations([key for key in generation_keys if versions[key] is None]))
    variant = hashlib.md5(
        repr((template_name, sorted(extra.items()))).encode(), usedforsecurity=False
    ).hexdigest()[:12]
    language = translation.get_language()
    epoch = versions[EPOCH_KEY]
    keys = [
        f"card:{variant}:{language}:{epoch}:{generation}:{item.pk}"
        if (generation := versions[generation_key(path)]) is not None
        else None
        for item, path in zip(items, paths, strict=True)
    ]
    cache = page_cache()
    found = cache.get_many([key for key in keys if key is not None])
    cards = [found.get(key) for key in keys]
    missed = [index for index, card in enumerate(cards) if card is None]
    if missed:
        rendered = render([items[index] for index in missed])
        for index, card in zip(missed, rendered, strict=True):
            cards[index] = str(card)
        fresh = {keys[index]: cards[index] for index in missed if keys[index] is not None}
        cache.set_many(fresh, settings.PAGE_CACHE_SECONDS)
    return [mark_safe(card) for card in cards]  # noqa: S308


def kept_for_path(path, name, compute, request=None):
    """`compute()`'s value, kept while the page-cache epoch and `path`'s generation are
    unchanged: for a summary of what a listing at `path` shows (the home page's election at
    a glance counts what the candidate directory lists; every change to a candidate or the
    reference data it names purges the directory). Picklable values only.

    A listing that keeps a piece of itself, the same for all its query strings (the
    directory's map), passes its `request`: the versions are then those its page-cache
    lookup read, and a path without a generation gets one, made once for both. Made here
    apart, the response's own `add` would fail, `version_to_store` would take that for a
    purge, and the listing's first render would not be stored."""
    if not settings.FRAGMENT_CACHE_ENABLED or not path:
        return compute()
    if request is not None and request.path != path:
        request = None  # a preview, say: its versions are not the listing's
    key = f"kept:{name}:{translation.get_language()}:{path}"
    return _kept(key, path, compute, settings.PAGE_CACHE_SECONDS, request, keep_none=True)


def _kept(key, path, compute, timeout, request=None, keep_none=False):
    """`compute()`'s value stored under `key` with the epoch and `path`'s generation it was
    made under, and used while both are current. With `request` (whose path is `path`), the
    epoch and generation are read once per request, shared with the page cache's lookup."""
    cache = page_cache()
    version = getattr(request, "_page_cache_version", None)
    if version is not None:
        stored = cache.get(key) if version[1] is not None else None
    else:
        path_key = generation_key(path)
        found = cache.get_many([EPOCH_KEY, path_key, key])
        versions = current_versions([EPOCH_KEY, path_key], found)
        if versions is None:
            return compute()  # the cache cannot be reached
        version = (versions[EPOCH_KEY], versions[path_key])
        if request is not None:
            request._page_cache_version = version
        stored = found.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    value = compute()
    if value is None and not keep_none:
        return value
    if request is not None:
        version = version_to_store(request)
    elif version[1] is None:
        made = made_generations([generation_key(path)])
        version = (version[0], *made.values()) if made else None
    if version is not None:
        cache.set(key, (version, value), timeout)
    return value


def _page_fragments_allowed(request):
    return (
        settings.FRAGMENT_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_preview", False)
        and not getattr(request, "page_cache_forbidden", False)
        and request.path.startswith(language_prefixes())
    )


def kept_for_request(request, name, compute):
    """`compute()`'s value (picklable; None is not kept), kept for this URL like its cached
    response: only where the page cache could serve this page to this reader and keep it
    (no query parameter the view has not declared so far), under its epoch and path
    generation."""
    if request is None or not _page_fragments_allowed(request) or not query_is_cacheable(request):
        return compute()
    url = canonical_url(request)
    digest = hashlib.md5(f"{name}\n{url}".encode(), usedforsecurity=False).hexdigest()
    key = f"fragment:{translation.get_language()}:{digest}"
    return _kept(key, request.path, compute, lifetime(request), request)


def page_fragment(request, name, render):
    """`render()`'s HTML, kept for this URL while the page-cache epoch and this path's
    generation are unchanged (see the module's docstring). `name` tells apart the fragments
    of one URL (include the template's name: another template may serve the same path)."""
    html = kept_for_request(request, name, lambda: str(render()))
    return mark_safe(html)  # noqa: S308  (our own rendering, stored as rendered)
