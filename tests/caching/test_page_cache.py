"""The page cache serves anonymous readers from the shared cache, and never what is private:
signed-in users, previews, restricted pages, responses that set a cookie or carry a CSRF
token, non-GET requests, errors, and the language redirect at "/". HTTP done properly:
Cache-Control for shared caches, ETag with 304, gzip for what is cached, a correct Vary."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.news_factories import news_index, publish_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings, seed_appeal):
    settings.PAGE_CACHE_ENABLED = True
    return seed_appeal


def state(response):
    return response.get("X-Page-Cache")


def test_anonymous_pages_are_served_from_the_cache_without_a_query(client, cached):
    kk, ru = cached
    urls = [
        "/kk/",
        "/ru/",
        kk.url,
        ru.url,
        kk.get_parent().url,
        news_index("kk").url + "feed/",
        "/sitemap.xml",
        "/sitemap-ru.xml",
        "/robots.txt",
        "/kk/search/?q=сайлау",
    ]
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200 and state(first) == "miss", url
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert state(second) == "hit", url
        assert second.content == first.content
        assert len(queries) == 0, (url, [q["sql"] for q in queries])
        head = client.head(url)
        assert head.status_code == 200 and state(head) == "hit" and head.content == b""


def test_headers_for_shared_caches_and_browsers(client, cached):
    kk, _ru = cached
    response = client.get(kk.url)
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=3600" in control and "max-age=0" in control
    search = client.get("/kk/search/?q=сайлау")
    assert "s-maxage=60" in search["Cache-Control"]
    # Free text in the directory's name filter lives as briefly as a search.
    from candidates.models import CandidateIndexPage

    directory = CandidateIndexPage.objects.get(locale__language_code="kk")
    named = client.get(directory.url + "?q=Ахмет")
    assert named.status_code == 200 and "s-maxage=60" in named["Cache-Control"]
    assert "s-maxage=3600" in client.get(directory.url)["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")


def test_a_conditional_get_is_answered_304(client, cached):
    kk, _ru = cached
    etag = client.get(kk.url)["ETag"]
    assert etag
    again = client.get(kk.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_cached_pages_are_compressed_and_vary_on_encoding(client, cached):
    kk, _ru = cached
    plain = client.get(kk.url)
    packed = client.get(kk.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"]
    # Both variants are kept: each is a hit from now on.
    assert state(client.get(kk.url, HTTP_ACCEPT_ENCODING="gzip")) == "hit"
    assert state(client.get(kk.url)) == "hit"


def test_signed_in_users_are_never_served_or_stored(admin_client, client, cached):
    kk, _ru = cached
    client.get(kk.url)  # an anonymous reader caches the page
    response = admin_client.get(kk.url)
    assert state(response) is None
    assert "private" in response["Cache-Control"]
    admin = admin_client.get("/admin/")
    assert "no-store" in admin["Cache-Control"] and admin.get("Content-Encoding") is None


def test_the_language_redirect_is_not_cached(client, cached):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302 and response["Location"] == "/ru/"
    assert "no-store" in response["Cache-Control"]
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="kk")["Location"] == "/kk/"


def test_restricted_pages_are_never_cached(client, cached):
    item = publish_news(news_index("kk"), "Жабық жаңалық")
    PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    form = client.get(item.url)
    assert form.status_code == 200  # the password form, with a CSRF token
    assert state(client.get(item.url)) != "hit"
    assert "private" in client.get(item.url)["Cache-Control"]


def test_errors_and_non_get_requests_are_not_cached(client, cached):
    for _ in range(2):
        assert state(client.get("/kk/no-such-page/")) != "hit"
    for _ in range(2):
        response = client.post("/kk/")
        assert state(response) != "hit"


def test_a_response_that_sets_a_cookie_is_not_cached(client, cached, settings):
    kk, _ru = cached
    from django.http import HttpResponse

    from core.caching.page_cache import response_is_cacheable

    response = HttpResponse("x")
    response.set_cookie("tracker", "1")

    class Request:
        META = {}

    assert not response_is_cacheable(Request(), response)
