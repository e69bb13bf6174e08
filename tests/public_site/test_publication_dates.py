"""Dates tell readers and crawlers when things happened: the sitemap's lastmod, the Atom
`updated` and JSON-LD dateModified are each page's last publication; datePublished is the
date the content carries (a news item's date, an appeal's adoption); and the demo's items are
dated as they say, not all at the minute `load_demo` ran."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from core.models import day_as_moment
from core.operations.bulk import bulk_content_changes, published_on
from news import demo as news_demo
from news.models import NewsPage
from tests.news_factories import news_index, publish_news, translate_news
from tests.structured_data import json_ld_of_type

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def lastmods(client, language):
    root = ET.fromstring(client.get(f"/sitemap-{language}.xml").content)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP).removeprefix("http://testserver"): url.findtext(
            "sm:lastmod", namespaces=SITEMAP
        )
        for url in root.findall("sm:url", SITEMAP)
    }


def local_day(moment):
    return timezone.localtime(moment).date().isoformat()


def atom_entries(client, language):
    feed = feedparser.parse(client.get(news_index(language).url + "feed/atom/").content)
    return feed, {entry.link.removeprefix("http://testserver"): entry for entry in feed.entries}


def as_utc(parsed):
    return datetime.datetime(*parsed[:6], tzinfo=datetime.UTC)


def test_each_page_says_when_it_was_last_published(
    client, site_structure, django_capture_on_commit_callbacks
):
    earlier = publish_news(news_index("kk"), "Ертеректегі жаңалық", date=datetime.date(2023, 3, 1))
    earlier_ru = translate_news(earlier)
    # Published on its day, as an editor would have published it then.
    published_on([earlier, earlier_ru], day_as_moment(datetime.date(2023, 3, 1)))
    later = publish_news(news_index("kk"), "Кейінгі жаңалық", date=datetime.date(2023, 3, 2))
    later.refresh_from_db()

    dates = lastmods(client, "kk")
    assert dates[earlier.url] == "2023-03-01"
    assert dates[later.url] == local_day(later.last_published_at)
    assert lastmods(client, "ru")[earlier_ru.url] == "2023-03-01"

    feed, entries = atom_entries(client, "kk")
    assert as_utc(entries[earlier.url].updated_parsed) == earlier.last_published_at
    assert as_utc(entries[later.url].updated_parsed) == later.last_published_at.replace(
        microsecond=0
    )
    assert as_utc(feed.feed.updated_parsed) == later.last_published_at.replace(microsecond=0)

    article = json_ld_of_type(client.get(earlier.url).content, "NewsArticle")
    assert datetime.datetime.fromisoformat(article["dateModified"]) == earlier.last_published_at
    noon = day_as_moment(datetime.date(2023, 3, 1))
    assert datetime.datetime.fromisoformat(article["datePublished"]) == noon

    # Published again today: only that page's dates move; its date of publication stays.
    with django_capture_on_commit_callbacks(execute=True):  # the cached pages are purged
        earlier.save_revision().publish()
    earlier.refresh_from_db()
    dates = lastmods(client, "kk")
    assert dates[earlier.url] == local_day(earlier.last_published_at) != "2023-03-01"
    assert lastmods(client, "ru")[earlier_ru.url] == "2023-03-01"
    article = json_ld_of_type(client.get(earlier.url).content, "NewsArticle")
    assert datetime.datetime.fromisoformat(article["dateModified"]) == earlier.last_published_at
    assert datetime.datetime.fromisoformat(article["datePublished"]) == noon


def test_an_appeal_is_published_on_the_day_it_was_adopted(client, seed_appeal):
    kk, _ru = seed_appeal
    kk.date_adopted = datetime.date(2023, 2, 20)
    kk.save_revision().publish()
    kk.refresh_from_db()
    article = json_ld_of_type(client.get(kk.url).content, "Article")
    published = datetime.datetime.fromisoformat(article["datePublished"])
    assert published == day_as_moment(datetime.date(2023, 2, 20))
    assert datetime.datetime.fromisoformat(article["dateModified"]) == kk.last_published_at
    assert lastmods(client, "kk")[kk.url] == local_day(kk.last_published_at)


def test_the_demo_news_are_dated_as_their_items(client, site_structure):
    with bulk_content_changes():
        news_demo.load()
    items = list(NewsPage.objects.all())
    assert len(items) == 2 * len(news_demo.ITEMS)
    for item in items:
        assert item.first_published_at == item.last_published_at == day_as_moment(item.date)
    dates = {**lastmods(client, "kk"), **lastmods(client, "ru")}
    assert {dates[item.url] for item in items} == {day for day, *_rest in news_demo.ITEMS}
    _feed, entries = atom_entries(client, "ru")
    for item in items:
        if item.url in entries:
            assert as_utc(entries[item.url].updated_parsed) == item.last_published_at
