"""The words of the Kazakh and Russian catalogues, as a reader finds them (issue 20, point 4).

Sentences start with a word, not with a value that may be lower case; Russian counts agree
with their number for 1, 2, 5 and 21; who did what and when is said in a sentence, not laid
out as a form; and the fixes a Kazakh reviewer asked for read as decided in
docs/kk-glossary.md."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from tests.conftest import REPO

ADMIN_LOCALE = REPO / "federation_site" / "admin_locale"
PROJECT_CATALOGUES = sorted(REPO.glob("*/locale/*/LC_MESSAGES/django.po"))
RUSSIAN_CATALOGUES = sorted(
    [p for p in PROJECT_CATALOGUES if p.parent.parent.name == "ru"]
    + list(ADMIN_LOCALE.glob("*/ru/LC_MESSAGES/*.po"))
)
KAZAKH_CATALOGUES = sorted(
    [p for p in PROJECT_CATALOGUES if p.parent.parent.name == "kk"]
    + list(ADMIN_LOCALE.glob("*/kk/LC_MESSAGES/*.po"))
)


def name_of(path):
    return str(path.relative_to(REPO))


# --- Sentences start with a word -----------------------------------------------------------

LEADING_PLACEHOLDER = re.compile(r"^(?:%\((\w+)\)([sd])|\{(\w*)\}|%([sd]))")
# Values that are numbers: a count may start a sentence ("3 сурет").
NUMBER = re.compile(r"count|counter|total|done|number|num|failures|line|position|length|limit")


def starts_with_a_word_value(text):
    match = LEADING_PLACEHOLDER.match(text)
    if not match:
        return False
    name, kind, brace, bare = match.groups()
    return not (kind == "d" or bare == "d" or (name and NUMBER.search(name)))


@pytest.mark.parametrize("path", PROJECT_CATALOGUES, ids=name_of)
def test_no_sentence_starts_with_a_placeholder(path):
    """ "%(body)s тек бір мандатты…" read "облыстық мәслихат тек…" when the name is lower
    case. A fragment (a lower-case msgid such as "on %(host)s") is not a sentence."""
    starting = [
        (entry.msgid, text)
        for entry in polib.pofile(str(path))
        if not entry.obsolete and not entry.msgid[:1].islower()
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if starts_with_a_word_value(text)
    ]
    assert starting == []


# --- Russian plurals -----------------------------------------------------------------------


def plural_rule(catalogue):
    header = catalogue.metadata["Plural-Forms"]
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1))
    expression = re.search(r"plural\s*=\s*(.+?);?\s*$", header).group(1)
    return nplurals, gettext.c2py(expression)


def added_placeholders(entry):
    """The count of a plural whose singular spells it out ("Delete 1 page" / "Delete
    %(counter)s pages"): the Russian form for 1 also serves 21, so it needs the count."""
    words = re.compile(r"%\(\w+\)[sd]|\{\}")
    if words.search(entry.msgid):
        return set()
    return set(words.findall(entry.msgid_plural))


@pytest.mark.parametrize("path", RUSSIAN_CATALOGUES, ids=name_of)
def test_russian_plural_entries_have_the_forms_for_1_2_5_and_21(path):
    catalogue = polib.pofile(str(path))
    nplurals, form_for = plural_rule(catalogue)
    assert nplurals >= 3
    assert [form_for(n) for n in (1, 2, 5, 21)] == [0, 1, 2, 0]
    wrong = []
    for entry in catalogue:
        if not entry.msgid_plural or entry.obsolete:
            continue
        forms = entry.msgstr_plural
        if sorted(forms) != list(range(nplurals)) or not all(forms.values()):
            wrong.append((entry.msgid, "forms"))
        elif not all(p in forms[0] for p in added_placeholders(entry)):
            wrong.append((entry.msgid, forms[0]))
    assert wrong == []


def plural_msgids_of_installed_packages():
    seen = {}
    for app in apps.get_app_configs():
        source = Path(app.path) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if source.exists():
            for entry in polib.pofile(str(source)):
                if entry.msgid_plural and added_placeholders(entry):
                    seen.setdefault((entry.msgctxt, entry.msgid), entry)
    return list(seen.values())


def test_the_russian_admin_says_21_not_1():
    """Wagtail's Russian "Delete 1 page" form served 21 pages too: "Удалить 1 страницу"."""
    wrong = []
    with translation.override("ru"):
        for entry in plural_msgids_of_installed_packages():
            if entry.msgctxt:
                text = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 21)
            else:
                text = translation.ngettext(entry.msgid, entry.msgid_plural, 21)
            if not all(p in text for p in added_placeholders(entry)):
                wrong.append((entry.msgid, text))
    assert wrong == []


