"""The admin speaks Kazakh: every interface string of every installed package a signed-in
person can meet (Wagtail's apps, wagtail-localize, Django's core, auth, admin widgets and
validation, django-taggit, django-filter) has a Kazakh translation in
federation_site/admin_locale, with the same placeholders and markup and proper plural forms,
compiled; and the catalogues use the terms of docs/kk-glossary.md.

An upgrade that adds or changes strings turns this red until they are translated."""

import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.utils import translation

from tests.conftest import REPO

ADMIN_LOCALE = REPO / "federation_site" / "admin_locale"
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[#0 +-]*\d*(?:\.\d+)?[sdifr]|%[#0 +-]*\d*(?:\.\d+)?[sdifr]|\{[A-Za-z0-9_.]*\}"
    r"|</?[a-zA-Z][^>]*>"
)


def source_catalogues():
    """(package, domain, path of the package's own source catalogue) for every installed app
    with one, Django's core, and django-filter (which ships no English catalogue: its Russian
    one lists the msgids)."""
    import django
    import django_filters

    found = []
    for app in apps.get_app_configs():
        for domain in ("django", "djangojs"):
            path = Path(app.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                found.append((app.name, domain, path))
    core = Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES"
    found.append(("django", "django", core / "django.po"))
    filters = Path(django_filters.__file__).parent / "locale" / "ru" / "LC_MESSAGES"
    found.append(("django_filters", "django", filters / "django.po"))
    return found


SOURCES = source_catalogues()
OURS = sorted(ADMIN_LOCALE.glob("*/kk/LC_MESSAGES/*.po"))


def ours_for(package, domain):
    return ADMIN_LOCALE / package / "kk" / "LC_MESSAGES" / f"{domain}.po"


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.mark.parametrize("package,domain,source", SOURCES, ids=lambda v: str(v)[-60:])
def test_every_string_of_the_package_is_translated_into_kazakh(package, domain, source):
    path = ours_for(package, domain)
    assert path.exists(), f"no Kazakh catalogue for {package} ({domain}): {path}"
    ours = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path)) if not e.obsolete}
    missing, fuzzy, empty = [], [], []
    for entry in polib.pofile(str(source)):
        if entry.obsolete or not entry.msgid:
            continue
        translated = ours.get((entry.msgctxt, entry.msgid))
        if translated is None:
            missing.append(entry.msgid)
        elif "fuzzy" in translated.flags:
            fuzzy.append(entry.msgid)
        elif not (translated.msgstr or all(translated.msgstr_plural.values())):
            empty.append(entry.msgid)
    assert (missing, fuzzy, empty) == ([], [], []), (
        f"{package}: {len(missing)} missing, {len(fuzzy)} fuzzy, {len(empty)} untranslated: "
        f"{(missing + fuzzy + empty)[:5]}"
    )


