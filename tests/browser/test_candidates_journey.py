"""A reader filters the Russian directory by region, opens a profile, switches to Kazakh and
lands on the same person; axe finds nothing on the directory and the profile in either language."""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect

from candidates.models import Candidacy
from core.site.setup import ensure_site_structure
from tests import candidates_factories as make
from tests.axe import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def directory(live_server):
    ensure_site_structure()
    kk_index, ru_index = make.indexes()
    alpha = make.party()
    people = [
        (
            "Сәрсенова Айгүл Болатқызы",
            "Сарсенова Айгуль Болатовна",
            [
                make.candidacy(
                    body=make.body("oblast-maslikhat"),
                    region=make.region("KZ-10"),
                    district_number=3,
                    status=Candidacy.Status.ELECTED,
                    source_url="https://example.org/decision/3",
                    source_date="2023-02-10",
                )
            ],
        ),
        (
            "Ахметов Ерлан Серікұлы",
            "Ахметов Ерлан Серикович",
            [make.party_list(alpha, 1)],
        ),
        (
            "Нұрланов Нұрлан Қанатұлы",
            "Нурланов Нурлан Канатович",
            [make.candidacy(region=make.region("KZ-75"), district_number=5)],
        ),
    ]
    pages = {}
    for kk_name, ru_name, candidacies in people:
        page = make.candidate(
            kk_index,
            kk_name,
            candidacies,
            union=make.union(),
            photo=make.photo(),
            photo_credit="Сурет: баспасөз қызметі",
            birth_year=1980,
            biography="<p>Өмірбаяны.</p>",
            priorities=[("priority", "Еңбек қауіпсіздігі")],
        )
        ru = make.translate(
            page,
            ru_name,
            {
                "Сурет: баспасөз қызметі": "Фото: пресс-служба",
                "Өмірбаяны.": "Биография.",
                "Еңбек қауіпсіздігі": "Безопасность труда",
            },
        )
        pages[kk_name] = SimpleNamespace(kk=page, ru=ru)
    return SimpleNamespace(kk=kk_index, ru=ru_index, people=pages)


def test_filter_russian_directory_open_a_profile_and_switch_to_kazakh(
    page: Page, live_server, directory
):
    person = directory.people["Сәрсенова Айгүл Болатқызы"]
    page.goto(live_server.url + directory.ru.url)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator(".candidate-card")).to_have_count(3)

    page.get_by_label("Регион").select_option(label="область Абай")
    page.get_by_role("button", name="Показать кандидатов").click()
    expect(page).to_have_url(re.compile(r"\?.*region=\d+"))
    expect(page.get_by_role("heading", level=2, name="Найден 1 кандидат")).to_be_visible()
    expect(page.get_by_label("Регион")).to_have_value(str(make.region("KZ-10").pk))

    page.get_by_role("link", name="Сарсенова Айгуль Болатовна").click()
    expect(page).to_have_url(live_server.url + person.ru.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Сарсенова Айгуль Болатовна")
    expect(page.locator("table.candidacies")).to_contain_text("область Абай")

    page.locator(".language-switcher").get_by_role("link", name="Қазақша").click()
    expect(page).to_have_url(live_server.url + person.kk.url)
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Сәрсенова Айгүл Болатқызы")
    expect(page.locator("table.candidacies")).to_contain_text("Абай облысы")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_axe_violations_on_directory_and_profile(page: Page, live_server, directory, language):
    index = getattr(directory, language)
    person = getattr(directory.people["Сәрсенова Айгүл Болатқызы"], language)
    region = make.region("KZ-10").pk
    for url in (index.url, f"{index.url}?region={region}&status=elected", person.url):
        page.goto(live_server.url + url)
        assert_no_axe_violations(page)
