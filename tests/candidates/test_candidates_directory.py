"""The directory: each filter and their combinations give the same people in /kk/ and /ru/."""

import re

import pytest

from candidates.models import ElectoralBody
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_structure):
    return make.four_people()


def found(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    return response


def keys_of(response):
    return {candidate.translation_key for candidate in response.context["candidates"]}


def who(people, *names):
    return {people.keys[name] for name in names}


FILTERS = [
    ("election={e2023}", ["ahmetov", "sarsenova", "nurlanov"]),
    ("election={e2027}", ["ospanov"]),
    ("body={mazhilis}", ["ahmetov"]),
    ("body={oblast-maslikhat}", ["sarsenova"]),
    ("body={city-maslikhat}", ["nurlanov"]),
    ("body={district-maslikhat}", ["nurlanov", "ospanov"]),
    ("region={KZ-10}", ["sarsenova", "ospanov"]),
    ("region={KZ-75}", ["nurlanov"]),
    ("region={KZ-71}", []),
    ("union={energy}", ["ahmetov", "nurlanov"]),
    ("union={health}", ["sarsenova"]),
    ("nomination=party-list", ["ahmetov", "nurlanov"]),
    ("nomination=party-district", ["nurlanov"]),
    ("nomination=public-association", ["ospanov"]),
    ("nomination=self-nominated", ["sarsenova"]),
    ("status=elected", ["ahmetov", "nurlanov"]),
    ("status=registered", ["sarsenova"]),
    ("status=withdrawn", ["ospanov"]),
    ("status=refused", []),
    # Combinations: candidacy filters must hold for one and the same candidacy.
    ("region={KZ-75}&status=elected", ["nurlanov"]),
    ("body={city-maslikhat}&status=elected", []),
    ("body={city-maslikhat}&status=not-elected", ["nurlanov"]),
    ("region={KZ-10}&election={e2023}", ["sarsenova"]),
    ("union={energy}&body={mazhilis}", ["ahmetov"]),
    ("union={energy}&nomination=party-list&status=elected", ["ahmetov"]),
    (
        "election={e2023}&body={district-maslikhat}&region={KZ-75}&union={energy}"
        "&nomination=party-district&status=elected",
        ["nurlanov"],
    ),
    ("", ["ahmetov", "sarsenova", "nurlanov", "ospanov"]),
]


def test_each_filter_and_combination_gives_the_same_people_in_both_languages(client, people):
    # One test for all cases: building the people (with real translations) is the slow part.
    for query, expected in FILTERS:
        url_query = "?" + query.format(**people.ids) if query else ""
        in_kk = keys_of(found(client, people.kk, url_query))
        in_ru = keys_of(found(client, people.ru, url_query))
        assert in_kk == who(people, *expected), f"kk: {query}"
        assert in_ru == who(people, *expected), f"ru: {query}"


NAME_SEARCHES = [
    ("kk", "Нұрлан", ["nurlanov"]),
    ("kk", "нұрлан", ["nurlanov"]),
    ("kk", "нурлан", ["nurlanov"]),  # typed without Kazakh letters
    ("ru", "Нурлан", ["nurlanov"]),
    ("ru", "НУРЛАН", ["nurlanov"]),
    ("kk", "ерлан ахметов", ["ahmetov"]),  # words in any order
    ("ru", "Серик", ["ospanov", "ahmetov"]),  # the name and a patronymic
    ("ru", "Серикович", ["ahmetov"]),
    ("kk", "Серікұлы", ["ahmetov"]),
    ("ru", "Серікұлы", []),  # the Kazakh spelling is not the Russian page's name
    ("kk", "ова", ["sarsenova"]),
    ("kk", "Иванов", []),
    ("ru", "(", []),  # regular expression characters are taken literally
]


def test_name_search_matches_the_name_in_the_page_language(client, people):
    for language, query, expected in NAME_SEARCHES:
        response = client.get(getattr(people, language).url, {"q": query})
        assert keys_of(response) == who(people, *expected), f"{language}: {query}"


def test_name_search_combines_with_filters(client, people):
    response = client.get(people.ru.url, {"q": "ов", "union": people.ids["energy"]})
    assert keys_of(response) == who(people, "ahmetov", "nurlanov")


def test_the_reader_sees_names_count_and_reference_data_in_their_language(client, people):
    ru = found(client, people.ru, f"?region={people.ids['KZ-10']}").content.decode()
    assert "Найдено 2 кандидата" in ru
    assert "Сарсенова Айгуль Болатовна" in ru and "Оспанов Серик Маратович" in ru
    assert "Областной маслихат" in ru and "область Абай" in ru
    assert "Сәрсенова" not in ru and "Абай облысы" not in ru
    kk = found(client, people.kk, f"?region={people.ids['KZ-10']}").content.decode()
    assert "2 кандидат табылды" in kk
    assert "Абай облысы" in kk and "Облыстық мәслихат" in kk


def test_the_filter_form_works_without_javascript_and_labels_every_field(client, people):
    html = found(client, people.ru).content.decode()
    form = re.search(r'<form class="candidate-filter"[^>]*>(.*?)</form>', html, re.S)
    assert form and 'method="get"' in form.group(0)
    assert '<button type="submit">' in form.group(1)
    fields = re.findall(r'<(?:select|input)[^>]* id="([^"]+)"', form.group(1))
    assert set(fields) == {"id_q", "id_election", "id_body", "id_region", "id_union"} | {
        "id_nomination",
        "id_status",
    }
    for field_id in fields:
        assert f'<label for="{field_id}">' in form.group(1)
    assert "Все регионы" in form.group(1) and "город Астана" in form.group(1)


def test_an_unknown_filter_value_is_reported_and_ignored(client, people):
    response = client.get(people.ru.url, {"region": "999999", "status": "elected"})
    assert response.status_code == 200
    assert keys_of(response) == who(people, "ahmetov", "nurlanov")
    html = response.content.decode()
    select = re.search(r'<select name="region"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in select
    # The message a screen reader reads with the field is the one shown under it.
    described_by = re.search(r'aria-describedby="([^"]+)"', select).group(1)
    error = re.search(rf'<p class="candidate-filter__error" id="{described_by}">([^<]+)</p>', html)
    assert error and "999999" in error.group(1)


def test_24_per_page_with_pagination_that_keeps_the_filters(client, site_structure, caches_off):
    """Reads each render's context (caches_off)."""
    kk_index, _ru = make.indexes()
    make.many_candidates(kk_index, 40)
    district = ElectoralBody.objects.get(code="district-maslikhat").pk
    everyone = client.get(kk_index.url)
    assert len(everyone.context["candidates"]) == 24
    assert everyone.context["candidates"].paginator.count == 40
    html = client.get(kk_index.url, {"body": district}).content.decode()
    pagination = re.search(r'<nav class="pagination"[^>]*>.*?</nav>', html, re.S).group(0)
    assert 'aria-label="' in pagination and 'aria-current="page"' in pagination
    page_two = re.search(r'href="\?([^"]*page=2)"', pagination).group(1).replace("&amp;", "&")
    assert page_two == f"body={district}&page=2"
    second = client.get(kk_index.url + "?" + page_two)
    assert second.context["candidates"].number == 2
    first_page = {c.pk for c in client.get(kk_index.url, {"body": district}).context["candidates"]}
    assert first_page.isdisjoint({c.pk for c in second.context["candidates"]})
