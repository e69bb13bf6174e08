"""The home page's election at a glance says how many people and how many candidacies, in
each language with its plurals, and why the bodies' figures add up to more than the people;
every figure is the one the candidate directory itself gives (its list, its export)."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import ngettext

pytestmark = pytest.mark.django_db


def summary(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".home-election")


def directory_count(client, url):
    return client.get(url).context["candidates"].paginator.count


def exported(client, url):
    """The directory's JSON export of the list at `url` (same filters)."""
    parts = urlsplit(url)
    response = client.get(f"{parts.path}export.json?{parts.query}")
    assert response.status_code == 200
    return response.json()


def figures(section):
    def number(selector):
        return int("".join(ch for ch in section.select_one(selector).get_text() if ch.isdigit()))

    note = section.select_one(".home-election__note")
    return {
        "people": number(".home-election__people"),
        "candidacies": number(".home-election__candidacies"),
        "in_several_bodies": int(note.get_text().split()[0]) if note else 0,
        "bodies": [
            (int(a.select_one(".election-bodies__count").get_text()), a["href"])
            for a in section.select(".election-bodies a")
        ],
        "directory": section.select(":scope > p a")[-1]["href"],
    }


def assert_counted_as_the_directory_counts(client, section):
    shown = figures(section)
    export = exported(client, shown["directory"])
    assert shown["people"] == export["count"] == directory_count(client, shown["directory"])
    assert shown["candidacies"] == sum(
        len(person["candidacies"]) for person in export["candidates"]
    )
    assert shown["in_several_bodies"] == sum(
        1
        for person in export["candidates"]
        if len({candidacy["body"]["id"] for candidacy in person["candidacies"]}) > 1
    )
    for count, url in shown["bodies"]:
        assert count == directory_count(client, url) == exported(client, url)["count"], url
    return shown


@pytest.fixture
def two_bodies(site_structure):
    """The four people, and in the latest election (2027) a fifth who runs for a district
    and an oblast maslikhat: 2 people, 3 candidacies, in 2 bodies."""
    from candidates.models import Election
    from tests.candidates_factories import body, candidacy, candidate, four_people, region
    from tests.candidates_factories import translate as translate_candidate

    people = four_people()
    e2027 = Election.objects.get(pk=people.ids["e2027"])
    person = candidate(
        people.kk,
        "Екі мандатқа үміткер",
        [
            candidacy(election=e2027, district_number=2),
            candidacy(
                election=e2027,
                body=body("oblast-maslikhat"),
                region=region("KZ-10"),
                district_number=4,
            ),
        ],
    )
    translate_candidate(person, "Кандидат в два органа")
    return people


SENTENCES = {
    "kk": (
        "Сайлау 2027: Кәсіподақ қолдаған 2 кандидат, 3 кандидатура.",
        "1 кандидат бірнеше органға сайлауға түседі, сондықтан төменде әрқайсысында саналады.",
    ),
    "ru": (
        "Выборы 2027: 2 кандидата, поддержанных профсоюзами, 3 выдвижения.",
        "1 кандидат баллотируется более чем в один орган и поэтому учтён в каждом из них ниже.",
    ),
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_people_and_candidacies_are_stated_apart_and_counted_as_the_directory_counts(
    client, two_bodies, language
):
    section = summary(client, language)
    shown = assert_counted_as_the_directory_counts(client, section)
    assert (shown["people"], shown["candidacies"], shown["in_several_bodies"]) == (2, 3, 1)
    assert sorted(count for count, _url in shown["bodies"]) == [1, 2]
    totals, note = SENTENCES[language]
    assert " ".join(section.select_one(".home-election__totals").get_text().split()) == totals
    assert section.select_one(".home-election__note").get_text() == note


def test_no_word_of_several_bodies_when_nobody_runs_for_more_than_one(client, site_structure):
    from tests.candidates_factories import four_people

    four_people()  # in 2027, one person for one body
    for language in ("kk", "ru"):
        section = summary(client, language)
        assert section.select_one(".home-election__note") is None
        shown = assert_counted_as_the_directory_counts(client, section)
        assert (shown["people"], shown["candidacies"]) == (1, 1)


@pytest.mark.parametrize(
    "language,count,candidacies,runs",
    [
        ("ru", 1, "1 выдвижение", "1 кандидат баллотируется"),
        ("ru", 3, "3 выдвижения", "3 кандидата баллотируются"),
        ("ru", 5, "5 выдвижений", "5 кандидатов баллотируются"),
        ("ru", 21, "21 выдвижение", "21 кандидат баллотируется"),
        ("ru", 44, "44 выдвижения", "44 кандидата баллотируются"),
        ("kk", 1, "1 кандидатура", "1 кандидат бірнеше органға"),
        ("kk", 44, "44 кандидатура", "44 кандидат бірнеше органға"),
    ],
)
def test_the_counts_read_with_the_languages_plurals(language, count, candidacies, runs):
    with translation.override(language):
        assert (
            ngettext("%(counter)s candidacy", "%(counter)s candidacies", count) % {"counter": count}
            == candidacies
        )
        note = ngettext(
            "%(counter)s candidate runs for more than one body, so counts under each of them "
            "below.",
            "%(counter)s candidates run for more than one body, so count under each of them below.",
            count,
        ) % {"counter": count}
        assert note.startswith(runs)


def test_the_demo_elections_figures_are_the_directorys(client, site_structure):
    call_command("load_demo", stdout=StringIO())
    for language in ("kk", "ru"):
        shown = assert_counted_as_the_directory_counts(client, summary(client, language))
        # The demo's people, some of them in two bodies: the bodies add up to more.
        assert shown["candidacies"] > shown["people"]
        assert shown["in_several_bodies"] > 0
        assert sum(count for count, _url in shown["bodies"]) > shown["people"]
