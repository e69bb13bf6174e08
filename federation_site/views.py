import logging
import re
import sys
import unicodedata
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page

from core.site_structure import route, site_for_request
from core.visibility import restricted_q

from .sitemaps import language_sitemaps

logger = logging.getLogger("federation_site")

# What psycopg2 and sqlite3 raise when the database cannot be reached.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

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
    """A write and a read through the cache; a cache that swallows errors reads back None."""
    token = uuid.uuid4().hex
    try:
        cache.set("healthz", token, 10)
        healthy = cache.get("healthz") == token
    except Exception as error:  # noqa: BLE001
        return f"error: {type(error).__name__}"
    return "ok" if healthy else "error: not reachable"


@never_cache
def healthz(request):
    """Each dependency's state. 200 while the database answers (a cache outage only makes
    pages slower: "degraded"), 503 when it does not."""
    checks = {"database": _database_health(), "cache": _cache_health()}
    if checks["database"] != "ok":
        status, code = "error", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


def serve(request, path):
    """Wagtail's `serve`, routed through the cached site structure: the home page of the
    reader's language and its sections come from core/site_structure.py, not from three
    queries per request. Wagtail then serves the routed page as usual (its hooks, view
    restrictions and all); paths below no section fall back to Wagtail's own routing."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            result = route(request, [component for component in path.split("/") if component])
        except Http404:
            result = None
        request._wagtail_route_for_request = result
    return wagtail_views.serve(request, path)


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap_index"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


def sitemap_index(request):
    return sitemap_views.index(
        request, language_sitemaps(request), sitemap_url_name="sitemap_language"
    )


def sitemap_language(request, section):
    sitemaps = language_sitemaps(request)
    if section not in sitemaps:
        raise Http404
    return sitemap_views.sitemap(request, {section: sitemaps[section]})


def clean_search_query(text):
    """The reader's query as shown back: no control characters, at most
    SEARCH_QUERY_MAX_LENGTH long."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(text.split())[:SEARCH_QUERY_MAX_LENGTH].strip()


def search_words(query):
    """The words of a query, for the search backend. Punctuation is dropped: each backend
    gives quotes and operators its own meaning (SQLite's FTS5 fails on a lone quote)."""
    return " ".join(re.sub(r"[^\w]+", " ", query).split())


def search_pages(locale, query, *, specific=True):
    """Public pages in `locale` matching the reader's query, best first (also measured by
    `manage.py search_quality`). With specific=False, plain Page objects (the results page
    loads the specific pages of the result cards it has to render)."""
    words = search_words(query)
    # Restricted paths excluded by `path`: search backends filter only on indexed fields.
    pages = Page.objects.live().exclude(restricted_q()).filter(locale=locale)
    if specific:
        pages = pages.specific()
    return pages.search(words) if words else pages.none()


def _result_cards(request, results):
    from core.fragments import render_cards

    if results is None:
        return []
    return render_cards(
        request,
        "search/includes/result.html",
        results.object_list,
        "result",
        load=lambda pks: Page.objects.filter(pk__in=pks).specific(),
    )


def search(request):
    """Pages in the visitor's language matching ?q=. Reads only: no query log is written."""
    query = clean_search_query(request.GET.get("q", ""))
    # The site from the cached structure, for the results' links (else a query per request).
    structure = site_for_request(request)
    home = structure.home_for(translation.get_language()) if structure is not None else None
    results = None
    if query:
        locale = home.locale if home is not None else Locale.get_active()
        # Cards are kept per result page (core/fragments.py): only the missing ones are
        # loaded whole.
        found = search_pages(locale, query, specific=not settings.FRAGMENT_CACHE_ENABLED)
        paginator = Paginator(found, SEARCH_RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "result_cards": _result_cards(request, results),
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
        logger.error("Database unavailable: %s", sys.exc_info()[1])
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
