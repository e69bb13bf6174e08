"""The head's meta and social tags, the language switcher and the main navigation, written out
in Python (base.html's "chrome", rendered by core/templatetags/site_tags.py).

Every public page renders them, and on a render with nothing kept (the first after a purge)
their four small templates cost a third of a plain page's time: an include each, two dozen
variable lookups and a loop or two, for a couple of dozen escaped values. Here each is a few
escaped strings; the markup (spaces and line breaks included) is the one the templates had.
The two words a reader sees ("Language", "Sections") are still translated in base.html and
handed in. What the tags show comes from the same places as before: language versions
(core/site/i18n.py), the public address (core/site/addresses.py), the share image
(core/share_images.py).
"""

from django.template.defaultfilters import date as date_filter
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from core.markup import text as _text
from core.share_images import share_image
from core.site.addresses import public_url
from core.site.i18n import OG_LOCALES, home_sections, language_versions
from core.site.page_urls import page_url
from core.structured_data import site_name


def page_address(request, page):
    """`page.url` at the site's public address (core/site/page_urls.py); kept on the request:
    the head names it twice."""
    known = request.__dict__.setdefault("_page_addresses", {}) if request is not None else {}
    if page.pk not in known:
        known[page.pk] = public_url(page_url(page, request))
    return known[page.pk]


def _versions(request, page):
    if request is None:
        return []
    return language_versions(request, page or None)


def _iso(moment):
    """`{{ moment|date:'c' }}`: ISO 8601 in the site's time zone, "" for none."""
    return date_filter(template_localtime(moment), "c")


def meta_tags(context):
    """The description, canonical link and hreflang alternates (was includes/meta.html)."""
    page, request = context.get("page"), context.get("request")
    versions = _versions(request, page)
    parts = ["\n"]
    if page:
        parts.append(
            f'<meta name="description" content="{_text(page.get_meta_description())}">\n'
            f'<link rel="canonical" href="{_text(page_address(request, page))}">'
        )
    parts.append("\n")
    for version in versions:
        if version.is_same_page:
            parts.append(
                f'<link rel="alternate" hreflang="{_text(version.code)}" '
                f'href="{_text(public_url(version.url))}">\n'
            )
    if versions and versions[0].is_same_page:
        parts.append(
            '<link rel="alternate" hreflang="x-default" '
            f'href="{_text(public_url(versions[0].url))}">\n'
        )
    parts.append("\n")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)


def social_meta_tags(context):
    """Open Graph and Twitter tags (was includes/social_meta.html)."""
    page, request = context.get("page"), context.get("request")
    versions = _versions(request, page)
    federation = site_name()
    share = share_image(page or None, request)
    parts = ["\n"]
    if page:
        title = _text(page.seo_title or page.title)
        description = page.get_meta_description()
        parts.append(
            f'\n<meta property="og:type" content="{_text(page.og_type)}">\n'
            f'<meta property="og:title" content="{title}">\n'
            f'<meta name="twitter:title" content="{title}">\n'
            f'<meta property="og:url" content="{_text(page_address(request, page))}">\n'
        )
        if description:
            description = _text(description)
            parts.append(
                f'<meta property="og:description" content="{description}">\n'
                f'<meta name="twitter:description" content="{description}">\n'
            )
        if page.og_type == "article":
            parts.append(
                '<meta property="article:published_time" '
                f'content="{_text(_iso(page.published_at))}">\n'
                '<meta property="article:modified_time" '
                f'content="{_text(_iso(page.modified_at))}">\n'
            )
    else:
        title = _text(context.get("meta_title") or federation)
        path = request.path if request is not None else ""
        parts.append(
            '<meta property="og:type" content="website">\n'
            f'<meta property="og:title" content="{title}">\n'
            f'<meta name="twitter:title" content="{title}">\n'
            f'<meta property="og:url" content="{_text(public_url(path))}">\n'
        )
    url, alt = _text(share.url), _text(share.alt)
    code = translation.get_language()
    parts.append(
        f'<meta property="og:image" content="{url}">\n'
        f'<meta property="og:image:width" content="{_text(share.width)}">\n'
        f'<meta property="og:image:height" content="{_text(share.height)}">\n'
        f'<meta property="og:image:alt" content="{alt}">\n'
        '<meta name="twitter:card" content="summary_large_image">\n'
        f'<meta name="twitter:image" content="{url}">\n'
        f'<meta name="twitter:image:alt" content="{alt}">\n'
        f'<meta property="og:site_name" content="{_text(federation)}">\n'
        f'<meta property="og:locale" content="{_text(OG_LOCALES.get(code, code))}">\n'
    )
    for version in versions:
        if version.is_same_page and not version.is_current:
            parts.append(
                f'<meta property="og:locale:alternate" content="{_text(version.og_locale)}">\n'
            )
    parts.append("\n")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)


def language_switcher(context, label):
    """The links to this page in the other languages (was includes/language_switcher.html);
    `label` names the list ("Language", translated in base.html)."""
    versions = _versions(context.get("request"), context.get("page"))
    items = []
    for version in versions:
        code, name = _text(version.code), _text(version.name)
        if version.is_current:
            item = f'<span aria-current="true" lang="{code}">{name}</span>'
        else:
            item = (
                f'<a href="{_text(version.switch_url)}" hreflang="{code}" lang="{code}" '
                f'rel="alternate">{name}</a>'
            )
        items.append(f"\n        <li>{item}</li>\n    ")
    return mark_safe(  # noqa: S308  (every value above is escaped)
        f'\n<nav class="language-switcher" aria-label="{_text(label)}">\n    <ul>\n    '
        f"{''.join(items)}\n    </ul>\n</nav>\n"
    )


def main_nav(context, home, label):
    """The sections of `home` with the current one marked (was includes/main_nav.html);
    `label` names the list ("Sections", translated in base.html)."""
    request, page = context.get("request"), context.get("page")
    sections = home_sections(request, home) if request is not None and home else []
    # A page is in the section whose path its own starts with (the section's depth, 3).
    in_section = page.path[:12] if page else None
    items = []
    for section in sections:
        current = ""
        if page and in_section == section.path:
            current = f' aria-current="{"page" if page.pk == section.pk else "true"}"'
        url, title = _text(section.get_url(request=request)), _text(section.title)
        items.append(f'\n        <li><a href="{url}"{current}>{title}</a></li>\n        ')
    return mark_safe(  # noqa: S308  (every value above is escaped)
        f'\n<nav class="main-nav" aria-label="{_text(label)}">\n    <ul>\n        '
        f"{''.join(items)}\n    </ul>\n</nav>\n"
    )
