"""Every indexable page has a meta description in its language: the editors' own, or one made
from the page's words, at most 160 characters and cut between words with "…"; no two
candidates' profiles share one."""

import pytest
from bs4 import BeautifulSoup

from core.descriptions import plain_text, summary
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db


def description_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    soup = BeautifulSoup(response.content, "html.parser")
    description = soup.select_one('meta[name="description"]')["content"]
    assert soup.select_one('meta[property="og:description"]')["content"] == description
    return description


def test_every_indexable_page_has_one_in_its_language(client, every_page_type):
    seen = {}
    for kind, (kk, ru) in every_page_type.items():
        for page in (kk, ru):
            description = description_of(client, page)
            assert description and len(description) <= 160, (kind, page.url, description)
            assert description == description.strip() and "  " not in description
            seen[(kind, page.locale.language_code)] = description
        assert seen[(kind, "kk")] != seen[(kind, "ru")], kind
    # Home and indexes had none; the indexes have no introduction in a new site.
    assert seen[("appeal index", "ru")].startswith("Обращения Федерации профсоюзов")
    assert seen[("news index", "kk")].startswith("Қазақстан Республикасы Кәсіподақтар")
    assert seen[("candidate directory", "ru")].startswith("Кандидаты, поддержанные")
    assert seen[("home", "ru")].startswith("Федерация профсоюзов Республики Казахстан публикует")


def test_a_long_text_is_cut_between_words_with_an_ellipsis(client, seed_appeal):
    for appeal in seed_appeal:
        paragraph = " ".join(plain_text(appeal.body[0].value.source).split())
        assert len(paragraph) > 160
        description = description_of(client, appeal)
        assert description.endswith("…") and len(description) <= 160
        kept = description.removesuffix("…")
        assert paragraph.startswith(kept)
        # The next character in the appeal ends the last word kept.
        assert not paragraph[len(kept)].isalnum(), (kept[-20:], paragraph[len(kept) :][:20])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Short enough.", "Short enough."),
        ("  Spaces\n and\tlines  ", "Spaces and lines"),
        ("a" * 160, "a" * 160),
        ("word " * 40, ("word " * 32).strip() + "…"),
        ("x" * 170, "x" * 159 + "…"),
        ("one, " * 40, ("one, " * 32).strip().rstrip(",") + "…"),
    ],
)
def test_summary_rules(text, expected):
    assert summary(text) == expected
    assert len(summary(text)) <= 160


def test_the_editors_search_description_wins(client, seed_appeal):
    kk, _ru = seed_appeal
    kk.search_description = "Федерацияның 2023 жылғы сайлау туралы үндеуі."
    kk.save_revision().publish()
    assert description_of(client, kk) == "Федерацияның 2023 жылғы сайлау туралы үндеуі."


def test_candidates_are_told_apart_by_name_body_and_district(client, site_structure):
    """Profiles made from the same template of words (same occupation and workplace, empty
    biographies) still get descriptions of their own."""
    kk_index, _ru_index = make.indexes()
    people = [
        make.candidate(
            kk_index,
            name,
            [make.candidacy(body=make.body(body), region=make.region("KZ-75"), district_number=n)],
            occupation="мұғалім",
            workplace="№ 12 мектеп",
        )
        for name, body, n in [
            ("Асанов Асан Асанұлы", "district-maslikhat", 3),
            ("Бекова Бибігүл Бекқызы", "district-maslikhat", 4),
            ("Сейітов Сейіт Сейітұлы", "city-maslikhat", 4),
        ]
    ]
    descriptions = [description_of(client, page) for page in people]
    assert len(set(descriptions)) == 3
    assert descriptions[0] == (
        "Асанов Асан Асанұлы. Кәсіподақ қолдаған кандидат: Аудандық (қалалық) мәслихат, "
        "Алматы қаласы, № 3 округ. Мұғалім, № 12 мектеп."
    )
    assert "Республикалық маңызы бар қаланың мәслихаты" in descriptions[2]
    russian = make.translate(people[1], "Бекова Бибигуль Бековна", {"мұғалім": "учитель"})
    assert description_of(client, russian).startswith(
        "Бекова Бибигуль Бековна. Кандидат, поддержанный профсоюзами: Районный (городской) "
        "маслихат, город Алматы, округ № 4. Учитель"
    )
