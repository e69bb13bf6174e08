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


APPS = sorted({path.relative_to(REPO).parts[0] for path in CATALOGUES})
# The same list as MESSAGES_IGNORE in the Makefile: copies of Wagtail templates keep
# Wagtail's strings, which Wagtail's own catalogues translate.
MESSAGES_IGNORE = ["templates/wagtailadmin/*"]


@pytest.mark.parametrize("app", APPS)
def test_catalogues_hold_every_string_of_the_source(app, tmp_path):
    """A string added to the code but never extracted (`make messages`) would show in
    English: extract the app afresh with makemessages and compare."""
    import shutil
    import subprocess
    import sys

    if not shutil.which("xgettext"):  # CI installs it; any skip fails CI (conftest)
        pytest.skip("GNU gettext's xgettext not found (apt-get install gettext)")
    copy = tmp_path / app
    shutil.copytree(REPO / app, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()  # else makemessages writes into the first of LOCALE_PATHS
    ignore = [f"--ignore={pattern}" for pattern in MESSAGES_IGNORE]
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "kk", *ignore],
        cwd=copy,
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "federation_site.settings.dev",
            "PYTHONPATH": str(REPO),
        },
        check=True,
        capture_output=True,
    )
    extracted = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale/kk/LC_MESSAGES/django.po"))
    }
    for language in ("kk", "ru"):
        ours = polib.pofile(str(REPO / app / "locale" / language / "LC_MESSAGES" / "django.po"))
        have = {(e.msgctxt, e.msgid) for e in ours if not e.obsolete}
        missing = sorted(msgid for _ctx, msgid in extracted - have if msgid)
        assert missing == [], f"{app} ({language}) lacks {missing[:5]}: run `make messages`"
