"""Listings read a page and its count in one query (core/paging.py), with Django's paginator's
answers: the same rows, count and page numbers, the last page for a number past the end, the
first for a number that is not one, and an empty first page for an empty listing."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import CandidatePage
from core.paging import ListingPaginator
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(site_structure):
    kk, _ru = make.indexes()
    make.many_candidates(kk, 30)
    return kk


def listing(directory, values=False):
    pages = CandidatePage.objects.child_of(directory).live().order_by("title", "pk")
    return pages.values_list("pk", "title") if values else pages


def answers(page):
    rows = [row if isinstance(row, tuple) else (row.pk, row.title) for row in page]
    return rows, page.number, page.paginator.count, page.paginator.num_pages


@pytest.mark.parametrize("values", [False, True], ids=["pages", "rows"])
@pytest.mark.parametrize("number", [None, "", "1", "2", "3", "4", "99", "x", "0", "-1", "2.5"])
def test_same_pages_as_djangos_paginator(directory, values, number):
    ours = ListingPaginator(listing(directory, values), 12).get_page(number)
    django = Paginator(listing(directory, values), 12).get_page(number)
    assert answers(ours) == answers(django)
    last = number in ("3", "4", "99", "0", "-1")  # past either end: the last page
    assert len(answers(ours)[0]) == (6 if last else 12)


def test_a_page_and_its_count_in_one_query(directory):
    with CaptureQueriesContext(connection) as queries:
        page = ListingPaginator(listing(directory, values=True), 12).get_page("2")
        assert (page.paginator.count, page.paginator.num_pages, len(page)) == (30, 3, 12)
        assert page.has_next() and page.has_previous()
    assert len(queries) == 1
    assert page.object_list[0] == tuple(listing(directory, values=True)[12])


def test_an_empty_listing_has_an_empty_first_page(directory):
    empty = listing(directory).filter(title="nobody")
    for number in ["1", "2"]:
        page = ListingPaginator(empty, 12).get_page(number)
        assert (page.number, page.paginator.count, list(page)) == (1, 0, [])
