"""The site's fixed skeleton: one home page per language and one index per section.

Idempotent; run by `setup_site` (deploys), `load_demo` and `import_appeal`. Adding a
language to WAGTAIL_CONTENT_LANGUAGES and running it creates that language's pages.
"""

from django.apps import apps
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core.site.tree import HOME_DEPTH
from core.slugs import ascii_slug
from core.translation import translate_page


def _text_in(language_code, lazy_text):
    with translation.override(language_code):
        return str(lazy_text)


def ensure_locales():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _structural_translator(page_class, language_code):
    strings = page_class.structural_strings()

    def translate(path, _source_text):
        if path == "slug":
            return ascii_slug(_text_in(language_code, strings["title"]))
        if path in strings:
            return _text_in(language_code, strings[path])
        return None

    return translate


def _ensure_translations(page, page_class):
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        existing = page.get_translation_or_none(locale)
        if existing is not None and not existing.alias_of_id:
            continue
        translate_page(page, locale, _structural_translator(page_class, code), publish=True)


def _new_structural_page(page_class, locale):
    strings = page_class.structural_strings()
    code = locale.language_code
    fields = {path: _text_in(code, text) for path, text in strings.items()}
    return page_class(locale=locale, slug=ascii_slug(fields["title"]), **fields)


def ensure_home():
    HomePage = apps.get_model("home", "HomePage")
    default_locale = Locale.get_default()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=default_locale, depth=HOME_DEPTH).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page.
        for placeholder in root.get_children().filter(depth=HOME_DEPTH, content_type__model="page"):
            placeholder.delete()
        home = _new_structural_page(HomePage, default_locale)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=_text_in(default_locale.language_code, settings.WAGTAIL_SITE_NAME),
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    _ensure_translations(home, HomePage)
    return home


def ensure_section(home, model_label):
    page_class = apps.get_model(model_label)
    index = page_class.objects.child_of(home).first()
    if index is None:
        index = _new_structural_page(page_class, home.locale)
        home.add_child(instance=index)
        index.save_revision().publish()
    _ensure_translations(index, page_class)
    return index


def ensure_site_structure():
    ensure_locales()
    home = ensure_home()
    return {label: ensure_section(home, label) for label in settings.SITE_SECTIONS}
