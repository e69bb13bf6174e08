"""The page cache: anonymous GET and HEAD of public pages, feeds, sitemaps, robots.txt and
candidate exports, served from the shared cache (Redis in production, local memory for
`make run`), with exact invalidation by path.

Built on Django's cache middleware (`UpdatePageCacheMiddleware` and
`FetchPageCacheMiddleware` are its two halves with four changes):

1. What may be cached is decided here (`request_is_cacheable`, `response_is_cacheable`):
   only paths under a content language (`/kk/...`, `/ru/...`) and `robots.txt`/sitemaps;
   never a request that carries a session cookie (signed-in users, previews, a page whose
   password was entered), never a response that sets a cookie, used a CSRF token, is not a
   200, or comes from a page under a view restriction. `/` (the language redirect, which
   depends on the reader's cookie and Accept-Language) is not cached.
2. Each path has a *generation*, and the whole site an *epoch*: a stored response counts
   only while both are what they were when it was stored, so purging a path (a new
   generation) drops every cached variant of it at once (each `?page=`, every directory
   filter, every search query, GET and HEAD, compressed or not). `purge_paths()` is the whole
   invalidation API; `core/caching/invalidation.py` decides which paths an event purges, and also
   sends them to the CDN / Varnish (wagtail.contrib.frontend_cache).
   A lookup makes no generation: a path's generation is made (with `add`) only when
   something is stored for it, so a made-up address (a 404) leaves no key behind. When the
   `add` finds a generation made since the lookup (a purge during the render), the render
   may be older than the purge and nothing is stored.
3. Headers for shared caches in front: cacheable responses get
   `Cache-Control: public, max-age=<BROWSER>, s-maxage=<lifetime>` and an ETag (304 on a
   conditional GET); everything else `private, no-store`. A reader's own browser keeps a page
   only briefly (it cannot be purged); Varnish or the CDN keeps it as long as we do.

4. A hit costs one cache round trip (epoch, generation and response in one `get_many`) and
   no middleware that a cached page does not need: the key is made from the request alone
   (method, URL, gzip or not), not through Django's stored list of Vary headers and not with
   the active language (so the fetch half runs right after WhiteNoise, before sessions, locale,
   CSRF, authentication and the rest, whose headers are already in the stored response).
   This holds because nothing cached varies on anything else: a request with a session
   cookie is never served from here, the reader's cookies are dropped from `Vary`, and the
   one path whose content follows Accept-Language (`/`) is not cached.

5. Bounded growth: a response is stored only when its query string holds nothing but the
   parameters its view acted on, each once, with the value the view took it as
   (`declare_query`, called by the views and pages that read `request.GET`: the index
   pages' `page`, the news index's `category` and `tag`, the directory's filters, search's
   `q`). Any other query string (`?x=1`, `?page=999` past the last page, `?page=01`, a
   repeated or an invalid filter) is answered, but as `private, no-store`, so neither this
   cache nor Varnish in front keeps it; a page that declares nothing (an item, a feed,
   robots.txt) is stored only without a query string. Answering rather than redirecting to
   the canonical address keeps every link that works today working (a share with tracking
   parameters, an old bookmark) and needs no second rule of what is canonical; such a
   request costs a render, with the listing cards still kept (core/caching/fragments.py). The key of
   a stored response names the parsed parameters in one order (`canonical_url`), so
   spellings of one query (`?b=2&a=1`, `?a=1&&b=2`, percent-encoded names) share an entry.
   So the number of stored responses is bounded by the site's pages and their real
   variants, and made-up addresses or query strings add none.

Search results use a short lifetime instead of being purged on every change.
"""

