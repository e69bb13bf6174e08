"""A reader goes from the home page to a news item and switches language; axe finds no WCAG
violation on the home, news index, news page, search results and 404 pages."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from tests.axe import assert_no_axe_violations
from tests.news_factories import (
    category,
    news_index,
    publish_news,
    tiny_image,
    translate_news,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def news(live_server):
    from core.site.setup import ensure_site_structure

    ensure_site_structure()
    elections = category()
    image = tiny_image(size=(320, 180))
    items = []
    for day in range(1, 4):
        page = publish_news(
            news_index("kk"),
            f"Сайлау жаңалығы {day}",
            date=datetime.date(2023, 3, day),
            category=elections,
            main_image=image,
            image_alt="Жиналыс залы",
            image_caption="Бас кеңес отырысы",
            tags=["сайлау"],
            body=[
                ("paragraph", "<p>Кәсіподақтар сайлауға дайындалуда.</p>"),
                ("quote", {"text": "Әрбір дауыс маңызды.", "attribution": "Төраға"}),
                ("image", {"image": image, "alt_text": "Зал", "caption": "Зал", "credit": ""}),
            ],
        )
        items.append((page, translate_news(page, prefix="Итоги: ")))
    return items


def test_reader_opens_a_news_item_from_home_and_switches_language(page: Page, live_server, news):
    kk, ru = news[-1]
    page.goto(live_server.url + "/kk/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.get_by_role("region", name="Соңғы жаңалықтар").get_by_role("link", name=kk.title).click()
    expect(page).to_have_url(live_server.url + kk.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(kk.title)

    page.get_by_role("navigation", name="Тіл").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(live_server.url + ru.url)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(ru.title)
    expect(page.locator(".news-article__meta a")).to_have_text("Выборы")


def test_reader_filters_the_news_by_category_and_searches(page: Page, live_server, news):
    page.goto(live_server.url + news_index("ru").url)
    page.get_by_role("navigation", name="Категории новостей").get_by_role(
        "link", name="Выборы"
    ).click()
    expect(page).to_have_url(re.compile(r"\?category=elections$"))
    expect(page.locator(".news-list > li")).to_have_count(3)

    page.get_by_role("link", name="Поиск", exact=True).click()
    page.get_by_label("Поиск по сайту").fill("Итоги")
    page.get_by_role("button", name="Поиск").click()
    expect(page).to_have_url(re.compile(r"/ru/search/\?q="))
    expect(page.locator(".search-results > li")).to_have_count(3)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_axe_violations_on_news_home_search_and_404(page: Page, live_server, news, language):
    from tests.candidates_factories import four_people

    four_people()  # the home page then shows the election at a glance
    item = news[0][0] if language == "kk" else news[0][1]
    query = "Сайлау" if language == "kk" else "Итоги"
    page.goto(live_server.url + f"/{language}/")
    expect(page.locator(".home-election")).to_be_visible()
    for url in (
        f"/{language}/",
        news_index(language).url,
        news_index(language).url + "?category=elections",
        item.url,
        f"/{language}/search/?q={query}",
        f"/{language}/search/?q=nothing-matches-this",
        f"/{language}/no-such-page/",
    ):
        page.goto(live_server.url + url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_no_axe_violations(page)
