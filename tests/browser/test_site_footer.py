"""The footer editors keep in the admin, in Chromium: at the bottom of the window on a short
page (a 404, a search that finds nothing), after the content on a long one; and axe finds no
WCAG violation on the home page, the appeal index and the About page with it, in both
languages."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.axe import assert_no_axe_violations
from tests.conftest import SEED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site_with_footer(live_server):
    from appeals.models import AppealPage
    from home.demo import load

    call_command("import_appeal", str(SEED), "--publish")
    load()  # the About page in both languages and the footer's contacts
    return {
        "kk": AppealPage.objects.get(locale__language_code="kk"),
        "ru": AppealPage.objects.get(locale__language_code="ru"),
    }


def layout(page):
    """(document height, footer top, footer bottom) in one look at the page, once its fonts
    are in: measured apart, a font arriving in between reflowed the text (300 px once in CI)."""
    return page.evaluate(
        """async () => {
            await document.fonts.ready;
            const footer = document.querySelector("footer.site-footer").getBoundingClientRect();
            return [document.documentElement.scrollHeight,
                    footer.top + window.scrollY, footer.bottom + window.scrollY];
        }"""
    )


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_footer_sits_at_the_bottom_of_a_short_page(
    page: Page, live_server, site_with_footer, language, size
):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    for path in (f"/{language}/no-such-page/", f"/{language}/search/?q=zzzzqqqq"):
        page.goto(live_server.url + path)
        expect(page.locator("footer.site-footer .site-footer__phone")).to_be_visible()
        document_height, top, bottom = layout(page)
        if width >= 1280:
            assert document_height <= height, path  # short indeed, on a desktop window
        if document_height <= height:
            # The page is shorter than the window: the footer's bottom is the window's.
            assert abs(bottom - height) <= 1, (path, bottom, height)
        else:
            # Taller (a phone): the footer ends the document, nothing below it.
            assert abs(bottom - document_height) <= 1, (path, bottom, document_height)
        main_bottom = page.locator("main").bounding_box()
        assert main_bottom["y"] + main_bottom["height"] <= top + 1


def test_on_a_long_page_the_footer_follows_the_content(page: Page, live_server, site_with_footer):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + site_with_footer["kk"].url)
    document_height, top, bottom = layout(page)
    assert document_height > 844
    assert abs(bottom - document_height) <= 1
    main = page.locator("main").bounding_box()
    assert main["y"] + main["height"] <= top + 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_axe_violations_on_home_appeal_index_and_about_page(
    page: Page, live_server, site_with_footer, language
):
    appeal = site_with_footer[language]
    page.goto(live_server.url + f"/{language}/")
    about = page.locator("footer .site-footer__about a")
    expect(about).to_have_text({"kk": "Федерация туралы", "ru": "О Федерации"}[language])
    about_url = about.get_attribute("href")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        {
            "kk": "Қазақстан Республикасы Кәсіподақтар федерациясы",
            "ru": "Федерация профсоюзов Республики Казахстан",
        }[language]
    )
    for url in (f"/{language}/", appeal.get_parent().url, about_url):
        page.goto(live_server.url + url)
        assert_no_axe_violations(page)
