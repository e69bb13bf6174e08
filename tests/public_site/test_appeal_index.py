"""The appeal index: every appeal with its kind, date and an excerpt of its own words,
newest first, under headings one level below the page's."""

import datetime

import pytest
from bs4 import BeautifulSoup

from appeals.models import AppealPage

pytestmark = pytest.mark.django_db

OPENING = "Қазақстан Республикасы Кәсіподақтар федерациясының үндеуі"


def add_appeal(index, number, date, first_paragraph, **fields):
    appeal = AppealPage(
        # Titles open with the same words, as the Federation's appeals do.
        title=f"{OPENING} №{number}",
        slug=f"undeu-{number}",
        number=str(number),
        date_adopted=date,
        body=[("paragraph", f"<p>{first_paragraph}</p>"), ("paragraph", "<p>Екінші абзац.</p>")],
        locale=index.locale,
        **fields,
    )
    index.add_child(instance=appeal)
    appeal.save_revision().publish()
    return appeal


@pytest.fixture
def appeals(seed_appeal):
    index = seed_appeal[0].get_parent()
    return [
        add_appeal(index, 10, datetime.date(2021, 5, 1), "Мерекемен құттықтаймыз!"),
        add_appeal(
            index,
            11,
            datetime.date(2024, 3, 8),
            "Еңбекшілердің жалақысы " + "және әлеуметтік кепілдіктері " * 12,
            adopting_body="Бас кеңес",
        ),
        add_appeal(
            index,
            12,
            datetime.date(2023, 1, 15),
            "Мәтін.",
            search_description="Редакторлар жазған сипаттама.",
        ),
    ]


def index_soup(client, index):
    response = client.get(index.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_newest_first_with_date_kind_and_excerpt(client, seed_appeal, appeals):
    index = seed_appeal[0].get_parent()
    soup = index_soup(client, index)
    cards = soup.select(".appeal-list .appeal-card")
    titles = [card.select_one(".appeal-card__title a").get_text() for card in cards]
    # By date adopted, newest first; the seed appeal has no date and comes last.
    assert titles == [
        f"{OPENING} №11",
        f"{OPENING} №12",
        f"{OPENING} №10",
        seed_appeal[0].title,
    ]
    dates = [card.select_one("time")["datetime"] for card in cards[:3]]
    assert dates == ["2024-03-08", "2023-01-15", "2021-05-01"]
    assert cards[0].select_one("time").get_text() == "2024 жылғы 8 наурыз"
    kinds = [card.select_one(".appeal-card__kind").get_text() for card in cards[:3]]
    assert kinds == ["Үндеу · Бас кеңес", "Үндеу", "Үндеу"]
    excerpts = [card.select_one(".appeal-card__excerpt").get_text() for card in cards]
    # The first paragraph cut between words with "…", the editors' description, or the
    # first paragraph whole when it is short: never the title's opening words again.
    assert excerpts[0].startswith("Еңбекшілердің жалақысы және") and excerpts[0].endswith("…")
    assert len(excerpts[0]) <= 160 and not excerpts[0][:-1].endswith(" ")
    assert excerpts[1] == "Редакторлар жазған сипаттама."
    assert excerpts[2] == "Мерекемен құттықтаймыз!"
    assert excerpts[3].startswith("2022 жылдан бастап")
    assert len(set(excerpts)) == 4
    assert not any(excerpt.startswith(OPENING[:20]) for excerpt in excerpts)


def test_russian_index_names_kind_and_date_in_russian(client, seed_appeal):
    ru = seed_appeal[1]
    soup = index_soup(client, ru.get_parent())
    card = soup.select_one(".appeal-card")
    assert card.select_one(".appeal-card__title a")["href"] == ru.url
    assert card.select_one(".appeal-card__kind").get_text().startswith("Обращение")
    assert card.select_one("time")["datetime"] == ru.listing_date().isoformat()
    assert card.select_one(".appeal-card__excerpt").get_text().startswith("Начиная с 2022 года")


def test_heading_levels_go_down_one_at_a_time(client, seed_appeal, appeals):
    """h1 for the page, h2 for each appeal (no level skipped inside the main content)."""
    soup = index_soup(client, seed_appeal[0].get_parent())
    levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert levels == [1, 2, 2, 2, 2]
