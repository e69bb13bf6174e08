import html
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django_redis import get_redis_connection
from django_redis.cache import RedisCache
from wagtail.models import Locale, Page

from core.caching.page_cache import declare_query
from core.search.public import search_pages
from core.search.snippets import snippet
from core.site.addresses import public_url
from core.site.structure import site_for_request

from .outages import DATABASE_UNAVAILABLE, database_failed
from .sitemaps import language_sitemaps

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_RESULTS_PER_PAGE = 10


def _database_health():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  (any database failure means unhealthy)
        return f"error: {type(error).__name__}"
    return "ok"


def _cache_health():
    """A read, never a write: the check runs every few seconds from every container and the
    proxy, and must not grow the cache. django-redis swallows errors (IGNORE_EXCEPTIONS), so
    a read would look healthy with Redis down: Redis is asked for a PING through its client
    instead. Other backends raise when a read fails."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    try:
        if isinstance(cache, RedisCache):
            healthy = get_redis_connection(DEFAULT_CACHE_ALIAS, write=False).ping()
        else:
            cache.get("healthz")
            healthy = True
    except Exception as error:  # noqa: BLE001
        return f"error: {type(error).__name__}"
    return "ok" if healthy else "error: not reachable"


LOOPBACK_ADDRESSES = {"127.0.0.1", "::1"}
# Set by a proxy that relays a request: then the peer's loopback address says nothing.
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def _signed_in_staff(request):
    """The session's user, read (never saved: /healthz answers before the session middleware)."""
    user = getattr(request, "user", None)
    if user is None:
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not session_key:
            return False
        try:
            request.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
            user = get_user(request)
        except Exception:  # noqa: BLE001  (the database may be what is down)
            return False
    return user.is_active and user.is_staff


def _may_see_details(request):
    """The container's own health check (loopback, not relayed by a proxy) and signed-in staff
    see each dependency's state; everyone else only the overall status."""
    if request.META.get("REMOTE_ADDR") in LOOPBACK_ADDRESSES and not any(
        name in request.META for name in FORWARDING_HEADERS
    ):
        return True
    return _signed_in_staff(request)


@never_cache
def healthz(request):
    """The site's state: "ok", "degraded" or "down". 200 while the database answers (a cache
    outage only makes pages slower: "degraded"), 503 when it does not. Which dependency
    failed, and how, only to the loopback and to staff. Reads only: nothing is written."""
    checks = {"database": _database_health(), "cache": _cache_health()}
    if checks["database"] != "ok":
        status, code = "down", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    body = {"status": status, **checks} if _may_see_details(request) else {"status": status}
    return JsonResponse(body, status=code)


def robots_txt(request):
    sitemap_url = public_url(reverse("sitemap_index"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


def sitemap_index(request):
    return sitemap_views.index(
        request, language_sitemaps(request), sitemap_url_name="sitemap_language"
    )


def sitemap_language(request, section):
    sitemaps = language_sitemaps(request)
    if section not in sitemaps:
        raise Http404
    # Django's view reads ?p= (a page of a long sitemap; 404 past the last): stored by the
    # page cache only as written in its links (core/caching/page_cache.py).
    number = request.GET.get("p", "")
    if number.isascii() and number.isdigit() and not number.startswith("0"):
        declare_query(request, p=number)
    return sitemap_views.sitemap(request, {section: sitemaps[section]})


def clean_search_query(text):
    """The reader's query as shown back: no control characters, at most
    SEARCH_QUERY_MAX_LENGTH long."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(text.split())[:SEARCH_QUERY_MAX_LENGTH].strip()


@dataclass
class SearchResult:
    card: str  # kept between renders (core/caching/fragments.py)
    snippet: str  # made for the query


def _prepare_results(pages):
    """What the result cards about to be rendered read (a candidate's election day), one
    batch per page type."""
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for page_type, group in by_type.items():
        if hasattr(page_type, "prepare_listing"):
            page_type.prepare_listing(group)


def _search_results(request, results, query):
    """Each result's card (title, kind, date) and its snippet for the query. Both the card
    and the page's text are kept per result page (core/caching/fragments.py): only the pages
    missing from either are loaded whole, once."""
    from core.caching.fragments import render_cards

    if results is None:
        return []
    loaded = {}

    def load(pks):
        missing = [pk for pk in pks if pk not in loaded]
        loaded.update((page.pk, page) for page in Page.objects.filter(pk__in=missing).specific())
        return [loaded[pk] for pk in pks if pk in loaded]

    pages = results.object_list
    cards = render_cards(
        request, "search/includes/result.html", pages, "result", _prepare_results, load
    )
    # Rendered escaped, read back as text: the snippet escapes it again, marks included.
    texts = render_cards(request, "search/includes/result_text.txt", pages, "result", load=load)
    return [
        SearchResult(card, snippet(html.unescape(text), query))
        for card, text in zip(cards, texts, strict=True)
    ]


def search(request):
    """Pages in the visitor's language matching ?q=. Reads only: no query log is written."""
    query = clean_search_query(request.GET.get("q", ""))
    # The site from the cached structure, for the results' links (else a query per request).
    structure = site_for_request(request)
    home = structure.home_for(translation.get_language()) if structure is not None else None
    results = None
    if query:
        locale = home.locale if home is not None else Locale.get_active()
        # Cards are kept per result page (core/caching/fragments.py): only the missing ones are
        # loaded whole.
        found = search_pages(locale, query, specific=not settings.FRAGMENT_CACHE_ENABLED)
        paginator = Paginator(found, SEARCH_RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
        declare_query(request, page=results.number)
    # Stored by the page cache only with the query as read (core/caching/page_cache.py).
    declare_query(request, q=query)
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "search_results": _search_results(request, results, query),
            "query_prefix": urlencode({"q": query}) + "&",
            "max_length": SEARCH_QUERY_MAX_LENGTH,
            "fragment_cacheable": True,
        },
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


RETRY_AFTER_SECONDS = 30


def server_error(request):
    """500, or 503 with Retry-After while the database is unreachable. Rendered without the
    request's context processors: nothing here may need the database."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        database_failed(sys.exc_info()[1])  # logged once per outage (federation_site/outages.py)
        language = _language_of(request)
        with translation.override(language):
            html = loader.render_to_string("503.html", {"language": language})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
    return render(request, "500.html", status=500)


def _language_of(request):
    prefix = request.path.lstrip("/").split("/", 1)[0]
    codes = [code for code, _name in settings.LANGUAGES]
    return prefix if prefix in codes else settings.LANGUAGE_CODE
