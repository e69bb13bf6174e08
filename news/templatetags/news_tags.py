from django import template
from django.utils.safestring import mark_safe

from core.markup import text
from core.site.addresses import public_url
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
        return None
    known = request.__dict__.setdefault("_news_feeds", {})
    home = get_localized_home(context)
    key = getattr(home, "pk", None)
    if key not in known:
        known[key] = _feeds(request, home)
    return known[key]


def _feeds(request, home):
    if home is None:
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


@register.simple_tag(takes_context=True)
def news_feed_links(context):
    """<link rel="alternate"> to the news feeds of the page's language, for every page
    (written out here: a template of two lines cost more than what it shows)."""
    feeds = news_feeds(context)
    if not feeds:
        return mark_safe("\n")
    title = text(feeds["index"].title)
    rss, atom = (text(public_url(feeds[kind])) for kind in ("rss", "atom"))
    return mark_safe(  # noqa: S308  (every value is escaped)
        f'<link rel="alternate" type="application/rss+xml" title="{title} (RSS)" href="{rss}">\n'
        f'<link rel="alternate" type="application/atom+xml" title="{title} (Atom)" href="{atom}">\n'
    )
