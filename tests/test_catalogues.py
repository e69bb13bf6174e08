"""Every interface string of the public site is translated into kk and ru, and compiled."""

from pathlib import Path

import polib
import pytest

from tests.conftest import REPO


def language_of(path: Path):
    return path.parent.parent.name


CATALOGUES = sorted(
    path
    for path in REPO.glob("*/locale/*/LC_MESSAGES/django.po")
    if language_of(path) in {"kk", "ru"}
)


def test_there_are_catalogues_for_both_languages():
    languages = {language_of(path) for path in CATALOGUES}
    assert languages == {"kk", "ru"}
    apps = {path.relative_to(REPO).parts[0] for path in CATALOGUES}
    assert {"core", "home", "appeals", "federation_site"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_untranslated_or_fuzzy_messages(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], f"{path}: untranslated {untranslated}"
    assert fuzzy == [], f"{path}: fuzzy {fuzzy}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(REPO)))
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
