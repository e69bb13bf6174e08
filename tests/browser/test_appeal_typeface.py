"""An appeal reads and prints in the site's own typeface, Noto Sans served by the site itself:
every letter of the page (Kazakh and Russian) drawn by that one font with no fallback, on
screen and in print; in print in black, with its number, date, adopting body and address;
and no request leaves the test server."""

import datetime
import ipaddress
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from core.site.addresses import public_url
from tests.axe import assert_no_axe_violations
from tests.conftest import SEED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ADOPTED = datetime.date(2023, 2, 15)
ADOPTING_BODY = {"kk": "ҚР Кәсіподақтар федерациясының Бас кеңесі", "ru": "Генеральный совет ФПРК"}
KAZAKH = "әғқңөұүһі"
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
EVERY_LETTER = " ".join([KAZAKH, KAZAKH.upper(), RUSSIAN, RUSSIAN.upper(), "№ 677 — «Үндеу»"])
# What a reader sees of an appeal: every element that holds its text.
TEXT = (
    ".appeal__number, .appeal h1, .appeal__meta, .appeal__body p, .appeal__body li, "
    ".appeal__adoption"
)


@pytest.fixture
def appeal(live_server):
    """The seed appeal, published in both languages with a date and an adopting body."""
    call_command("import_appeal", str(SEED), "--publish")
    from appeals.models import AppealPage

    pages = {}
    for language in ("kk", "ru"):
        page = AppealPage.objects.get(locale__language_code=language)
        page.date_adopted = ADOPTED
        page.adopting_body = ADOPTING_BODY[language]
        page.save_revision().publish()
        pages[language] = page
    return pages


def outside_requests(page: Page, live_server):
    """Start recording every request the page makes to a host other than the test server's."""
    host = urlsplit(live_server.url).hostname
    assert host == "localhost" or ipaddress.ip_address(host).is_loopback
    outside = []
    page.on(
        "request",
        lambda request: (
            urlsplit(request.url).scheme != "data"
            and urlsplit(request.url).hostname != host
            and outside.append(request.url)
        ),
    )
    return outside


def fonts_ready(page: Page):
    page.evaluate("async () => { document.body.offsetHeight; await document.fonts.ready; }")


def platform_fonts(page: Page, selector):
    """For each element `selector` matches, the fonts Chromium drew its text with (CDP)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    assert nodes, f"nothing matches {selector}"
    fonts = [cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"] for node in nodes]
    cdp.detach()
    return fonts


def assert_one_font(page: Page, selector, postscript_name=None):
    for fonts in platform_fonts(page, selector):
        assert len(fonts) == 1, f"{selector}: drawn with {fonts}"
        (font,) = fonts
        # isCustomFont: the web font the site served, not an installed Noto Sans.
        assert font["familyName"] == "Noto Sans" and font["isCustomFont"], fonts
        if postscript_name:
            assert font["postScriptName"] == postscript_name, fonts


@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_letter_of_an_appeal_is_drawn_in_the_sites_own_font(
    page: Page, live_server, appeal, language, media
):
    outside = outside_requests(page, live_server)
    page.emulate_media(media=media)
    page.goto(live_server.url + appeal[language].url)
    fonts_ready(page)
    printed_from = page.locator(".appeal__printed-from")
    if media == "print":
        expect(printed_from).to_be_visible()
        assert_one_font(page, TEXT + ", .appeal__printed-from")
    else:
        expect(printed_from).to_be_hidden()
        assert_one_font(page, TEXT)

    # The page's text has no word in each face: write every Kazakh and Russian letter, both
    # cases, in regular, bold and italic, and each is drawn by that face itself (no
    # synthesised bold or slant, no fallback font for a letter the files would lack).
    page.evaluate(
        """letters => {
            const body = document.querySelector('.appeal__body');
            for (const tag of ['span', 'strong', 'em']) {
                const line = body.appendChild(document.createElement('p'));
                line.className = 'every-letter';
                line.appendChild(document.createElement(tag)).textContent = letters;
            }
        }""",
        EVERY_LETTER,
    )
    fonts_ready(page)
    assert_one_font(page, ".every-letter span", "NotoSans-Regular")
    assert_one_font(page, ".every-letter strong", "NotoSans-Bold")
    assert_one_font(page, ".every-letter em", "NotoSans-Italic")
    assert outside == []


def test_a_printed_appeal_is_black_with_its_number_date_body_and_address(
    page: Page, live_server, appeal
):
    outside = outside_requests(page, live_server)
    kk = appeal["kk"]
    page.goto(live_server.url + kk.url)
    # On screen too, the appeal says when and by whom it was adopted.
    meta = page.locator(".appeal__meta")
    expect(meta).to_be_visible()
    expect(meta).to_contain_text(ADOPTING_BODY["kk"])
    expect(meta.locator("time")).to_have_attribute("datetime", "2023-02-15")
    expect(meta.locator("time")).to_contain_text("2023")
    assert page.locator(".appeal__meta").evaluate("e => getComputedStyle(e).color") != (
        "rgb(0, 0, 0)"
    )

    page.emulate_media(media="print")
    expect(page.locator(".appeal__number")).to_have_text("№\xa0677")
    expect(page.locator(".appeal__number")).to_be_visible()
    expect(meta).to_be_visible()
    expect(meta).to_contain_text(ADOPTING_BODY["kk"])
    expect(meta.locator("time")).to_be_visible()
    printed_from = page.locator(".appeal__printed-from")
    expect(printed_from).to_be_visible()
    expect(printed_from).to_have_text(f"Беттің мекенжайы: {public_url(kk.url)}")
    colours = page.locator(TEXT + ", .appeal__printed-from, .appeal *").evaluate_all(
        "elements => [...new Set(elements.map(e => getComputedStyle(e).color))]"
    )
    assert colours == ["rgb(0, 0, 0)"]
    # Nothing of the site's chrome is printed.
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    assert outside == []


def test_the_fonts_load_once_each_and_weigh_little(page: Page, live_server, appeal):
    """The regular face is preloaded and that download is the one the page uses (a preload
    without `crossorigin` would be fetched twice)."""
    fonts = []
    page.on(
        "requestfinished",
        lambda request: (
            request.resource_type == "font"
            and fonts.append((urlsplit(request.url).path, request.sizes()["responseBodySize"]))
        ),
    )
    page.goto(live_server.url + appeal["kk"].url)
    fonts_ready(page)
    page.wait_for_load_state("networkidle")
    paths = [path for path, _size in fonts]
    assert sorted(paths) == [
        "/static/fonts/noto-sans-bold.woff2",
        "/static/fonts/noto-sans-italic.woff2",
        "/static/fonts/noto-sans-regular.woff2",
    ]
    assert sum(size for _path, size in fonts) < 100_000


def test_no_axe_violations_on_a_dated_appeal(page: Page, live_server, appeal):
    page.goto(live_server.url + appeal["kk"].url)
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert_no_axe_violations(page)
