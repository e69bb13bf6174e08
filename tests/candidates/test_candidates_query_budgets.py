"""Query budgets on warm requests: the directory (any filters) ≤ 6 queries whether it holds 30
or 500 candidates (two more for a page number past the end), a profile ≤ 10, the exports
constant too."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import Candidacy, ElectoralBody, MemberUnion, Region
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db

DIRECTORY_BUDGET = 6
PROFILE_BUDGET = 10


def warm_queries(client, url):
    assert client.get(url).status_code == 200  # cold: renditions are made, caches filled
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def filter_queries():
    """Filter combinations; each matches candidate 0 of `many_candidates` (so none is empty)."""
    election = make.election()
    body = ElectoralBody.objects.get(code="oblast-maslikhat")
    region = Region.objects.filter(kind=Region.Kind.OBLAST).first()
    union = MemberUnion.objects.get(code="energy")
    return [
        "",
        "?page=2",
        f"?election={election.pk}",
        f"?body={body.pk}",
        f"?region={region.pk}",
        f"?union={union.pk}",
        "?nomination=self-nominated",
        "?status=nominated",
        "?q=Кандидат",
        f"?region={region.pk}&status=nominated&page=2",
        f"?election={election.pk}&body={body.pk}&region={region.pk}&union={union.pk}"
        "&nomination=self-nominated&status=nominated&q=0000",
        "?region=999999",  # an invalid value
        "?page=99",  # past the end: the last page (core/paging.py counts on its own then)
    ]


def test_directory_stays_within_budget_and_does_not_grow_with_candidates(
    client, site_structure, caches_off
):
    kk, ru = make.indexes()
    photos = [make.photo("#00507f"), make.photo("#1d6b44"), make.photo("#8a4b08")]
    make.many_candidates(kk, 30, photos=photos)
    queries = filter_queries()
    with_30 = {query: warm_queries(client, kk.url + query) for query in queries}

    make.many_candidates(kk, 470, start=30, photos=photos)
    assert Candidacy.objects.filter(page__locale=kk.locale).count() == 500
    with_500 = {query: warm_queries(client, kk.url + query) for query in queries}

    assert with_500 == with_30
    # Page numbers past the end (the filtered one has fewer than 25 people): the page asked
    # for (empty), the count, then the last page.
    past_the_end = [query for query in queries if "page=" in query and query != "?page=2"]
    assert max(with_500.pop(query) for query in past_the_end) <= DIRECTORY_BUDGET + 2
    assert max(with_500.values()) <= DIRECTORY_BUDGET, with_500
    # Russian directory: same budget (empty here, so it proves the base cost only).
    assert warm_queries(client, ru.url) <= DIRECTORY_BUDGET


def test_exports_do_not_grow_with_candidates(client, site_structure):
    kk, _ru = make.indexes()
    make.many_candidates(kk, 10)
    urls = [kk.url + "export.csv", kk.url + "export.json?status=elected"]
    with_10 = [warm_queries(client, url) for url in urls]
    make.many_candidates(kk, 190, start=10)
    assert [warm_queries(client, url) for url in urls] == with_10


def test_profile_stays_within_budget(client, site_structure):
    kk, _ru = make.indexes()
    page = make.candidate(
        kk,
        "Ахметов Ерлан Серікұлы",
        [
            make.party_list(make.party(), 1),
            make.candidacy(district_number=4),
            make.candidacy(body=make.body("city-maslikhat"), district_number=2),
        ],
        union=make.union(),
        photo=make.photo(),
        biography="<p>Өмірбаян.</p>",
        priorities=[("priority", "Бір"), ("priority", "Екі")],
    )
    ru = make.translate(page, "Ахметов Ерлан Серикович")
    assert warm_queries(client, page.url) <= PROFILE_BUDGET
    assert warm_queries(client, ru.url) <= PROFILE_BUDGET
