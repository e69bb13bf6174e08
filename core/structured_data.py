"""schema.org items for the pages' JSON-LD (`{% structured_data page %}` renders them).

Each item is a dict with its own `@context`, so every one stands alone in its script
element. The Federation is one Organization whatever the language (`@id` on the public
address); every URL is absolute at the public address (core/site/addresses.py).
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone, translation

from core.descriptions import summary
from core.site.addresses import public_root, public_url

SCHEMA = "https://schema.org"
# Google shows at most this much of an article's headline.
HEADLINE_LIMIT = 110
# The square logo drawn by federation_site/icons.py.
LOGO = ("img/logo.png", 512)


def local_iso(moment):
    """A moment in ISO 8601, in the site's time zone (as the pages show dates)."""
    return timezone.localtime(moment).isoformat()


def site_name():
    """The Federation's name in the active language (the one name the site uses)."""
    return str(settings.WAGTAIL_SITE_NAME)


def organization_id():
    return f"{public_root()}/#organization"


def publisher():
    """The Federation as author or publisher of a page: a reference with its name."""
    return {"@type": "Organization", "@id": organization_id(), "name": site_name()}


def organization(home_url):
    """The Federation: its name in this language (and in the others), home page and logo."""
    current = translation.get_language()
    others = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code != current:
            with translation.override(code):
                others.append(site_name())
    path, size = LOGO
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "@id": organization_id(),
        "name": site_name(),
        "url": home_url,
        "logo": {
            "@type": "ImageObject",
            "url": public_url(static(path)),
            "width": size,
            "height": size,
        },
    }
    if others:
        data["alternateName"] = others
    return data


def website(home_url, search_url):
    """The site in this language, and how to search it (`search_url` takes `?q=`)."""
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "@id": f"{home_url}#website",
        "url": home_url,
        "name": site_name(),
        "inLanguage": translation.get_language(),
        "publisher": {"@id": organization_id()},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumb_list(items):
    """[(name, absolute url)] from the home page down to the page itself."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, 1)
        ],
    }


def article(page, request, schema_type, image_url):
    """An Article (or NewsArticle) by the Federation: `page` a BasePage."""
    url = page.canonical_url(request)
    data = {
        "@context": SCHEMA,
        "@type": schema_type,
        "@id": f"{url}#article",
        "headline": summary(page.title, HEADLINE_LIMIT),
        "inLanguage": translation.get_language(),
        "url": url,
        "mainEntityOfPage": url,
        "author": publisher(),
        "publisher": publisher(),
    }
    description = page.get_meta_description()
    if description:
        data["description"] = description
    if page.published_at:
        data["datePublished"] = local_iso(page.published_at)
    if page.modified_at:
        data["dateModified"] = local_iso(page.modified_at)
    if image_url:
        data["image"] = [image_url]
    return data
