"""BREACH: a response that carries a CSRF token is never compressed, nor stored by the page
cache, on the Django this site runs (Django 4.1 renamed the flag `get_token()` sets from
CSRF_COOKIE_USED to CSRF_COOKIE_NEEDS_UPDATE; a guard reading the old name never fired)."""

import pytest
from wagtail.models import PageViewRestriction

from tests.news_factories import news_index, publish_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings, site_structure):
    settings.PAGE_CACHE_ENABLED = True


def assert_token_kept_private(client, url):
    for _ in range(2):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response.status_code == 200
        assert response.get("Content-Encoding") is None  # plain text: nothing to measure
        assert b'name="csrfmiddlewaretoken"' in response.content
        assert response.get("X-Page-Cache") != "hit"
        assert "no-store" in response["Cache-Control"]


def test_the_password_form_of_a_restricted_page_is_not_compressed(client, cached):
    item = publish_news(news_index("kk"), "Жабық жаңалық")
    PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert_token_kept_private(client, item.url)


@pytest.mark.urls("tests.urls_breach")
def test_any_public_page_with_a_form_that_posts_is_not_compressed(client, cached):
    assert_token_kept_private(client, "/kk/contact/")
    assert_token_kept_private(client, "/ru/contact/")


@pytest.mark.urls("tests.urls_breach")
def test_pages_without_a_token_are_still_compressed(client, cached):
    response = client.get("/kk/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
