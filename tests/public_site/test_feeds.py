"""RSS and Atom feeds per language: they parse, hold only their language, use absolute links,
and every page of that language advertises them."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.news_factories import category, news_index, publish_news, translate_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(site_structure):
    kk_index = news_index("kk")
    both = publish_news(
        kk_index, "Екі тілдегі жаңалық", date=datetime.date(2023, 3, 2), category=category()
    )
    translate_news(both)
    publish_news(kk_index, "Тек қазақша жаңалық", date=datetime.date(2023, 3, 1))
    publish_news(news_index("ru"), "Только русская новость", date=datetime.date(2023, 3, 3))


def parse(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize(
    "suffix,content_type,version",
    [("feed/", "application/rss+xml", "rss20"), ("feed/atom/", "application/atom+xml", "atom10")],
)
def test_feeds_parse_and_hold_only_their_language(client, news, suffix, content_type, version):
    expected = {
        "kk": ["Екі тілдегі жаңалық", "Тек қазақша жаңалық"],
        "ru": ["Только русская новость", "RU Екі тілдегі жаңалық"],
    }
    for language, titles in expected.items():
        index = news_index(language)
        feed = parse(client, index.url + suffix, content_type)
        assert feed.version == version
        assert feed.feed.language == language
        assert [entry.title for entry in feed.entries] == titles
        for entry in feed.entries:
            assert entry.link.startswith(f"http://testserver/{language}/")
            assert entry.summary
            assert entry.published_parsed
        assert feed.feed.link == f"http://testserver{index.url}"


def test_feed_items_carry_the_category_in_the_feeds_language(client, news):
    feed = parse(client, news_index("ru").url + "feed/", "application/rss+xml")
    entry = next(e for e in feed.entries if e.title == "RU Екі тілдегі жаңалық")
    assert [tag.term for tag in entry.tags] == ["Выборы"]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_page_of_a_language_advertises_its_feeds(client, news, seed_appeal, language):
    index = news_index(language)
    appeal = seed_appeal[0] if language == "kk" else seed_appeal[1]
    item = index.get_children().live().first()
    for url in (f"/{language}/", index.url, item.url, appeal.url, f"/{language}/search/?q=x"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        links = {
            link["type"]: link["href"] for link in soup.select('head link[rel="alternate"][type]')
        }
        assert links == {
            "application/rss+xml": f"http://testserver{index.url}feed/",
            "application/atom+xml": f"http://testserver{index.url}feed/atom/",
        }, url


@pytest.mark.parametrize(
    "suffix,content_type",
    [("feed/", "application/rss+xml"), ("feed/atom/", "application/atom+xml")],
)
def test_an_empty_feed_is_dated_by_its_index_not_by_the_clock(
    client, site_structure, suffix, content_type
):
    """Django dates a feed without dated items "now": two renders a second apart differed,
    so a kept copy never matched a fresh one. An empty feed carries the index's last change."""
    from wagtail.models import Page

    index = news_index("ru")
    changed = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    Page.objects.filter(pk=index.pk).update(last_published_at=changed)
    feed = parse(client, index.url + suffix, content_type)
    assert feed.entries == []
    assert feed.feed.updated_parsed[:6] == (2020, 1, 2, 3, 4, 5)


@pytest.mark.parametrize(
    "language,name",
    [
        ("kk", "Қазақстан Республикасы Кәсіподақтар федерациясы"),
        ("ru", "Федерация профсоюзов Республики Казахстан"),
    ],
)
def test_atom_feeds_name_the_federation_as_author(client, news, language, name):
    """RFC 4287: an entry without an author of its own takes the feed's, and one is required."""
    index = news_index(language)
    feed = parse(client, index.url + "feed/atom/", "application/atom+xml")
    assert feed.feed.author_detail.name == name
    assert feed.feed.author_detail.href == f"http://testserver/{language}/"
    assert feed.feed.title.endswith(f" · {name}")
    assert feed.entries and all(entry.author == name for entry in feed.entries)
