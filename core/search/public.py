"""What the public search finds: live, unrestricted pages in the reader's language that match
the reader's words, of the page types that are hits (an appeal, a news item, a candidate; not
a home or a section index, `BasePage.listed_by_search`). The search page
(federation_site/views.py) and `manage.py search_quality` both ask here, so what is measured is
what readers get."""

import re

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, get_page_models

from core.models import BasePage
from core.site.visibility import restricted_q


def search_words(query):
    """The words of a query, for the search backend. Punctuation is dropped: each backend
    gives quotes and operators its own meaning (SQLite's FTS5 fails on a lone quote)."""
    return " ".join(re.sub(r"[^\w]+", " ", query).split())


def listed_types():
    """The content types of the page types the public search lists (Django keeps them in
    memory after the first request)."""
    models = [
        model
        for model in get_page_models()
        if issubclass(model, BasePage) and model.listed_by_search
    ]
    return [
        content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()
    ]


def search_pages(locale, query, *, specific=True):
    """Public pages in `locale` matching the reader's query, best first (also measured by
    `manage.py search_quality`). With specific=False, plain Page objects (the results page
    loads the specific pages of the result cards it has to render)."""
    words = search_words(query)
    # Restricted paths excluded by `path`, page types by `content_type`: search backends
    # filter only on indexed fields.
    pages = (
        Page.objects.live()
        .exclude(restricted_q())
        .filter(locale=locale, content_type__in=listed_types())
    )
    if specific:
        pages = pages.specific()
    return pages.search(words) if words else pages.none()
