"""The Promote tab shows the slug the page will get: while the editor types a Kazakh or
Russian title, Wagtail's slug script fills the slug field with `core.slugs.ascii_slug` of it
(Latin letters, cut at a word), never Cyrillic that the server would change on save."""

import pytest
from playwright.sync_api import Page, expect

from core.slugs import ascii_slug
from news.demo import ITEMS
from tests.browser.test_editorial_journey import EDITOR, Journey
from tests.editorial_helpers import admin_text
from tests.word_files import seed_halves

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The demo news and the seed appeal in both languages, and titles with dashes and "№".
TITLES = [
    "Еңбекті қорғау айлығы басталды",
    *(title for *_, fields, _paragraphs, _quote in ITEMS for title in fields["title"]),
    *(half.title for half in seed_halves()),
    "Ереже №12 — 2024–2025 жылдарға",
    "Щедрый «Ёлочный» базар, 1½ часа",
]


def test_the_slug_field_shows_the_latin_slug_of_the_title(page: Page, live_server, tmp_path):
    from core.site.setup import ensure_site_structure
    from editorial import demo

    index = ensure_site_structure()["news.NewsIndexPage"]
    demo.load()
    journey = Journey(page, live_server.url, tmp_path)
    journey.login("editor")
    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/")
    title, slug = page.locator("#id_title"), page.locator("#id_slug")
    content = page.get_by_role("tab", name=admin_text("Content", EDITOR))
    promote = page.get_by_role("tab", name=admin_text("Promote", EDITOR))
    title.press_sequentially(TITLES[0])
    promote.click()
    expect(slug).to_have_value(ascii_slug(TITLES[0]))
    journey.shot("promote-tab-shows-the-latin-slug")
    for text in TITLES[1:]:
        content.click()
        title.fill(text)
        title.blur()
        promote.click()
        expect(slug).to_have_value(ascii_slug(text))
