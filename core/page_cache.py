"""The page cache: anonymous GET and HEAD of public pages, feeds, sitemaps, robots.txt and
candidate exports, served from the shared cache (Redis in production, local memory for
`make run`), with exact invalidation by path.

Built on Django's cache middleware (`UpdatePageCacheMiddleware` and
`FetchPageCacheMiddleware` are its two halves with three changes):

1. What may be cached is decided here (`request_is_cacheable`, `response_is_cacheable`):
   only paths under a content language (`/kk/...`, `/ru/...`) and `robots.txt`/sitemaps;
   never a request that carries a session cookie (signed-in users, previews, a page whose
   password was entered), never a response that sets a cookie, used a CSRF token, is not a
   200, or comes from a page under a view restriction. `/` (the language redirect, which
   depends on the reader's cookie and Accept-Language) is not cached.
2. Keys carry a *generation* per path: purging a path gives it a new generation, which
   drops every cached variant of it at once (each `?page=`, every directory filter, every
   search query, GET and HEAD, compressed or not). `purge_paths()` is the whole
   invalidation API; `core/invalidation.py` decides which paths an event purges, and also
   sends them to the CDN / Varnish (wagtail.contrib.frontend_cache).
3. Headers for shared caches in front: cacheable responses get
   `Cache-Control: public, max-age=<BROWSER>, s-maxage=<lifetime>` and an ETag (304 on a
   conditional GET); everything else `private, no-store`. A reader's own browser keeps a page
   only briefly (it cannot be purged); Varnish or the CDN keeps it as long as we do.

Search results use a short lifetime instead of being purged on every change.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import (
    add_never_cache_headers,
    get_cache_key,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    set_response_etag,
)

HEADER = "X-Page-Cache"
_SITEMAP = re.compile(r"^/sitemap(-[\w-]+)?\.xml$")
_NO_STORE = ("private", "no-cache", "no-store")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def request_is_cacheable(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in, or a session (a page password) that may change the page
    path = request.path
    if path.startswith(_language_prefixes()):
        return True
    return path == "/robots.txt" or bool(_SITEMAP.match(path))


def lifetime(request):
    """Seconds a response stays cached (and in shared caches in front)."""
    if any(request.path.endswith(f"/{suffix}/") for suffix in settings.PAGE_CACHE_SHORT_PATHS):
        return settings.PAGE_CACHE_SHORT_SECONDS
    return settings.PAGE_CACHE_SECONDS


def response_is_cacheable(request, response):
    if getattr(request, "page_cache_forbidden", False):
        return False  # e.g. a page under a view restriction (core.wagtail_hooks)
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(directive in cache_control for directive in _NO_STORE) and not (
        has_vary_header(response, "*")
    )


# --- Generations ------------------------------------------------------------------------


def _generation_key(path):
    digest = hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()
    return f"page-cache:generation:{digest}"


EPOCH_KEY = "page-cache:epoch"


def _new_generation():
    return uuid.uuid4().hex[:16]


def key_prefix(request):
    """The cache key prefix for this path: the site-wide epoch and the path's generation
    (each made on first use), fetched in one round trip. None if the cache is unreachable."""
    cache = page_cache()
    path_key = _generation_key(request.path)
    found = cache.get_many([EPOCH_KEY, path_key])
    for key in (EPOCH_KEY, path_key):
        if key not in found:
            cache.add(key, _new_generation(), None)
    if len(found) < 2:
        found = cache.get_many([EPOCH_KEY, path_key])
        if len(found) < 2:
            return None
    return f"{settings.PAGE_CACHE_KEY_PREFIX}:{found[EPOCH_KEY]}:{found[path_key]}"


def purge_paths(paths):
    """Drop every cached response for each path (all query strings, methods, encodings)."""
    paths = sorted(set(paths))
    if paths:
        page_cache().set_many({_generation_key(path): _new_generation() for path in paths}, None)
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
        prefix = key_prefix(request)
        if prefix is None:
            return None
        request._page_cache_prefix = prefix
        # Two variants only (compressed or not), so a path's entries stay few and known.
        encodings = request.META.get("HTTP_ACCEPT_ENCODING", "")
        request.META["HTTP_ACCEPT_ENCODING"] = "gzip" if "gzip" in encodings else ""
        cache = self.cache
        response = None
        for method in ("GET", "HEAD") if request.method == "HEAD" else ("GET",):
            cache_key = get_cache_key(request, prefix, method, cache=cache)
            if cache_key is not None:
                response = cache.get(cache_key)
            if response is not None:
                break
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
        if not getattr(request, "_cache_update_cache", False) or not response_is_cacheable(
            request, response
        ):
            if not static and not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            elif not static and request_is_cacheable(request) and response.status_code == 200:
                # Private after all (a cookie, a CSRF token, a restriction): say so.
                add_never_cache_headers(response)
            return response
        timeout = lifetime(request)
        # Anonymous readers' cookies (a language choice, a CSRF cookie from the admin's
        # sign-in page) do not change a public page: the key must not depend on them.
        _drop_vary_cookie(response)
        patch_cache_control(
            response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS, s_maxage=timeout
        )
        response[HEADER] = "miss"
        cache_key = learn_cache_key(
            request, response, timeout, request._page_cache_prefix, cache=self.cache
        )
        if hasattr(response, "render") and callable(response.render):
            response.add_post_render_callback(lambda r: self._store(cache_key, r, timeout))
        else:
            self._store(cache_key, response, timeout)
        return response

    def _store(self, cache_key, response, timeout):
        if not response.has_header("ETag"):
            set_response_etag(response)
        self.cache.set(cache_key, response, timeout)


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
        if not request_is_cacheable(request) or request.META.get("CSRF_COOKIE_USED"):
            return response
        return super().process_response(request, response)
