from django import template

from core.site.i18n import home_sections
from core.site.page_urls import page_url
from core.templatetags.site_tags import get_localized_home
from news.models import NewsIndexPage

register = template.Library()


def news_feeds(context):
    """{"index", "rss", "atom"}: the news index of the page's language and its feeds' URLs
    (`NewsIndexPage.rss_url`, `atom_url`), or None without one. Worked out once per request
    (the head and the footer both show them) and kept on the request only."""
    request = context.get("request")
    if request is None:
        return _feeds(None, get_localized_home(context))
    known = request.__dict__.setdefault("_news_feeds", {})
    home = get_localized_home(context)
    key = getattr(home, "pk", None)
    if key not in known:
        known[key] = _feeds(request, home)
    return known[key]


def _feeds(request, home):
    if request is None or home is None:
        return None
    index = next(
        (
            # specific_deferred: the feed URLs need the class, not more fields.
            section.specific_deferred
            for section in home_sections(request, home)
            if section.specific_class is NewsIndexPage
        ),
        None,
    )
    if index is None:
        return None
    url = page_url(index, request)
    return {
        "index": index,
        "rss": url + index.reverse_subpage("rss_feed"),
        "atom": url + index.reverse_subpage("atom_feed"),
    }


@register.inclusion_tag("news/includes/feed_links.html", takes_context=True)
def news_feed_links(context):
    """<link rel="alternate"> to the news feeds of the page's language, for every page."""
    feeds = news_feeds(context)
    return {"request": context.get("request"), "feeds": feeds}