import hashlib
import re
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import (
    add_never_cache_headers,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.encoding import escape_uri_path

HEADER = "X-Page-Cache"
_SITEMAP = re.compile(r"^/sitemap(-[\w-]+)?\.xml$")
_NO_STORE = ("private", "no-cache", "no-store")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def request_is_cacheable(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in, or a session (a page password) that may change the page
    path = request.path
    if path.startswith(language_prefixes()):
        return True
    return path == "/robots.txt" or bool(_SITEMAP.match(path))


def lifetime(request):
    """Seconds a response stays cached (and in shared caches in front). Search results, and
    anything asked for with free text (`q`: the search, the directory's name filter), live
    briefly: every new text is a new entry, and a reader may type as many as they like."""
    if request.GET.get("q") or any(
        request.path.endswith(f"/{suffix}/") for suffix in settings.PAGE_CACHE_SHORT_PATHS
    ):
        return settings.PAGE_CACHE_SHORT_SECONDS
    return settings.PAGE_CACHE_SECONDS


def csrf_token_used(request):
    """Whether this request's response carries a CSRF token (a form that posts): such a
    response is never shared, nor compressed (BREACH). Django's `get_token()` sets
    META["CSRF_COOKIE_NEEDS_UPDATE"] (META["CSRF_COOKIE_USED"] before Django 4.1);
    CsrfViewMiddleware sets it back to False once it has sent the cookie, before the
    middleware here sees the response, but leaves the key: its presence is the sign."""
    meta = request.META
    return "CSRF_COOKIE_NEEDS_UPDATE" in meta or bool(meta.get("CSRF_COOKIE_USED"))


def response_is_cacheable(request, response):
    if getattr(request, "page_cache_forbidden", False):
        return False  # e.g. a page under a view restriction (core.wagtail_hooks)
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or csrf_token_used(request):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in _NO_STORE) or has_vary_header(response, "*"):
        return False
    return query_is_cacheable(request)


# --- Query parameters -------------------------------------------------------------------


def declare_query(request, **values):
    """Says which query parameters the view acted on and the value it took each as (a
    page number as the paginator read it, a filter as its form cleaned it, "" for one it
    ignored): a response is stored only when its query string holds these and nothing
    else (see the module's docstring). Called again, it adds to what was declared."""
    declared = request.__dict__.setdefault("page_cache_query", {})
    declared.update({name: str(value) for name, value in values.items()})


def query_is_cacheable(request):
    """Whether every parameter of the query string was declared by the view (`declare_query`),
    given once, with the value the view took it as. True without a query string."""
    if not request.META.get("QUERY_STRING"):
        return True
    declared = getattr(request, "page_cache_query", {})
    for name, values in request.GET.lists():
        if name not in declared or values != [declared[name]]:
            return False
    return True


def canonical_url(request):
    """The request's URL with its query parameters parsed and put in one order: the same
    query spelled another way names the same stored response."""
    url = f"{request.scheme}://{request.get_host()}{escape_uri_path(request.path)}"
    query = urlencode(
        sorted((name, value) for name, values in request.GET.lists() for value in values)
    )
    return f"{url}?{query}" if query else url


# --- Generations ------------------------------------------------------------------------


def generation_key(path):
    digest = hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()
    return f"page-cache:generation:{digest}"


EPOCH_KEY = "page-cache:epoch"


def _new_generation():
    return uuid.uuid4().hex[:16]


def current_versions(keys, found=None):
    """The values of the epoch and the generation `keys` ({key: value}); a generation not
    made yet is None (made only when something is stored under it: `made_generations`). The
    epoch, one key for the whole site, is made here when missing. `found` is a get_many
    result that already holds them (saves a round trip). None when the cache cannot be
    reached."""
    cache = page_cache()
    if found is None:
        found = cache.get_many(keys)
    versions = {key: found.get(key) for key in keys}
    if versions[EPOCH_KEY] is None:
        cache.add(EPOCH_KEY, _new_generation(), None)
        versions[EPOCH_KEY] = cache.get(EPOCH_KEY)
        if versions[EPOCH_KEY] is None:
            return None
    return versions


def request_epoch(request):
    """The epoch as this request sees it, read once per request: the one the page cache's
    lookup read (`_page_cache_version`), else read (and made when missing) by
    `current_versions`, as the lookup does, so that what is kept under the epoch in each
    process, the site structure and the footer, is kept with the page cache off too. None
    when the cache cannot be reached: then nothing is kept."""
    if request is not None and "_page_cache_epoch" in request.__dict__:
        return request._page_cache_epoch
    version = getattr(request, "_page_cache_version", None)
    if version is not None:
        epoch = version[0]
    else:
        versions = current_versions([EPOCH_KEY])
        epoch = versions[EPOCH_KEY] if versions is not None else None
    if request is not None:
        request._page_cache_epoch = epoch
    return epoch


def made_generations(keys):
    """Makes the generation `keys` that were missing at a lookup, each with `add`: {key: new
    generation} for those this call made. A key another process made meanwhile (a purge
    during the render, or another render) is left out: what was rendered before it may be
    older than its purge, so it is not stored."""
    cache = page_cache()
    made = {}
    for key in keys:
        generation = _new_generation()
        if cache.add(key, generation, None):
            made[key] = generation
    return made


def version_to_store(request):
    """The (epoch, generation) under which this request's response and kept pieces
    (core/caching/fragments.py) are stored, or None when nothing may be stored. The path's
    generation, when the lookup found none, is made here, once per request."""
    version = getattr(request, "_page_cache_version", None)
    if version is None or getattr(request, "_page_cache_unstorable", False):
        return None
    if version[1] is None:
        made = made_generations([generation_key(request.path)])
        if not made:
            request._page_cache_unstorable = True
            return None
        version = request._page_cache_version = (version[0], *made.values())
    return version


def response_key(request, method):
    """Where the response to this request is stored: method, whole URL (scheme, host, path,
    parsed query: `canonical_url`) and whether it is the gzip variant. The stored value
    carries the epoch and path generation it was made under; it counts only while both are
    still current."""
    url = hashlib.md5(canonical_url(request).encode(), usedforsecurity=False).hexdigest()
    encoding = "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "identity"
    return f"{settings.PAGE_CACHE_KEY_PREFIX}:{method}:{url}:{encoding}"


def lookup(request):
    """One round trip for the site-wide epoch, this path's generation and the stored
    response(s). Returns (version, response or None); version is None when the cache cannot
    be reached (then nothing is cached). A missing epoch is made here; a missing generation
    is not (its version says None until something is stored: `version_to_store`)."""
    path_key = generation_key(request.path)
    methods = ("GET", "HEAD") if request.method == "HEAD" else ("GET",)
    keys = [response_key(request, method) for method in methods]
    found = page_cache().get_many([EPOCH_KEY, path_key, *keys])
    versions = current_versions([EPOCH_KEY, path_key], found)
    if versions is None:
        return None, None
    version = (versions[EPOCH_KEY], versions[path_key])
    if version[1] is None:
        return version, None  # nothing was stored for this path since its last purge
    # A response stored under an older epoch or generation is stale.
    for key in keys:
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            return version, stored[1]
    return version, None


def purge_paths(paths):
    """Drop every cached response for each path (all query strings, methods, encodings)."""
    paths = sorted(set(paths))
    if paths:
        page_cache().set_many({generation_key(path): _new_generation() for path in paths}, None)
    return paths


def purge_everything():
    """A new epoch: nothing cached before is served again (a site or language change)."""
    page_cache().set(EPOCH_KEY, _new_generation(), None)


# --- Middleware --------------------------------------------------------------------------


class FetchPageCacheMiddleware(FetchFromCacheMiddleware):
    """Django's request half: serves a cached response, for cacheable requests only."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.cache_alias = settings.PAGE_CACHE_ALIAS

    def process_request(self, request):
        request._cache_update_cache = False
        if not request_is_cacheable(request):
            return None
        version, response = lookup(request)
        if version is None:
            # The shared cache cannot be reached: nothing is stored here (the response half
            # still tells the caches in front what they may keep).
            request._page_cache_unreachable = True
            return None
        request._page_cache_version = version
        if response is None:
            request._cache_update_cache = True
            return None
        response[HEADER] = "hit"
        return response


class UpdatePageCacheMiddleware(UpdateCacheMiddleware):
    """Django's response half: stores cacheable responses under the path's generation and
    sets the headers shared caches and browsers act on."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.cache_alias = settings.PAGE_CACHE_ALIAS

    def process_response(self, request, response):
        if response.get(HEADER) == "hit":
            return response
        static = request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        if getattr(request, "_page_cache_unreachable", False) and response_is_cacheable(
            request, response
        ):
            # The shared cache is unreachable: nothing is stored here, but Varnish or the CDN
            # in front may keep the page briefly. Their purges do not go through the shared
            # cache (core/caching/invalidation.py sends them over HTTP), so they stay exact;
            # without this every reader of a purged page would reach the app servers during a
            # Redis outage, and their health checks would queue behind the renders (measured
            # by `make fault-run`).
            return public(response, settings.PAGE_CACHE_SHORT_SECONDS, "unreachable")
        if not getattr(request, "_cache_update_cache", False) or not response_is_cacheable(
            request, response
        ):
            if not static and not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            elif not static and request_is_cacheable(request) and response.status_code == 200:
                # Private after all (a cookie, a CSRF token, a restriction), or a query
                # string the page does not read (not to be kept in front either): say so.
                add_never_cache_headers(response)
            return response
        version = version_to_store(request)
        if version is None:
            # Rendered before a purge of its path (see `made_generations`): not to be kept
            # here or in front.
            add_never_cache_headers(response)
            return response
        timeout = lifetime(request)
        public(response, timeout, "miss")
        key = response_key(request, request.method)
        if hasattr(response, "render") and callable(response.render):
            response.add_post_render_callback(lambda r: self._store(key, version, r, timeout))
        else:
            self._store(key, version, response, timeout)
        return response

    def _store(self, key, version, response, timeout):
        # One piece of content: a feed is written in hundreds of small pieces (Django's
        # feed generator), and each would be a write to the socket on every hit.
        if not response.streaming and len(response._container) > 1:
            response.content = response.content
        if not response.has_header("ETag"):
            set_response_etag(response)
        self.cache.set(key, (version, response), timeout)


def public(response, s_maxage, state):
    """Headers of a page anyone may be given: public for `s_maxage` seconds in shared caches
    (a reader's own browser revalidates), varying on the encoding only. Anonymous readers'
    cookies (a language choice, a CSRF cookie from the admin's sign-in page) do not change a
    public page: neither our key nor the caches in front may depend on them."""
    _drop_vary_cookie(response)
    patch_cache_control(
        response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS, s_maxage=s_maxage
    )
    patch_vary_headers(response, ("Accept-Encoding",))
    response[HEADER] = state
    return response


def _drop_vary_cookie(response):
    if not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class CompressCacheableMiddleware(GZipMiddleware):
    """gzip for the responses the page cache keeps (HTML, feeds, sitemaps, JSON, CSV), never
    for a response that carries a CSRF token or a signed-in user's data (BREACH)."""

    def process_response(self, request, response):
        if not request_is_cacheable(request) or csrf_token_used(request):
            return response
        return super().process_response(request, response)
