"""The news index: newest first, 12 per page, category filter, only its own language."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests.news_factories import category, news_index, publish_news, translate_news

pytestmark = pytest.mark.django_db


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".news-list .news-card__title a")], soup


def test_newest_first_twelve_per_page_with_accessible_pagination(client, site_structure):
    index = news_index("kk")
    for day in range(1, 15):
        publish_news(index, f"Жаңалық {day:02d}", date=datetime.date(2023, 3, day))
    first, soup = titles(client, index.url)
    assert first == [f"Жаңалық {day:02d}" for day in range(14, 2, -1)]
    nav = soup.select_one("nav.pagination")
    assert nav["aria-label"] == "Беттер"
    assert nav.select_one('[aria-current="page"]').get_text() == "1"
    assert nav.select_one('a[rel="next"]')["href"] == "?page=2"
    second, _ = titles(client, index.url + "?page=2")
    assert second == ["Жаңалық 02", "Жаңалық 01"]


def test_category_filter_in_the_readers_language(client, site_structure):
    elections = category()
    youth = category("youth", "Жастар", "Молодёжь")
    index = news_index("kk")
    translate_news(publish_news(index, "Сайлау жаңалығы", category=elections))
    translate_news(publish_news(index, "Жастар жаңалығы", category=youth))
    found, soup = titles(client, index.url + "?category=youth")
    assert found == ["Жастар жаңалығы"]
    current = soup.select_one('.category-filter [aria-current="page"]')
    assert current.get_text() == "Жастар"
    assert soup.h1.get_text() == "Жаңалықтар: Жастар"

    ru_found, ru_soup = titles(client, news_index("ru").url + "?category=elections")
    assert ru_found == ["RU Сайлау жаңалығы"]
    labels = [a.get_text() for a in ru_soup.select(".category-filter a")]
    assert labels == ["Все новости", "Выборы", "Молодёжь"]


def test_categories_are_listed_alphabetically_in_the_readers_language(client, site_structure):
    # Slug order would be elections, labour-rights, union-life; Kazakh order is Е, Ж, К, С.
    for slug, kk, ru in [
        ("elections", "Сайлау", "Выборы"),
        ("labour-rights", "Еңбек құқықтары", "Трудовые права"),
        ("union-life", "Кәсіподақ өмірі", "Жизнь профсоюзов"),
        ("youth", "Жастар", "Молодёжь"),
    ]:
        category(slug, kk, ru)
    _, soup = titles(client, news_index("kk").url)
    labels = [a.get_text() for a in soup.select(".category-filter a")][1:]
    assert labels == ["Еңбек құқықтары", "Жастар", "Кәсіподақ өмірі", "Сайлау"]
    _, ru_soup = titles(client, news_index("ru").url)
    labels = [a.get_text() for a in ru_soup.select(".category-filter a")][1:]
    assert labels == ["Выборы", "Жизнь профсоюзов", "Молодёжь", "Трудовые права"]


def test_unknown_category_is_not_found(client, site_structure):
    assert client.get(news_index("kk").url + "?category=nope").status_code == 404


def test_pagination_keeps_the_filter(client, site_structure):
    elections = category()
    index = news_index("kk")
    for day in range(1, 14):
        publish_news(index, f"Сайлау {day}", date=datetime.date(2023, 3, day), category=elections)
    _, soup = titles(client, index.url + "?category=elections")
    assert soup.select_one('nav.pagination a[rel="next"]')["href"] == "?category=elections&page=2"


def test_each_language_lists_only_its_own_news(client, site_structure):
    translate_news(publish_news(news_index("kk"), "Екі тілде"))
    publish_news(news_index("kk"), "Тек қазақша")
    publish_news(news_index("ru"), "Только по-русски")
    kk, _ = titles(client, news_index("kk").url)
    ru, _ = titles(client, news_index("ru").url)
    assert sorted(kk) == ["Екі тілде", "Тек қазақша"]
    assert sorted(ru) == ["RU Екі тілде", "Только по-русски"]


def test_tag_filter(client, site_structure):
    index = news_index("kk")
    publish_news(index, "Тегі бар", tags=["мереке"])
    publish_news(index, "Тегі жоқ")
    page = index.get_children().live().first().specific
    _, soup = titles(client, page.url)
    tag_link = soup.select_one(".tag-list a")["href"]
    found, _ = titles(client, tag_link)
    assert found == ["Тегі бар"]
