"""Language helpers: which languages exist, and where a page lives in each of them."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

# Open Graph wants territory-qualified locales.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


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

    @property
    def og_locale(self):
        return OG_LOCALES.get(self.code, self.code)


def _homes_by_language(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
    return {home.locale.language_code: home for home in homes}


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
    translations = {}
    if page is not None:
        for version in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[version.locale.language_code] = version
    homes = None
    versions = []
    for code, name in content_languages():
        if code in translations:
            url = translations[code].get_url(request)
            same = True
        elif page is None:
            url = translate_url(request.get_full_path(), code)
            same = url != request.get_full_path() or code == current
        else:
            if homes is None:
                homes = _homes_by_language(request)
            home = homes.get(code)
            if home is None:
                continue
            url = home.get_url(request)
            same = False
        versions.append(LanguageVersion(code, name, url, code == current, same))
    request._language_versions_cache = (cache_key, versions)
    return versions


def localized_home(request):
    """The home page in the active language, else the site's root page."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    home = (
        root.get_translations(inclusive=True)
        .filter(locale__language_code=translation.get_language())
        .first()
    )
    return home or root


def translation_of(page: Page, language_code: str):
    """`page` in `language_code`, or None."""
    return page.get_translations(inclusive=True).filter(locale__language_code=language_code).first()
