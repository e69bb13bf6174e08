"""Russian search understands Russian word endings on every database (SQLite for `make run`
as PostgreSQL): an inflected word finds every page its other forms find, in the public
search and the admin's page search, and never a page of the other language."""

import pytest
from bs4 import BeautifulSoup

from core.search import russian
from core.search.stems import word_stems
from tests.editorial_helpers import login
from tests.news_factories import news_index, publish_news

pytestmark = pytest.mark.django_db


def titles(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".search-results__title a")]


@pytest.mark.parametrize(
    "forms",
    [
        ("профсоюз", "профсоюзы", "профсоюзам", "профсоюзов", "профсоюзами", "Профсоюзе"),
        ("выборы", "выборам", "выборах", "выборов"),
        ("федерация", "федерации", "федерацией", "федерацию"),
        ("всё", "все"),  # ё read as е
    ],
)
def test_word_forms_share_one_stem(forms):
    stems = {russian.stems(form) or (form.lower(),) for form in forms}
    assert len(stems) == 1, stems


def test_short_stems_and_kazakh_words_are_not_given_russian_stems():
    assert russian.stems("она") == ()  # "он": too short to match on its own
    assert russian.stems("ж" * 500) == ()
    # A word with a letter Russian does not have is Kazakh: only its Kazakh stems.
    assert russian.stems("кәсіподақтары") == ("кәсіподақтар",)
    assert "кәсіподақтар" not in word_stems("кәсіподақтары")
    assert "кәсіподақ" in word_stems("кәсіподақтары")


def test_every_form_finds_every_page_a_form_finds(client, site_structure):
    index = news_index("ru")
    union_pages = {
        "Съезд": "Профсоюзы собрались на съезд.",
        "Письмо": "Письмо направлено профсоюзам отрасли.",
        "Совещание": "Совещание председателей профсоюзов.",
        "Профсоюз года": "Награда вручена.",
    }
    election_pages = {
        "Итоги": "Выборы прошли спокойно.",
        "Подготовка": "Федерация готовится к выборам.",
        "Наблюдатели": "Наблюдатели на выборах.",
    }
    for title, lead in {**union_pages, **election_pages, "Другое": "О труде."}.items():
        publish_news(index, title, lead=lead)

    for forms, expected in (
        (("профсоюз", "профсоюзам", "профсоюзы", "профсоюзов", "профсоюзами"), union_pages),
        (("выборы", "выборам", "выборах", "выборов", "выборами"), election_pages),
    ):
        for form in forms:
            found = set(titles(client, "ru", form))
            assert found == set(expected), form
    # Two words: both must be there, each in any of its forms.
    assert titles(client, "ru", "профсоюзам письма") == ["Письмо"]


def test_a_russian_form_never_brings_a_page_of_the_other_language(client, site_structure):
    publish_news(news_index("ru"), "Профсоюзы собрались", lead="Съезд профсоюзов.")
    publish_news(news_index("kk"), "Съезд", lead="Профсоюзы — кәсіподақтар.")
    assert titles(client, "ru", "профсоюзам") == ["Профсоюзы собрались"]
    assert titles(client, "kk", "профсоюзы") == ["Съезд"]
    assert "Профсоюзы собрались" not in titles(client, "kk", "профсоюзам")


def test_the_admin_page_search_finds_pages_by_an_inflected_russian_word(
    client, users, site_structure
):
    publish_news(news_index("ru"), "Профсоюзы на выборах", lead="Новость.")
    login(client, users["editor"])
    for query in ("профсоюзам", "выборам", "профсоюзов"):
        response = client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        assert "Профсоюзы на выборах" in response.content.decode(), query