RU_COUNTS = [
    (
        ("Delete 1 page", "Delete %(counter)s pages", "counter"),
        ["Удалить 1 страницу", "Удалить 2 страницы", "Удалить 5 страниц", "Удалить 21 страницу"],
    ),
    (
        ("1 page", "%(counter)s pages", "counter"),
        ["1 страница", "2 страницы", "5 страниц", "21 страница"],
    ),
    (
        ("Used %(usage_count)s time", "Used %(usage_count)s times", "usage_count"),
        [
            "Используется 1 раз",
            "Используется 2 раза",
            "Используется 5 раз",
            "Используется 21 раз",
        ],
    ),
    (
        (
            "%(num_parent_objects)d page has been deleted",
            "%(num_parent_objects)d pages have been deleted",
            "num_parent_objects",
        ),
        ["1 страница удалена", "2 страницы удалены", "5 страниц удалено", "21 страница удалена"],
    ),
    (
        ("Delete 1 image", "Delete %(counter)s images", "counter"),
        [
            "Удалить 1 изображение",
            "Удалить 2 изображения",
            "Удалить 5 изображений",
            "Удалить 21 изображение",
        ],
    ),
    (
        ("%(counter)s candidate found", "%(counter)s candidates found", "counter"),
        ["Найден 1 кандидат", "Найдено 2 кандидата", "Найдено 5 кандидатов", "Найден 21 кандидат"],
    ),
    (
        (
            "There was %(failures)s failed sign-in attempt for this account or from this address.",
            "There were %(failures)s failed sign-in attempts for this account or from this "
            "address.",
            "failures",
        ),
        [
            "Для этой учётной записи или с этого адреса была 1 неудачная попытка входа.",
            "Для этой учётной записи или с этого адреса были 2 неудачные попытки входа.",
            "Для этой учётной записи или с этого адреса было 5 неудачных попыток входа.",
            "Для этой учётной записи или с этого адреса была 21 неудачная попытка входа.",
        ],
    ),
]


@pytest.mark.parametrize("msgids,expected", RU_COUNTS, ids=[m[0][:30] for m, _e in RU_COUNTS])
def test_russian_counts_agree_with_their_number(msgids, expected):
    singular, plural, name = msgids
    with translation.override("ru"):
        shown = [translation.ngettext(singular, plural, n) % {name: n} for n in (1, 2, 5, 21)]
    assert shown == expected


def test_the_sidebars_count_of_new_items_reads_for_any_number_in_russian():
    """Wagtail's one Russian sentence for every number said "(2 новых элементов …)"."""
    catalogue = DjangoTranslation("ru", domain="djangojs")
    text = catalogue.gettext("(%(number)s new items in this menu)") % {"number": 2}
    assert text == "(новых элементов в этом меню: 2)"


# --- Who and when in a sentence ------------------------------------------------------------

FORM_LAYOUT = re.compile(r"\b(пайдаланушы|уақыты|авторы|күні)\s*:\s*(<[^>]+>)*\s*(%\(|\{)")


@pytest.mark.parametrize("path", KAZAKH_CATALOGUES, ids=name_of)
def test_who_and_when_are_said_in_a_sentence(path):
    """ "%(action)s, пайдаланушы: <b>admin</b>, уақыты: <b>…</b>" reads as a form to fill in."""
    laid_out = [
        (entry.msgid, text)
        for entry in polib.pofile(str(path))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if FORM_LAYOUT.search(text)
    ]
    assert laid_out == []


# --- The reviewer's points, as the Kazakh admin shows them ---------------------------------

KAZAKH = [
    # A passive verb takes its subject in the nominative (нысаны), not the accusative.
    (
        "%(model_name)s unscheduled from publishing",
        "%(model_name)s нысаны жариялау жоспарынан алынды",
    ),
    (
        "%(model_name)s unscheduled for publishing at %(go_live_at)s",
        "%(model_name)s нысаны жариялау жоспарынан алынды; "
        "ол %(go_live_at)s уақытында жариялануы керек еді",
    ),
    (
        "Revision %(revision_id)s from %(created_at)s unscheduled from publishing at "
        "%(go_live_at)s.",
        "%(created_at)s уақытындағы №%(revision_id)s нұсқа жариялау жоспарынан алынды; "
        "ол %(go_live_at)s уақытында жариялануы керек еді.",
    ),
    # Where a form came from, not a person's ancestry (Шығу тегі).
    ("Origin", "Бет түрі"),
    # A workflow is stopped (тоқтату), not refused (бас тарту).
    ("Cancel workflow ", "Жұмыс процесін тоқтату "),
    ("Workflow cancelled", "Жұмыс процесі тоқтатылды"),
    ("Cancelled", "Тоқтатылған"),
    (
        "Publishing this page will cancel the current workflow.",
        "Бұл бетті жарияласаңыз, ағымдағы жұмыс процесі тоқтатылады.",
    ),
    ("Cancel", "Бас тарту"),
    # Unlock: out of the lock, not "set free".
    ("Unlock", "Құлыптан шығару"),
    ("Page '%(page_title)s' is now unlocked.", "«%(page_title)s» беті құлыптан шығарылды."),
    # Alias: a mirror page, not the coined "disguised page".
    ("Alias", "Айна бет"),
    ("Convert to alias page", "Айна бетке айналдыру"),
    # Draft on its own would read as "project".
    ("Draft", "Жоба нұсқасы"),
    ("live + draft", "жарияланған + жоба нұсқасы"),
    ("Save draft", "Жобаны сақтау"),
    # Who and when in a sentence.
    (
        "%(action)s by <b>%(who)s</b> at <b>%(at)s</b>",
        "<b>%(who)s</b> тарапынан <b>%(at)s</b> уақытында %(action)s",
    ),
    (
        "%(time_period)s ago by %(user_display_name)s",
        "%(time_period)s бұрын, %(user_display_name)s тарапынан",
    ),
    (
        "Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>",
        "<b>%(locked_by)s</b> <b>%(locking_date)s</b> уақытында құлыптады",
    ),
    # One msgid shared by several packages: one wording that reads right on each screen.
    ("Created", "Құрылған"),
    ("Published", "Жарияланған"),
    ("Clear", "Тазарту"),
    ("Pagination", "Беттер"),
]


@pytest.mark.parametrize("msgid,expected", KAZAKH, ids=[m[:40] for m, _e in KAZAKH])
def test_the_kazakh_admin_reads(msgid, expected):
    with translation.override("kk"):
        assert translation.gettext(msgid) == expected
