from django import template
from django.utils import translation

from core.i18n import OG_LOCALES, language_versions, localized_home

register = template.Library()


@register.simple_tag(takes_context=True)
def get_language_versions(context, page=None):
    request = context.get("request")
    if request is None:
        return []
    return language_versions(request, page)


@register.simple_tag(takes_context=True)
def get_localized_home(context):
    request = context.get("request")
    if request is None:
        return None
    cache = getattr(request, "_localized_home", None)
    if cache is None:
        cache = request._localized_home = localized_home(request)
    return cache


@register.simple_tag
def og_locale(code=None):
    code = code or translation.get_language()
    return OG_LOCALES.get(code, code)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    if request is None or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)
