from django import template
from django.utils import translation

from core.site.i18n import home_sections
from core.templatetags.site_tags import get_localized_home
from home.footer import footer_for_request
from news.models import NewsIndexPage

register = template.Library()


@register.inclusion_tag("home/includes/footer.html", takes_context=True)
def site_footer(context):
    """The footer editors keep in the admin (home/footer.py), in the page's language, with
    the news feeds of that language."""
    request = context.get("request")
    footer = footer_for_request(request).for_language(translation.get_language())
    home = get_localized_home(context)
    news_index = None
    if request is not None and home is not None:
        news_index = next(
            (
                section.specific_deferred
                for section in home_sections(request, home)
                if section.specific_class is NewsIndexPage
            ),
            None,
        )
    return {"request": request, "footer": footer, "news_index": news_index}
