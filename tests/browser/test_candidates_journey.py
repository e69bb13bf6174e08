"""A reader filters the Russian directory by region, opens a profile, switches to Kazakh and
lands on the same person; a region of the map opens the directory filtered to it (by keyboard and
by mouse); axe finds nothing on the directory (also filtered, and with a rejected filter, whose
message describes its field), its map and the profile in either language."""

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

    page.get_by_text("Поиск кандидатов", exact=True).click()  # the filters are folded
    page.get_by_role("combobox", name="Регион").select_option(label="область Абай")
    page.get_by_role("button", name="Показать кандидатов").click()
    expect(page).to_have_url(re.compile(r"\?.*region=\d+"))
    expect(page.get_by_role("heading", level=2, name="Найден 1 кандидат")).to_be_visible()
    expect(page.get_by_role("combobox", name="Регион")).to_have_value(str(make.region("KZ-10").pk))

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
    filtered = f"{index.url}?region={region}&status=elected"
    # A value no region has: the field is marked invalid and described by its message.
    rejected = f"{index.url}?region=999999"
    for url in (index.url, filtered, rejected, person.url):
        page.goto(live_server.url + url)
        assert_no_axe_violations(page)
        if url == rejected:
            # What a screen reader says with the field is the message shown under it.
            region_field = page.locator("#id_region")
            expect(region_field).to_have_attribute("aria-invalid", "true")
            expect(region_field).to_have_accessible_description(re.compile("999999"))


def test_a_region_on_the_map_opens_the_directory_filtered_to_it(page: Page, live_server, directory):
    page.goto(live_server.url + directory.ru.url)
    regions = page.get_by_role("group", name="Кандидаты по регионам").get_by_role("link")
    expect(regions).to_have_count(20)
    abay = regions.filter(has_text="область Абай: 1 кандидат")
    expect(abay).to_have_attribute("href", f"{directory.ru.url}?region={make.region('KZ-10').pk}")

    # By keyboard: the region focused is outlined in the focus colour, and Enter follows it.
    regions.first.focus()
    page.keyboard.press("Tab")
    focused = page.locator(".candidate-map__svg a:focus-visible")
    expect(focused).to_have_count(1)
    stroke = focused.locator("path").evaluate("path => getComputedStyle(path).stroke")
    assert stroke == "rgb(179, 89, 0)"
    target = focused.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + target)

    # By mouse: the marker of the city of Almaty.
    page.goto(live_server.url + directory.ru.url)
    regions.filter(has_text="город Алматы: 1 кандидат").locator("circle").click()
    expect(page).to_have_url(re.compile(rf"\?region={make.region('KZ-75').pk}$"))
    expect(page.get_by_role("heading", level=2, name="Найден 1 кандидат")).to_be_visible()
    expect(page.get_by_role("link", name="Нурланов Нурлан Канатович")).to_be_visible()

    # The same counts as a table.
    page.get_by_text("Те же числа в виде таблицы").click()
    row = page.get_by_role("table", name="Кандидаты по регионам").get_by_role(
        "row", name="область Абай"
    )
    expect(row).to_contain_text("1")
    assert_no_axe_violations(page)
