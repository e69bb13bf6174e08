"""On a phone (390×844) in both languages: the header stays compact, the directory shows its
first candidate on the first screen with the filters folded behind one button that opens them,
a profile's candidacies table fits the screen (each row a block of labelled lines), a candidate
without a photo shows their initials; axe finds nothing on the directory and a profile at that
width. On a laptop (1366 px) a news item's image fills the article's column from a rendition of
at least 1200 px."""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect

from candidates.models import Candidacy
from core.site.setup import ensure_site_structure
from home.demo import ensure_about_page
from tests import candidates_factories as make
from tests.axe import assert_no_axe_violations
from tests.news_factories import news_index, publish_news, tiny_image

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
LABELS = {
    "kk": {"filters": "Кандидаттарды іздеу", "region": "Өңір", "show": "Кандидаттарды көрсету"},
    "ru": {"filters": "Поиск кандидатов", "region": "Регион", "show": "Показать кандидатов"},
}


@pytest.fixture
def people(live_server):
    ensure_site_structure()
    kk_index, ru_index = make.indexes()
    with_photo = make.photo()
    pages = {}
    names = [
        ("Ахметов Ерлан Серікұлы", "Ахметов Ерлан Серикович", with_photo),
        ("Бекова Дана Асқарқызы", "Бекова Дана Аскаровна", None),
        ("Сәрсенова Айгүл Болатқызы", "Сарсенова Айгуль Болатовна", with_photo),
        ("Тұрсынов Марат Ерболұлы", "Турсынов Марат Ерболович", with_photo),
    ]
    for kk_name, ru_name, photo in names:
        candidacies = [
            make.candidacy(
                body=make.body("oblast-maslikhat"),
                region=make.region("KZ-10"),
                district_number=3,
                status=Candidacy.Status.ELECTED,
                source_url="https://example.org/decision/3",
                source_date="2023-02-10",
            ),
            make.party_list(make.party(), 2),
        ]
        page = make.candidate(
            kk_index, kk_name, candidacies, union=make.union(), photo=photo, birth_year=1980
        )
        pages[kk_name] = SimpleNamespace(kk=page, ru=make.translate(page, ru_name))
    return SimpleNamespace(kk=kk_index, ru=ru_index, pages=pages)


@pytest.fixture
def phone(page: Page):
    page.set_viewport_size(PHONE)
    return page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_directory_on_a_phone(phone: Page, live_server, people, language):
    page, labels = phone, LABELS[language]
    page.goto(live_server.url + getattr(people, language).url)

    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 0.15 * PHONE["height"], header

    # Filters folded: the first card is on the first screen.
    expect(page.get_by_role("combobox", name=labels["region"])).to_be_hidden()
    first_card = page.locator(".candidate-card").first.bounding_box()
    assert first_card["y"] + 0.5 * first_card["height"] <= PHONE["height"], first_card
    no_horizontal_scroll(page)

    # A candidate without a photo: initials in the photo's place, hidden from screen readers.
    placeholder = page.locator(".candidate-card__photo--none")
    expect(placeholder).to_have_count(1)
    expect(placeholder).to_have_text("БД")
    expect(placeholder).to_have_attribute("aria-hidden", "true")
    assert placeholder.bounding_box()["width"] > 40
    assert_no_axe_violations(page)

    # One button opens them; a filter chosen keeps them open on the filtered list.
    page.get_by_text(labels["filters"], exact=True).click()
    region = page.get_by_role("combobox", name=labels["region"])
    expect(region).to_be_visible()
    region.select_option(value=str(make.region("KZ-10").pk))
    page.get_by_role("button", name=labels["show"]).click()
    expect(page).to_have_url(re.compile(r"\?.*region=\d+"))
    expect(page.get_by_role("combobox", name=labels["region"])).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_profile_on_a_phone(phone: Page, live_server, people, language):
    page = phone
    person = getattr(people.pages["Бекова Дана Асқарқызы"], language)
    page.goto(live_server.url + person.url)

    assert page.locator(".site-header").bounding_box()["height"] <= 0.15 * PHONE["height"]
    table = page.locator("table.candidacies")
    expect(table).to_be_visible()
    scroll = page.locator(".table-scroll").evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll[0] <= scroll[1], scroll
    no_horizontal_scroll(page)
    # Each cell is labelled with its column's heading.
    label = (
        table.locator("tbody tr")
        .first.locator("td")
        .first.evaluate("td => getComputedStyle(td, '::before').content")
    )
    heading = table.locator("thead th").nth(1).inner_text()
    assert label == f'"{heading}"', (label, heading)
    initials = page.locator(".candidate-profile__photo--none")
    expect(initials).to_have_text("БД")
    expect(initials).to_have_attribute("aria-hidden", "true")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_section_shows_whole_on_a_phone(phone: Page, live_server, people, language):
    """The sections wrap rather than run past the screen's edge (a row scrolling sideways cut
    the Kazakh "Жаңалықтар" to "Жаңалықта" and hid the About page, with nothing to say so)."""
    page = phone
    ensure_about_page()  # four sections, more than a phone's row holds in either language
    page.goto(live_server.url + getattr(people, language).url)
    sections = page.locator(".main-nav").get_by_role("link")
    assert sections.count() >= 4
    search = page.locator(".site-header .site-search-link").bounding_box()
    for index in range(sections.count()):
        expect(sections.nth(index)).to_be_in_viewport(ratio=1)
        box = sections.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= search["x"], (index, box, search)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 0.15 * PHONE["height"], header
    no_horizontal_scroll(page)


def no_horizontal_scroll(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths


def test_a_news_image_fills_the_column_from_a_large_rendition(page: Page, live_server):
    ensure_site_structure()
    image = tiny_image(size=(1600, 900))
    item = publish_news(news_index("kk"), "Үлкен сурет", main_image=image, image_alt="Зал")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + item.url)

    img = page.locator(".news-article__image img")
    widths = [
        int(candidate.split()[-1].rstrip("w"))
        for candidate in img.get_attribute("srcset").split(", ")
    ]
    assert max(widths) >= 1200, widths
    column = page.locator(".news-article").evaluate(
        "e => e.clientWidth - parseFloat(getComputedStyle(e).paddingLeft)"
        " - parseFloat(getComputedStyle(e).paddingRight)"
    )
    shown = img.bounding_box()["width"]
    assert abs(shown - column) <= 1, (shown, column)
    assert column > 850, column
    chosen = img.evaluate("img => img.currentSrc")
    assert "1200" in chosen, chosen
