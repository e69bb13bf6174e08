"""Anonymous readers cannot grow the cache: a query string a page does not read, a value it
does not take as given, and an address that is no page are answered and stored nowhere (no
response, no kept piece, no generation key), while the parameters pages do read (a page
number, a news category, a directory filter, search terms) are still served from the cache.

The bound: after warming every real URL below (about 75 keys: ten responses, their kept
pieces, the cards of fifteen items and their paths' generations), 1,000 random query strings
on real pages and 1,000 made-up addresses add no key at all, and the whole cache stays under
100 keys. Before, each such request stored a response, pieces and generation keys (20
requests to `/kk/?x=N` made 95 entries)."""

import random
import string
import uuid

import pytest
from django.core.cache import caches
from wagtail import hooks

from candidates.models import Region
from core.caching.page_cache import purge_paths
from tests.candidates_factories import candidacy, candidate, indexes, region, union
from tests.news_factories import bulk_news, category, news_index, publish_news
from tests.operations.test_healthz import redis_available, redis_cache

pytestmark = pytest.mark.django_db

BOUND = 100
REQUESTS = 1000


def state(response):
    return response.get("X-Page-Cache")


@pytest.fixture
def site(settings, seed_appeal):
    """The page cache and kept pieces on, as in production, with a news index of two pages,
    a news category and a directory of two people in two regions."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    # Search results live a minute; the run below may take longer, and every key counts.
    settings.PAGE_CACHE_SHORT_SECONDS = settings.PAGE_CACHE_SECONDS
    index = news_index("kk")
    elections = category()
    item = publish_news(index, "Сайлау туралы жаңалық", category=elections)
    bulk_news(index, 12)
    directory, _ru = indexes()
    candidate(directory, "Бірінші Адам", [candidacy(region=region("KZ-75"))], union=union())
    candidate(directory, "Екінші Адам", [candidacy(region=region("KZ-71"))])
    return {
        "home": "/kk/",
        "index": index.url,
        "item": item.url,
        "search": "/kk/search/",
        "directory": directory.url,
        "category": elections.slug,
        "region": Region.objects.get(code="KZ-75").pk,
    }


def declared_urls(site):
    """Every real URL with the parameters its page reads, as its own links write them."""
    return [
        site["home"],
        site["index"],
        site["index"] + "?page=2",
        site["index"] + f"?category={site['category']}",
        site["item"],
        site["search"] + "?q=сайлау",
        site["search"] + "?q=сайлау&page=1",
        site["directory"],
        site["directory"] + f"?region={site['region']}",
        site["directory"] + "export.csv",
    ]


def random_word(rng, length=8):
    return "".join(rng.choices(string.ascii_lowercase + string.digits, k=length))


def random_query(rng, site):
    """A query string no page takes as it is: unknown names (tracking tags, junk), known
    names with values the page does not use as given, repeated or mixed parameters."""
    word, number = random_word(rng), rng.randrange(10**9)
    return rng.choice(
        [
            f"{word}={number}",
            f"utm_source={word}&fbclid={number}",
            f"page={number + 3}",  # past the last page: the page shows another number
            f"page={word}",
            f"page=0{rng.randrange(1, 3)}",
            f"page=2&page={number}",
            f"page=2&{word}={number}",
            f"region={number}",  # no such region: the form drops it
            f"election={word}",
            f"category={site['category']}&{word}=1",
            f"q=сайлау&{word}={number}",
            f"p={number}",
        ]
    )


def made_up_path(rng, site):
    word = random_word(rng)
    return rng.choice(
        [
            f"/kk/{word}/",
            f"/ru/{word}/",
            f"/kk/{word}/{random_word(rng)}/",
            f"{site['index']}{word}/",  # under a real index: a child that is not there
            f"{site['directory']}{word}/",
            f"{site['item']}{word}/",
            f"/kk/{word}/export.csv",
            f"/kk/{word}",  # no slash: redirected
        ]
    )


def assert_bounded(client, site, keys, requests=REQUESTS):
    for url in declared_urls(site):
        assert client.get(url).status_code == 200, url
        assert state(client.get(url)) == "hit", url
    warm = keys()
    assert len(warm) < BOUND

    rng = random.Random(18)
    pages = [site["home"], site["index"], site["item"], site["search"], site["directory"]]
    for _ in range(requests):
        url = f"{rng.choice(pages)}?{random_query(rng, site)}"
        response = client.get(url)
        assert response.status_code in (200, 404), url
        if response.status_code == 200:
            # Answered, but kept neither here nor in a shared cache in front.
            assert state(response) != "hit", url
            assert "no-store" in response["Cache-Control"], url
    for _ in range(requests):
        path = made_up_path(rng, site)
        assert client.get(path).status_code in (301, 302, 404), path

    assert keys() == warm  # not one key more
    for url in declared_urls(site):
        assert state(client.get(url)) == "hit", url  # what pages read is still cached


def test_random_query_strings_and_made_up_addresses_add_no_key(client, site):
    store = caches["default"]._cache  # LocMemCache's own dict: every key it holds
    assert_bounded(client, site, lambda: set(store))


def test_the_same_bound_on_redis(client, site, settings):
    """The production store: keys counted by Redis itself (db 15, a prefix of this test's
    own); 300 of each kind, as the run above covers the variety."""
    if not redis_available():
        pytest.skip("needs Redis on 127.0.0.1:6379 (CI has it)")
    prefix = f"bounds-{uuid.uuid4().hex}"
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/15", prefix)
    from django_redis import get_redis_connection

    redis = get_redis_connection("default")

    def keys():
        return set(redis.scan_iter(match=f"{prefix}:*", count=1000))

    try:
        assert_bounded(client, site, keys, requests=300)
    finally:
        for key in keys():
            redis.delete(key)


def test_a_made_up_address_leaves_no_key(client, site):
    store = caches["default"]._cache
    client.get("/kk/")  # the epoch, the home page's generation, response, kept pieces
    before = set(store)
    for path in ("/kk/no-such-page/", "/ru/no-such-page/?x=1", site["index"] + "no-such-item/"):
        assert client.get(path).status_code == 404
        assert client.head(path).status_code == 404
    assert set(store) == before


def test_declared_parameters_are_cached_in_any_spelling(client, site):
    directory, region_pk = site["directory"], site["region"]
    assert state(client.get(f"{directory}?region={region_pk}&page=1")) == "miss"
    # The same query in another order, with an empty segment: the same stored response.
    assert state(client.get(f"{directory}?page=1&&region={region_pk}")) == "hit"
    # The directory's own form sends its empty fields too: kept as well.
    form = f"{directory}?q=&election=&body=&region={region_pk}&union=&nomination=&status="
    assert state(client.get(form)) == "miss"
    assert state(client.get(form)) == "hit"
    # A value the form does not take as given (spaces it strips) is answered, not kept.
    spaced = f"{directory}?q=+Адам+"
    assert client.get(spaced).status_code == 200
    assert state(client.get(spaced)) != "hit"


def test_a_purge_during_the_render_is_never_overwritten(client, site, settings):
    """A path with no generation yet: another process purges it while this render runs.
    The older render must not be stored under the purge's generation (nor, as it may be
    older than the purge, sent as public to a shared cache in front)."""
    url = site["item"]
    caches["default"].clear()
    # Without kept pieces, nothing is stored for the path before the response itself.
    settings.FRAGMENT_CACHE_ENABLED = False

    def purge_meanwhile(page, request, args, kwargs):
        purge_paths([request.path])

    with hooks.register_temporarily("before_serve_page", purge_meanwhile):
        response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert state(client.get(url)) == "miss"  # rendered again, not the older render
    assert state(client.get(url)) == "hit"
