"""Warm requests of the news index, a news page and search stay within their query budgets;
the index costs the same with 10 and with 1,000 news items."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.embeds.blocks import EmbedValue

from news.models import NewsPage
from tests.news_factories import (
    bulk_news,
    category,
    news_index,
    publish_news,
    tiny_image,
    translate_news,
)

pytestmark = pytest.mark.django_db

INDEX_BUDGET = 10
PAGE_BUDGET = 10
SEARCH_BUDGET = 10


def warm_queries(client, url):
    assert client.get(url).status_code == 200  # warm: site root paths, renditions
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_costs_the_same_with_10_and_1000_news(client, site_structure):
    # Russian is the costlier language (Wagtail looks up the translated root page).
    language = "ru"
    index = news_index(language)
    images = [tiny_image() for _ in range(3)]
    elections = category()
    bulk_news(index, 10, images=images, category=elections)
    with_10 = warm_queries(client, index.url)
    filtered_10 = warm_queries(client, index.url + "?category=elections&page=1")

    started = time.monotonic()
    bulk_news(index, 990, images=images, category=elections, start=10)
    seconds = time.monotonic() - started
    assert NewsPage.objects.child_of(index).live().count() == 1000
    with_1000 = warm_queries(client, index.url)
    last_page = warm_queries(client, index.url + "?page=84")
    filtered_1000 = warm_queries(client, index.url + "?category=elections&page=50")
    print(
        f"news index /{language}/: {with_10} queries with 10 items, {with_1000} with 1,000 "
        f"(last page {last_page}, filtered {filtered_10}/{filtered_1000}); "
        f"990 items made in {seconds:.1f} s"
    )
    assert with_10 == with_1000 == last_page <= INDEX_BUDGET
    assert filtered_10 == filtered_1000 <= INDEX_BUDGET


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_news_page_within_budget(client, seed_appeal, language):
    kk_appeal, _ = seed_appeal
    page = publish_news(
        news_index("kk"),
        "Толық жаңалық",
        category=category(),
        main_image=tiny_image(),
        image_caption="Сурет",
        tags=["сайлау", "мәжіліс"],
        related=[kk_appeal],
        body=[
            ("paragraph", "<p>Абзац.</p>"),
            ("quote", {"text": "Дәйексөз.", "attribution": ""}),
            ("image", {"image": tiny_image(), "alt_text": "", "caption": "", "credit": ""}),
            ("image", {"image": tiny_image(), "alt_text": "", "caption": "", "credit": ""}),
            ("embed", {"url": EmbedValue("https://example.org/video"), "title": ""}),
        ],
    )
    translated = translate_news(page)
    shown = page if language == "kk" else translated
    queries = warm_queries(client, shown.url)
    index_queries = warm_queries(client, shown.get_parent().url)
    print(f"news page /{language}/: {queries} queries; its index: {index_queries}")
    assert queries <= PAGE_BUDGET
    assert index_queries <= INDEX_BUDGET


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_search_within_budget(client, seed_appeal, language):
    index = news_index("kk")
    for number in range(15):
        translate_news(
            publish_news(
                index,
                f"Сайлау {number}",
                slug=f"saylau-{number}",
                date=datetime.date(2023, 3, 1) + datetime.timedelta(days=number),
            )
        )
    # An inflected Kazakh word: searched as itself or its stem (core/search/kazakh.py).
    query = "Сайлауға" if language == "kk" else "RU"
    queries = warm_queries(client, f"/{language}/search/?q={query}")
    print(f"search /{language}/: {queries} queries")
    assert queries <= SEARCH_BUDGET
