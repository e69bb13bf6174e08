"""Page URLs worked out once per request (core/site/page_urls.py) are Wagtail's own, for every
page of both languages asked in one request, in either order, and for a page whose path
Wagtail's reverse would not give back as it is (left to Wagtail)."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page

from core.site.page_urls import page_url
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db


def wagtails(page, request):
    return Page.get_url_parts(page, request)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_page_has_wagtails_url_in_one_request(site_structure, language):
    kk, _ru = make.indexes()
    make.many_candidates(kk, 3)
    pages = [page.specific for page in Page.objects.filter(depth__gte=2).order_by("path")]
    assert len({page.locale_id for page in pages}) == 2
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    with translation.override(language):
        for page in pages + pages[::-1]:  # the second pass reuses the prefixes
            assert page.get_url_parts(request) == wagtails(page, request), page.url_path
            assert page_url(page, request) == page.url
    assert request._page_url_prefixes  # the prefixes were kept, so the second pass used them


def test_a_path_the_reverse_would_change_is_left_to_wagtail(site_structure):
    kk, _ru = make.indexes()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert kk.get_url_parts(request) == wagtails(kk, request)  # the prefix is known now
    kk.url_path = kk.url_path.rstrip("/") + "-ü/"  # not plain ASCII: quoted by the reverse
    assert kk.get_url_parts(request) == wagtails(kk, request)
    assert kk.get_url_parts(request)[2].endswith("-%C3%BC/")
