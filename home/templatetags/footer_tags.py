from django import template
from django.utils import translation

from home.footer import footer_for_request
from news.templatetags.news_tags import news_feeds

register = template.Library()


@register.inclusion_tag("home/includes/footer.html", takes_context=True)
def site_footer(context):
    """The footer editors keep in the admin (home/footer.py), in the page's language, with
    the news feeds of that language (found once per request with the head's feed links)."""
    request = context.get("request")
    footer = footer_for_request(request).for_language(translation.get_language())
    return {"request": request, "footer": footer, "feeds": news_feeds(context)}
