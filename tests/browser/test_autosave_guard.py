"""An editor presses "Submit to moderation" while Wagtail's first autosave of a new page is still
on its way: one page is made, and it is the one in moderation.

Wagtail 8's first autosave of a page being created creates it, then points the form at the
new page's edit view; a press before that answer came back posted the form to the create view
again and made a second page (the rehearsal's journey met it in CI: two news items with one
title). editorial/static/editorial/autosave_guard.js holds the press until the autosave has
returned. Here the autosave's request is held in the browser, so the press always lands in
that window.
"""

import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_editorial_journey import EDITOR, Journey
from tests.editorial_helpers import admin_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Автосақтау кезінде жіберілген жаңалық"


def until(page, check, message, seconds=20):
    """Wait for `check`, letting the browser's events (the held requests) reach the test."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, message
        page.wait_for_timeout(100)


@pytest.fixture
def news_index(live_server):
    from core.site.setup import ensure_site_structure
    from editorial import demo

    sections = ensure_site_structure()
    demo.load()
    return sections["news.NewsIndexPage"]


def test_a_press_during_the_first_autosave_makes_one_page(
    page: Page, live_server, news_index, settings, tmp_path
):
    from news.models import NewsPage

    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500  # Wagtail's default, whatever the settings say
    journey = Journey(page, live_server.url, tmp_path)
    journey.login("editor")

    # Each autosave reaches the server at once (the first creates the page), but its answer is
    # kept from the browser until released below: the window in which the form still points
    # at the create view.
    autosaves = []

    def hold_autosave_answers(route):
        request = route.request
        if request.method == "POST" and "application/json" in request.headers.get("accept", ""):
            autosaves.append((route, route.fetch()))
        else:
            route.continue_()

    add_url = f"{live_server.url}/admin/pages/add/news/newspage/{news_index.pk}/"
    page.route(add_url + "*", hold_autosave_answers)  # with or without a query string
    # Wagtail starts watching the form for edits two seconds after it loads (what is typed
    # before that counts as the form's first state): type once it watches, as a person would.
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watching = true; })"
    )
    page.goto(add_url)
    watching = "() => window.watching === true"
    until(page, lambda: page.evaluate(watching), "Wagtail never watched the form")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_lead").fill("Бір бет қана жасалады.")
    body = page.locator("[data-contentpath='body']")
    body.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Абзац").click()
    journey.type_into_paragraph(0, "Автосақтау жолда тұрғанда батырма басылды.")

    # The first autosave leaves half a second after typing stops.
    until(page, lambda: autosaves, "no autosave left the page")

    assert NewsPage.objects.filter(title=TITLE).count() == 1  # made by the autosave

    journey.submit_for_moderation()  # pressed before the autosave's answer is back
    # Held, not sent to the create view (which would make a second page).
    expect(page).to_have_url(add_url)
    assert NewsPage.objects.filter(title=TITLE).count() == 1

    route, answer = autosaves[0]
    route.fulfill(response=answer)  # the answer arrives; then the press goes to the edit view

    expect(page.locator(".messages")).to_contain_text(
        admin_text(
            "Page '%(page_title)s' has been submitted for moderation.", EDITOR, page_title=TITLE
        )
    )
    pages = NewsPage.objects.filter(title=TITLE)
    assert pages.count() == 1
    assert pages.get().workflow_in_progress
