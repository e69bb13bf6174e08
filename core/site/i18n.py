"""Language helpers: which languages exist, and where a page lives in each of them."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from core.site.structure import site_for_request
from core.site.tree import HOME_DEPTH, SECTION_DEPTH
from core.site.visibility import public_pages

# What `Page.get_url` reads of a page (with its locale).
URL_FIELDS = ("id", "path", "depth", "url_path", "locale_id", "translation_key", "live")

# `core.site.setup` puts one home page per language directly under the tree's root.

# Open Graph wants territory-qualified locales.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


# A path that starts with more than one slash or a backslash is read by browsers as another
# host ("//evil.example/x", "/\\evil.example"): links built from a requested path start with one.
_LEADING_SLASHES = re.compile(r"^[/\\]+")


def same_site_path(path):
    """`path` as a link that stays on this site."""
    return _LEADING_SLASHES.sub("/", path or "/")


def content_languages():
    """[(code, name)] of the content languages, default first."""
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


@dataclass
class LanguageVersion:
    code: str
    name: str
    url: str
    is_current: bool
    # True when `url` is this page in that language; False when it is that language's home.
    is_same_page: bool
    # Where the switcher links: the same page keeps its query string (filters, page number
    # and search terms mean the same in every language).
    switch_url: str = ""

    @property
    def og_locale(self):
        return OG_LOCALES.get(self.code, self.code)


def _homes_by_language(request):
    structure = site_for_request(request)
    return structure.homes if structure is not None else {}


def language_versions(request, page=None):
    """One LanguageVersion per content language, for the switcher and hreflang links.

    A page's own translations (live ones) come first; a language without a translation
    links to that language's home page. Without a page (search, 404), the same path
    in the other language is used. Cached on the request: the template asks twice.
    """
    if not getattr(page, "pk", None):
        page = None  # templates without a page pass "" here
    cache_key = ("_language_versions", getattr(page, "pk", None))
    cached = getattr(request, "_language_versions_cache", None)
    if cached and cached[0] == cache_key:
        return cached[1]

    current = translation.get_language()
    translations = _live_translations(request, page) if page is not None else {}
    homes = None
    versions = []
    query = request.META.get("QUERY_STRING", "")
    requested = same_site_path(request.get_full_path())
    for code, name in content_languages():
        if code in translations:
            url = translations[code].get_url(request)
            same = True
        elif page is None:
            url = same_site_path(translate_url(requested, code))
            same = url != requested or code == current
        else:
            if homes is None:
                homes = _homes_by_language(request)
            home = homes.get(code)
            if home is None:
                continue
            url = home.get_url(request)
            same = False
        switch_url = f"{url}?{query}" if query and page is not None and same else url
        versions.append(LanguageVersion(code, name, url, code == current, same, switch_url))
    request._language_versions_cache = (cache_key, versions)
    return versions


def _live_translations(request, page):
    """{language code: page} of the live pages with `page`'s translation key (itself included).

    A home or section page finds them in the site structure (core/site/structure.py), which
    holds every language's live home and sections as of the current epoch: when it has one
    for every content language, that is what the database would say, without a query (half
    the language switcher's time). Otherwise (a page further down, or a language whose
    version is not there: unpublished, restricted, elsewhere in the tree) they are read from
    the database."""
    if page.depth <= SECTION_DEPTH:
        structure = site_for_request(request)
        if structure is not None:
            codes = {home.locale_id: code for code, home in structure.homes.items()}
            found = {}
            for home in structure.homes.values():
                for candidate in (home, *structure.sections.get(home.pk, ())):
                    if candidate.translation_key == page.translation_key:
                        if candidate.locale_id in codes:
                            found[codes[candidate.locale_id]] = candidate
            if all(code in found for code, _name in content_languages()):
                return found
    # Plain pages with what their URL needs: the page's own class would join its table.
    versions = (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .select_related("locale")
        .only(*URL_FIELDS, "locale__language_code")
    )
    return {version.locale.language_code: version for version in versions}


def _routed_home(page):
    """The home page above a page Wagtail has just routed to, from the parents its routing
    already loaded (`_cached_parent_obj`), without a query; None if they are not there."""
    while page is not None and page.depth > HOME_DEPTH:
        page = page.__dict__.get("_cached_parent_obj")
    if page is not None and page.depth == HOME_DEPTH and page.live:
        return page
    return None


def localized_home(request, page=None):
    """The home page in the active language, else the site's root page."""
    if page is not None and getattr(page, "pk", None):
        routed = _routed_home(page)
        if routed is not None and routed.locale_id == page.locale_id:
            return routed
    structure = site_for_request(request)
    if structure is None:
        return None
    return structure.home_for(translation.get_language()) or structure.site.root_page


def home_sections(request, home):
    """The live, public section pages under `home` in tree order (core/site/structure.py)."""
    structure = site_for_request(request)
    if structure is not None and home.pk in structure.sections:
        return structure.sections[home.pk]
    return list(public_pages(home.get_children()).order_by("path"))
