"""No catalogue of ours changes how another package's string reads in the Kazakh or Russian admin.

Django merges every catalogue of a language into one: the project's (first in LOCALE_PATHS),
then the admin's Kazakh catalogues and Russian supplements in federation_site/admin_locale,
then the installed packages' own. A project msgid without a msgctxt that equals one of
Wagtail's ("Status", "Name", "In progress", "Source") replaces Wagtail's translation on every
admin screen: "Status" of a candidacy (Мәртебесі) showed on page, user and report listings
instead of Wagtail's Күйі. Likewise, when two of our Kazakh admin catalogues translate one
msgid differently ("Created", "Clear"), the first in LOCALE_PATHS wins on both packages'
screens. Our uses take a pgettext context where the meaning differs; where it is the same,
one wording serves both."""

import gettext
from collections import defaultdict
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings

from tests.conftest import REPO

LANGUAGES = ["kk", "ru"]
ADMIN_LOCALE = REPO / "federation_site" / "admin_locale"
PROJECT_LOCALE = [REPO / app / "locale" for app in settings.PROJECT_APPS] + [
    REPO / "federation_site" / "locale"
]


def compiled(directory, language, domain="django"):
    mo = Path(directory) / language / "LC_MESSAGES" / f"{domain}.mo"
    if not mo.exists():
        return {}
    with mo.open("rb") as file:
        return {k: v for k, v in gettext.GNUTranslations(file)._catalog.items() if k != ""}


def packages_as_the_admin_reads_them(language):
    """Every catalogue but the project's, merged in Django's order (DjangoTranslation): its
    own, the installed apps (the first listed wins), then LOCALE_PATHS (the first wins)."""
    merged = compiled(Path(django.__file__).parent / "conf" / "locale", language)
    for app in reversed(list(apps.get_app_configs())):
        if app.name not in settings.PROJECT_APPS:
            merged.update(compiled(Path(app.path) / "locale", language))
    for directory in reversed([Path(p) for p in settings.LOCALE_PATHS]):
        if directory not in PROJECT_LOCALE:
            merged.update(compiled(directory, language))
    return merged


def project_entries(language):
    for directory in PROJECT_LOCALE:
        path = directory / language / "LC_MESSAGES" / "django.po"
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
                continue
            yield directory.parent.name, entry


def shadowed(language):
    """(app, msgid, ours, the package's) for each project entry without a msgctxt that
    reads differently from the packages' translation of the same msgid."""
    packages = packages_as_the_admin_reads_them(language)
    found = []
    for app, entry in project_entries(language):
        if entry.msgctxt:
            continue
        if entry.msgid_plural:
            ours = {(entry.msgid, int(i)): form for i, form in entry.msgstr_plural.items()}
        else:
            ours = {entry.msgid: entry.msgstr}
        theirs = {key: packages[key] for key in ours if key in packages}
        if theirs and theirs != {key: ours[key] for key in theirs}:
            found.append((app, entry.msgid, ours, theirs))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_project_msgid_changes_how_a_package_string_reads(language):
    found = shadowed(language)
    assert found == [], (
        "give our use a pgettext context, or the package's wording if the meaning is the same"
    )


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_kazakh_admin_catalogues_agree_on_every_msgid_they_share(domain):
    """Created: Құрылды (wagtail) beside Құрылған (images, documents, users); only one can
    show, so each shared msgid has one wording that reads right on every screen."""
    wordings = defaultdict(dict)
    for directory in sorted(ADMIN_LOCALE.iterdir()):
        for key, text in compiled(directory, "kk", domain).items():
            wordings[key][directory.name] = text
    disagreeing = {key: by for key, by in wordings.items() if len(set(by.values())) > 1}
    assert disagreeing == {}


@pytest.mark.parametrize(
    "language,msgid,wagtails",
    [
        ("kk", "Status", "Күйі"),
        ("kk", "Name", "Атауы"),
        ("kk", "In progress", "Орындалуда"),
        ("kk", "Source", "Бастапқы нысан"),
        ("kk", "Created", "Құрылған"),
        ("kk", "Clear", "Тазарту"),
        ("kk", "Language", "Тілі"),
        ("ru", "Name", "Имя"),
        ("ru", "Source", "Исходник"),
        ("ru", "Title", "Заголовок"),
    ],
)
def test_the_admin_shows_wagtails_word_and_the_project_keeps_its_own(language, msgid, wagtails):
    from django.utils import translation

    with translation.override(language):
        assert translation.gettext(msgid) == wagtails


@pytest.mark.parametrize(
    "language,context,msgid,ours",
    [
        ("kk", "candidacy", "Status", "Мәртебесі"),
        ("kk", "person", "Name", "Аты-жөні"),
        ("kk", "candidacy", "Source", "Дереккөз"),
        ("kk", "translation", "In progress", "Аударылуда"),
        ("ru", "person", "Name", "ФИО"),
        ("ru", "candidacy", "Source", "Источник"),
        ("ru", "translation", "In progress", "В работе"),
        ("ru", "block", "Embed", "Внешний материал"),
    ],
)
def test_the_project_says_its_own_word_under_its_context(language, context, msgid, ours):
    from django.utils import translation

    with translation.override(language):
        assert translation.pgettext(context, msgid) == ours
