"""Pieces of pages kept between renders (core/caching/fragments.py) are kept only from renders
the page cache could have served to an anonymous reader: never from a preview, a signed-in person's
render or a 404 for a made-up address, and never shown to anyone in their place."""

import pytest
from django.core.cache import caches

from tests.editorial_helpers import edit_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings, seed_appeal):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True
    return seed_appeal


def kept_fragments():
    store = caches["default"]._cache
    return [key for key in store if ":fragment:" in key]


def test_an_anonymous_render_keeps_its_pieces_for_the_next(client, kept):
    kk, _ru = kept
    first = client.get(kk.url).content.decode()
    kept_once = sorted(kept_fragments())
    assert kept_once  # the routed page, the head and header
    assert client.get(kk.url).content.decode() == first
    assert sorted(kept_fragments()) == kept_once


def test_a_preview_of_a_draft_is_never_kept_for_readers(client, kept):
    kk, _ru = kept
    page = edit_source(kk, "Жобадағы абзац.", title="Жобадағы тақырып", publish=False)
    draft = page.get_latest_revision_as_object()
    preview = draft.make_preview_request()
    assert "Жобадағы тақырып" in preview.content.decode()
    assert kept_fragments() == []
    public = client.get(kk.url).content.decode()
    assert "Жобадағы тақырып" not in public
    assert f"<title>{kk.title}" in public


def test_signed_in_renders_keep_nothing(admin_client, kept):
    kk, _ru = kept
    assert admin_client.get(kk.url).status_code == 200
    assert kept_fragments() == []


def test_made_up_addresses_keep_nothing(client, kept):
    assert client.get("/kk/no-such-page/").status_code == 404
    assert client.get("/kk/no-such-page/?x=1").status_code == 404
    assert client.get("/ru/novosti/no-such-item/").status_code == 404
    assert kept_fragments() == []
