"""Issue 21, point 3, in Chromium: wagtail-localize's React translation editor shows, under
a segment that holds a term of the term base, the term and its approved translation, and
marks the one the saved translation lacks (editorial/static/editorial/terms.js, with no
Content-Security-Policy violation: the `page` fixture fails on one)."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_editorial_journey import TRANSLATOR, Journey
from tests.editorial.test_term_base import KK_ONE, KK_TITLE, KK_TWO, RU_GOOD, translate
from tests.editorial_helpers import admin_text, approved_pair, edit_url, fill_strings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_editor_shows_each_segments_terms_and_their_approved_translations(
    page: Page, live_server, tmp_path
):

    from core.site.setup import ensure_site_structure
    from editorial import demo

    ensure_site_structure()
    demo.load()
    pair = approved_pair("kk", "ru", KK_TITLE, KK_ONE, KK_TWO)
    fill_strings(pair.translation)
    translate(pair.translation, {**RU_GOOD, KK_TWO: "Члены совета собрались."})

    journey = Journey(page, live_server.url, tmp_path)
    journey.login("translator_ru")
    page.goto(f"{live_server.url}{edit_url(pair.target)}")

    heading = admin_text("Term base", TRANSLATOR)
    one = page.locator("li", has=page.locator("p", has_text=KK_ONE)).last
    hints = one.locator(".editorial-terms")
    expect(hints).to_contain_text(heading)
    expect(hints.locator(".editorial-terms__term", has_text="кәсіподақ")).to_contain_text(
        "профсоюз"
    )
    expect(hints.locator(".editorial-terms__term", has_text="сайлау")).to_contain_text("выборы")
    expect(hints.locator(".editorial-terms__term--missing")).to_have_count(0)

    two = page.locator("li", has=page.locator("p", has_text=KK_TWO)).last
    missing = two.locator(".editorial-terms__term--missing")
    expect(missing).to_have_count(2)
    expect(two.locator(".editorial-terms__missing")).to_have_text(
        admin_text("The translation lacks the approved term.", TRANSLATOR)
    )
    expect(two.locator(".editorial-terms")).to_contain_text("маслихат")
    # The same segments are listed above the editor.
    expect(page.locator(".editorial-terms-warning")).to_contain_text(KK_TWO)
    two.scroll_into_view_if_needed()
    journey.shot("term-base-in-the-editor")

    # While the translator corrects the translation, the marks follow what they type.
    two.get_by_role("button", name=admin_text("Edit", TRANSLATOR, domain="djangojs")).click()
    two.locator("textarea").fill("Депутаты собрались.")
    expect(missing).to_have_count(1)
    expect(missing).to_contain_text("маслихат")
    two.locator("textarea").fill("Депутаты маслихатов собрались.")
    expect(missing).to_have_count(0)
    expect(two.locator(".editorial-terms__missing")).to_have_count(0)
    journey.shot("term-base-after-the-correction")
