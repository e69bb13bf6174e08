from django import template

from core.site.i18n import home_sections
from core.templatetags.site_tags import get_localized_home
from news.models import NewsIndexPage

register = template.Library()


@register.inclusion_tag("news/includes/feed_links.html", takes_context=True)
def news_feed_links(context):
    """<link rel="alternate"> to the news feeds of the page's language, for every page."""
    request = context.get("request")
    home = get_localized_home(context)
    index = None
    if request is not None and home is not None:
        index = next(
            (
                # specific_deferred: the feed URLs need the class, not more fields.
                section.specific_deferred
                for section in home_sections(request, home)
                if section.specific_class is NewsIndexPage
            ),
            None,
        )
    return {"request": request, "news_index": index}
