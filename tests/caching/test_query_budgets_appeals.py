"""Warm requests of home, appeal index and appeal page stay within their query budgets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appeals.models import AppealPage

pytestmark = pytest.mark.django_db

BUDGET = 10


def warm_queries(client, url):
    assert client.get(url).status_code == 200  # warm: site root paths, locales
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_appeals(index, count, start=0):
    for number in range(start, start + count):
        appeal = AppealPage(
            title=f"Үндеу {number}",
            slug=f"undeu-{number}",
            number=str(1000 + number),
            body=[("paragraph", "<p>Мәтін</p>")],
            locale=index.locale,
        )
        index.add_child(instance=appeal)
        appeal.save_revision().publish()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_pages_stay_within_budget(client, seed_appeal, language):
    appeal = seed_appeal[0] if language == "kk" else seed_appeal[1]
    for url in (f"/{language}/", appeal.get_parent().url, appeal.url):
        assert warm_queries(client, url) <= BUDGET, url


def test_index_queries_do_not_grow_with_the_number_of_appeals(client, seed_appeal):
    index = seed_appeal[0].get_parent().specific
    add_appeals(index, 2)
    assert AppealPage.objects.child_of(index).live().count() == 3
    with_three = warm_queries(client, index.url)
    add_appeals(index, 27, start=2)
    assert AppealPage.objects.child_of(index).live().count() == 30
    with_thirty = warm_queries(client, index.url)
    assert with_thirty == with_three <= BUDGET
