import re
import unicodedata
from urllib.parse import urlencode

from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.models import Locale, Page

from .sitemaps import language_sitemaps

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_RESULTS_PER_PAGE = 10


@never_cache
def healthz(request):
    """Load balancer and container health: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  (any database failure means unhealthy)
        return JsonResponse(
            {"status": "error", "database": str(error.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok"})


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


def search(request):
    """Pages in the visitor's language matching ?q=. Reads only: no query log is written."""
    query = clean_search_query(request.GET.get("q", ""))
    words = search_words(query)
    results = None
    if query:
        # Wagtail's own public(): search backends filter only on indexed fields (path).
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        found = pages.search(words) if words else pages.none()
        paginator = Paginator(found, SEARCH_RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "query_prefix": urlencode({"q": query}) + "&",
            "max_length": SEARCH_QUERY_MAX_LENGTH,
        },
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