@pytest.mark.parametrize("path", OURS, ids=lambda p: str(p.relative_to(ADMIN_LOCALE)))
def test_placeholders_markup_and_plural_forms_are_kept(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=2;")
    assert catalogue.metadata["Language"] == "kk"
    wrong = []
    for entry in catalogue:
        if entry.msgid_plural:
            for form in entry.msgstr_plural.values():
                allowed = (placeholders(entry.msgid), placeholders(entry.msgid_plural))
                if placeholders(form) not in allowed:
                    wrong.append((entry.msgid, form))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


@pytest.mark.parametrize("path", OURS, ids=lambda p: str(p.relative_to(ADMIN_LOCALE)))
def test_compiled_catalogue_matches_its_source(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make compilemessages`"
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    }
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(mo_path))
        if entry.msgid
    }
    assert compiled == source, f"{mo_path} is stale: run `make compilemessages`"


@pytest.mark.parametrize(
    "msgid,kazakh",
    [
        ("Publish", "Жариялау"),  # wagtail.admin
        ("Pages", "Беттер"),  # wagtail
        ("Images", "Суреттер"),  # wagtail.images
        ("This field is required.", "Бұл өрісті толтыру міндетті."),  # Django core
    ],
)
def test_the_admin_language_kazakh_uses_these_catalogues(msgid, kazakh):
    with translation.override("kk"):
        assert translation.gettext(msgid) == kazakh


# --- Russian: the packages' own catalogues, completed -------------------------------------
# Django shows a msgid missing from the Russian catalogue in LANGUAGE_CODE (Kazakh), not in
# English: every gap of an upstream Russian catalogue is filled by a supplement in
# federation_site/admin_locale/<package>/ru/.

RU_SUPPLEMENTS = sorted(ADMIN_LOCALE.glob("*/ru/LC_MESSAGES/*.po"))


def upstream_russian(package, domain, source):
    """The msgids the package's own Russian catalogue translates (some ship only a .mo)."""
    if package == "django":
        import django

        directory = Path(django.__file__).parent / "conf" / "locale" / "ru" / "LC_MESSAGES"
    else:
        directory = source.parent.parent.parent / "ru" / "LC_MESSAGES"
    po, mo = directory / f"{domain}.po", directory / f"{domain}.mo"
    entries = polib.pofile(str(po)) if po.exists() else polib.mofile(str(mo)) if mo.exists() else []
    return {
        (e.msgctxt, e.msgid)
        for e in entries
        if e.msgid
        and not e.obsolete
        and "fuzzy" not in e.flags
        and (e.msgstr or (e.msgstr_plural and all(e.msgstr_plural.values())))
    }


@pytest.mark.parametrize("package,domain,source", SOURCES, ids=lambda v: str(v)[-60:])
def test_every_string_of_the_package_is_translated_into_russian(package, domain, source):
    translated = upstream_russian(package, domain, source)
    supplement = ADMIN_LOCALE / package / "ru" / "LC_MESSAGES" / f"{domain}.po"
    if supplement.exists():
        translated |= {
            (e.msgctxt, e.msgid) for e in polib.pofile(str(supplement)) if e.translated()
        }
    missing = [
        entry.msgid
        for entry in polib.pofile(str(source))
        if entry.msgid and not entry.obsolete and (entry.msgctxt, entry.msgid) not in translated
    ]
    assert missing == [], f"{package}: {len(missing)} without Russian: {missing[:5]}"


@pytest.mark.parametrize("path", RU_SUPPLEMENTS, ids=lambda p: str(p.relative_to(ADMIN_LOCALE)))
def test_russian_supplements_keep_placeholders_and_are_compiled(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Language"] == "ru"
    wrong = []
    for e in catalogue:
        if e.msgid_plural:
            allowed = (placeholders(e.msgid), placeholders(e.msgid_plural))
            wrong += [
                e.msgid for form in e.msgstr_plural.values() if placeholders(form) not in allowed
            ]
        elif placeholders(e.msgstr) != placeholders(e.msgid):
            wrong.append(e.msgid)
    assert wrong == []
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(path.with_suffix(".mo")))
    }
    assert all(
        compiled.get((e.msgctxt, e.msgid)) == (e.msgstr or e.msgstr_plural) for e in catalogue
    ), f"{path.with_suffix('.mo')} is stale: run `make compilemessages`"


def test_a_string_missing_upstream_in_russian_is_shown_in_russian_not_kazakh():
    msgid = "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"
    with translation.override("ru"):
        assert translation.gettext(msgid).endswith("из %(items_count)s (%(model_name)s)")


# --- The glossary -------------------------------------------------------------------------


def glossary():
    rows = []
    for line in (REPO / "docs" / "kk-glossary.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 6 and cells[0] not in ("English", "---"):
            rows.append(dict(zip(("en", "kk", "stem", "ru", "avoid", "why"), cells, strict=True)))
    return rows


def kazakh_entries():
    catalogues = [*OURS, *REPO.glob("*/locale/kk/LC_MESSAGES/django.po")]
    entries = []
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and entry.msgid:
                text = " ".join([entry.msgstr, *entry.msgstr_plural.values()]).lower()
                entries.append((path, entry.msgid, text))
    return entries


GLOSSARY = glossary()
ENTRIES = kazakh_entries()


def test_the_glossary_has_the_core_terms():
    terms = {row["en"] for row in GLOSSARY}
    assert len(GLOSSARY) >= 60
    for term in (
        "page",
        "draft",
        "publish",
        "unpublish",
        "revision",
        "workflow",
        "task",
        "moderation",
        "approve",
        "request changes",
        "lock",
        "translation",
        "source",
        "segment",
        "locale",
        "sync",
        "snippet",
        "collection",
        "image",
        "document",
        "redirect",
        "report",
        "dashboard",
        "privacy",
        "alias",
        "schedule",
        "expiry",
    ):
        assert term in terms, term


@pytest.mark.parametrize("row", GLOSSARY, ids=lambda row: row["en"])
def test_no_catalogue_uses_a_word_the_glossary_avoids(row):
    """E.g. two different Kazakh words for "publish": the glossary's avoided ones never
    appear in any Kazakh catalogue."""
    avoided = [a.strip().lower() for a in row["avoid"].split(",") if a.strip() not in ("", "—")]
    used = [
        (path.parent.parent.parent.name, msgid)
        for path, msgid, text in ENTRIES
        if any(word in text for word in avoided)
    ]
    assert used == []


def english_word(word):
    return re.compile(r"\b" + re.escape(word) + r"(s|es)?\b", re.IGNORECASE)


def term_and_context(row):
    """ "cancel (workflow)": the term cancel where the string also speaks of a workflow."""
    term, _, context = row["en"].partition(" (")
    return term, context.rstrip(")") or None


@pytest.mark.parametrize("row", GLOSSARY, ids=lambda row: row["en"])
def test_strings_with_the_term_use_the_chosen_word(row):
    """Most strings that contain the English term contain the Kazakh term's stem (a few
    differ by meaning: "source" of a fact, "report this error"). A row with a context in
    brackets takes the strings that also contain that word from the row of the bare term."""
    term, context = term_and_context(row)
    if context:
        inside, outside = [english_word(context)], []
    else:
        inside = []
        outside = [english_word(c) for t, c in map(term_and_context, GLOSSARY) if t == term and c]
    without_placeholders = re.compile(r"%\([^)]*\)[sd]|\{[^}]*\}|<[^>]+>")
    relevant = []
    for _p, msgid, text in ENTRIES:
        words = without_placeholders.sub(" ", msgid)
        if (
            english_word(term).search(words)
            and all(c.search(words) for c in inside)
            and not any(c.search(words) for c in outside)
        ):
            relevant.append(text)
    if len(relevant) < 3:
        return
    using = sum(1 for text in relevant if row["stem"].lower() in text)
    assert using / len(relevant) >= 0.6, f"{row['en']}: {using} of {len(relevant)}"


# --- The translation editor's two strings upstream leaves in English ---------------------


def test_the_served_translation_editor_passes_every_string_through_gettext():
    from django.contrib.staticfiles import finders

    from editorial import localize_js

    served = Path(finders.find(str(localize_js.RELATIVE)))
    assert served == localize_js.COPY, "the project's copy must shadow the package's"
    assert served.read_text() == localize_js.patched(localize_js.INSTALLED.read_text()), (
        "stale copy: run `python -m editorial.localize_js`"
    )
    for language, expected in (
        ("kk", "Аударма: Қазақша → Русский"),
        ("ru", "Перевод: Қазақша → Русский"),
    ):
        catalogue = translation.trans_real.DjangoTranslation(language, domain="djangojs")
        text = catalogue.gettext("%(source)s to %(target)s translation")
        assert text.replace("%(source)s", "Қазақша").replace("%(target)s", "Русский") == expected
        assert catalogue.gettext("More actions") != "More actions"
