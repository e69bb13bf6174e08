"""Search per language: results only in the visitor's language, paginated; Russian and Kazakh
word forms match on every database."""

import pytest
from bs4 import BeautifulSoup

from tests.news_factories import news_index, publish_news, translate_news

pytestmark = pytest.mark.django_db


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".search-results__title a")], soup


def test_results_come_only_from_the_visitors_language(client, site_structure):
    page = publish_news(news_index("kk"), "Кәсіподақ форумы", lead="Форум өтті.")
    translate_news(page, prefix="Форум ")  # the ru title holds the same word
    kk, kk_soup = results(client, "/kk/search/?q=форумы")
    ru, ru_soup = results(client, "/ru/search/?q=форумы")
    assert kk == ["Кәсіподақ форумы"]
    assert ru == ["Форум Кәсіподақ форумы"]
    assert kk_soup.html["lang"] == "kk" and ru_soup.html["lang"] == "ru"
    assert kk_soup.select_one(".search-results a")["href"] == page.url


def test_results_are_paginated(client, site_structure):
    index = news_index("kk")
    for number in range(12):
        publish_news(index, f"Конференция {number}", slug=f"konferentsiya-{number}")
    first, soup = results(client, "/kk/search/?q=Конференция")
    assert len(first) == 10
    next_link = soup.select_one('nav.pagination a[rel="next"]')["href"]
    assert (
        next_link == "?q=%D0%9A%D0%BE%D0%BD%D1%84%D0%B5%D1%80%D0%B5%D0%BD%D1%86%D0%B8%D1%8F&page=2"
    )
    second, _ = results(client, "/kk/search/" + next_link)
    assert len(second) == 2
    assert not set(first) & set(second)
    assert "12" in soup.select_one(".search-summary").get_text()


def test_the_search_form_is_labelled_and_keeps_the_query(client, site_structure):
    _, soup = results(client, "/ru/search/?q=профсоюз")
    field = soup.select_one("form[role=search] input[name=q]")
    assert field["value"] == "профсоюз"
    assert soup.select_one(f"label[for={field['id']}]").get_text() == "Поиск по сайту"
    assert soup.select_one('meta[name="robots"]')["content"].startswith("noindex")


def test_the_language_switcher_keeps_the_query(client, site_structure):
    _, soup = results(client, "/kk/search/?q=test")
    switcher = {a["lang"]: a["href"] for a in soup.select("nav.language-switcher a")}
    assert switcher == {"ru": "/ru/search/?q=test"}


def test_russian_word_forms_match_and_kazakh_forms_match_too(client, site_structure):
    publish_news(news_index("ru"), "Итоги", lead="Профсоюзы подвели итоги: выборы прошли.")
    publish_news(news_index("kk"), "Қорытынды", lead="Кәсіподақтар сайлауды талқылады.")
    # The page says "выборы" and "итоги"; the queries use other forms of those words.
    assert "Итоги" in results(client, "/ru/search/?q=выборах")[0]
    assert results(client, "/ru/search/?q=итогам")[0] == ["Итоги"]
    assert "Қорытынды" in results(client, "/kk/search/?q=сайлауды")[0]
    # Kazakh through its Hunspell stems (tests/search/test_kazakh_search.py): another form too.
    assert "Қорытынды" in results(client, "/kk/search/?q=сайлаудың")[0]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_homes_and_section_indexes_are_not_hits(client, site_structure, language):
    from wagtail.models import Page

    home = Page.objects.get(depth=2, locale__language_code=language)
    listings = [home, *home.get_children().live()]
    page = publish_news(news_index(language), "Жаңалық / Новость", lead="Текст.")
    urls = {listing.url for listing in listings}
    for listing in listings:
        # Each home and index searched by its own title.
        _, soup = results(client, f"/{language}/search/?q={listing.title}")
        hrefs = {a["href"] for a in soup.select(".search-results__title a")}
        assert not hrefs & urls, listing.title
    _, soup = results(client, f"/{language}/search/?q=Жаңалық Новость")
    assert [a["href"] for a in soup.select(".search-results__title a")] == [page.url]
