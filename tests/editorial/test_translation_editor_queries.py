"""The translation editor's queries do not grow with the page's length (issue 21, point 7).

wagtail-localize's editor reads about three rows per segment (upstream issue 932); the seed
appeal's 36 segments cost 147 queries and a 360-paragraph statement 795.
`editorial/editor_queries.py` batches them while our hook opens the editor.
"""

import html as html_module
import json
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail_localize.views import edit_translation as localize_editor

from tests.editorial_helpers import (
    create_appeal,
    edit_url,
    fill_strings,
    login,
    submit_for_translation,
    target_page,
)

pytestmark = pytest.mark.django_db

# The editor GET of a page with a translation: wagtail-localize's editor, batched, measured
# at 69-70 queries on SQLite for 36 and for 360 segments alike (sessions, permissions,
# workflow state, the side panels); the workbench around it adds a fixed 16-17 (the changed
# segments' history, the term base, comments on segments, drafts from the translation
# memory, a waiting joint release): 86 in all, whatever the length.
EDITOR_QUERY_BUDGET = 90


def _translation(users, paragraphs, *, translated, source="kk", target="ru"):
    texts = [f"Сөйлем {index}: кәсіподақ мүшелерін қорғау." for index in range(paragraphs)]
    page = create_appeal(source, f"Үндеу {paragraphs} {source}", *texts)
    translation = submit_for_translation(page, target, user=users["editor"])
    if translated:
        fill_strings(translation, user=users[f"translator_{target}"])
    return translation


def _editor_queries(client, users, translation):
    target = translation.target_locale.language_code
    login(client, users[f"translator_{target}"])
    url = edit_url(target_page(translation))
    client.get(url)  # per-process caches warm, as on a server that has served anything
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("translated", [False, True], ids=["untranslated", "translated"])
@pytest.mark.parametrize(("source", "target"), [("kk", "ru"), ("ru", "kk")])
def test_editor_queries_do_not_grow_with_the_segments(client, users, translated, source, target):
    counts = {}
    for paragraphs in (36, 360):
        translation = _translation(
            users, paragraphs, translated=translated, source=source, target=target
        )
        counts[paragraphs], response = _editor_queries(client, users, translation)
        segments = _props(response)["segments"]
        assert len(segments) >= paragraphs, "the editor must still list every segment"
    assert counts[360] == counts[36], counts
    assert counts[36] <= EDITOR_QUERY_BUDGET, counts


def _props(response):
    html = response.content.decode()
    match = re.search(r'data-props="([^"]*)"', html)
    return json.loads(html_module.unescape(match.group(1)))


def test_batched_editor_shows_what_upstream_shows(client, users):
    """The same segments, translations, ids and translators as wagtail-localize's own view
    outside the batching (which our patches leave untouched)."""
    translation = _translation(users, 12, translated=True)
    _, response = _editor_queries(client, users, translation)
    ours = _props(response)

    request = RequestFactory().get(edit_url(target_page(translation)))
    request.user = users["translator_ru"]
    request.session = client.session
    request._messages = []
    page = Page.objects.get(pk=target_page(translation).pk).specific
    upstream = localize_editor.edit_translation(request, translation, page)
    theirs = _props(upstream)

    for key in ("segments", "initialStringTranslations", "initialOverrides"):
        assert ours[key] == theirs[key], key
    translators = {t["last_translated_by"]["full_name"] for t in ours["initialStringTranslations"]}
    assert translators == {users["translator_ru"].get_full_name()}
    assert all(t["segment_id"] for t in ours["initialStringTranslations"])
