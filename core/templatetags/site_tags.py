import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import chrome
from core.share_images import share_image as find_share_image
from core.site.addresses import public_url
from core.site.i18n import (
    OG_LOCALES,
    home_sections,
    language_versions,
    localized_home,
)
from core.structured_data import site_name as federation_name

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
        cache = request._localized_home = localized_home(request, context.get("page"))
    return cache


@register.simple_tag(takes_context=True)
def get_sections(context, home):
    request = context.get("request")
    if request is None or not home:
        return []
    return home_sections(request, home)


@register.simple_tag
def og_locale(code=None):
    code = code or translation.get_language()
    return OG_LOCALES.get(code, code)


@register.simple_tag
def absolute_url(url):
    """`url` at the site's public address (core/site/addresses.py)."""
    return public_url(url)


@register.simple_tag(takes_context=True)
def page_meta(context):
    """The page's description, canonical link and hreflang alternates (core/chrome.py)."""
    return chrome.meta_tags(context)


@register.simple_tag(takes_context=True)
def social_meta(context):
    """The page's Open Graph and Twitter tags (core/chrome.py)."""
    return chrome.social_meta_tags(context)


@register.simple_tag(takes_context=True)
def language_switcher(context, label):
    """Links to the page in the other languages, `label` naming the list (core/chrome.py)."""
    return chrome.language_switcher(context, label)


@register.simple_tag(takes_context=True)
def main_nav(context, home, label):
    """The sections of `home`, `label` naming the list (core/chrome.py)."""
    return chrome.main_nav(context, home, label)


@register.simple_tag
def site_name():
    """The Federation's name in the active language: the one name titles and shares use."""
    return federation_name()


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """[(title, url)] of the pages above `page`, from its home page down."""
    if not (hasattr(page, "breadcrumbs") and page.depth):
        return []
    return page.breadcrumbs(context.get("request"))


@register.simple_tag(takes_context=True)
def share_image(context, page=None):
    """The 1200×630 picture a shared link to `page` shows (core/share_images.py)."""
    return find_share_image(page or None, context.get("request"))


# Characters that could close the <script> element or start markup inside it.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD script element for `data` (a dict), safe to inline."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),
    )


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's schema.org items (BasePage.structured_data), one script element each."""
    request = context.get("request")
    if request is None or not hasattr(page, "structured_data"):
        return ""
    return mark_safe("\n".join(json_ld(item) for item in page.structured_data(request)))


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers to link, with "…" gaps, so long listings keep a short pagination."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


class PageFragmentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        from core.caching.fragments import page_fragment

        page = context.get("page")
        if not (getattr(page, "pk", None) or context.get("fragment_cacheable")):
            return self.nodelist.render(context)
        name = f"{self.name}:{context.template.origin.template_name}"
        return page_fragment(context.get("request"), name, lambda: self.nodelist.render(context))


@register.tag
def page_fragment(parser, token):
    """{% page_fragment "name" %}…{% endpage_fragment %}: kept for this URL while the page
    cache would keep the page (core.caching.fragments.page_fragment); only for templates with a
    `page` (or `fragment_cacheable`) in their context, so 404s for made-up paths store
    nothing."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("page_fragment takes one name")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(bits[1].strip("\"'"), nodelist)
