"""What a search result shows: its kind and date in the reader's language, and a snippet of
its text with the reader's words marked in whatever form the text has them, cut at word
boundaries with an ellipsis; the snippet follows the query while the cards are kept."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.search.snippets import snippet
from tests.news_factories import news_index, publish_news

pytestmark = pytest.mark.django_db

LETTER = re.compile(r"[^\W\d_]")


def results(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select(".search-results > li")


def filler(words, count):
    return " ".join(words[i % len(words)] for i in range(count))


RU_BEFORE = filler(["слово", "текст", "строка", "абзац", "пример"], 40)
RU_AFTER = filler(["далее", "снова", "потом", "опять"], 40)
KK_BEFORE = filler(["сөз", "мәтін", "жол", "азат", "мысал"], 40)
KK_AFTER = filler(["әрі", "қайта", "кейін", "тағы"], 40)
LONG = {
    "ru": (f"{RU_BEFORE}. Наши профсоюзы требуют повышения зарплаты. {RU_AFTER}", "профсоюзам"),
    "kk": (
        f"{KK_BEFORE}. Біздің кәсіподақтарымыз жалақыны талап етеді. {KK_AFTER}",
        "кәсіподақтарға",
    ),
}
MARKED = {"ru": "профсоюзы", "kk": "кәсіподақтарымыз"}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_snippet_marks_the_readers_word_in_another_form_cut_at_word_boundaries(
    client, site_structure, language
):
    text, query = LONG[language]
    publish_news(
        news_index(language), "Хабар", lead="Қысқа.", body=[("paragraph", f"<p>{text}</p>")]
    )
    [result] = results(client, language, query)
    shown = result.select_one(".search-results__snippet")
    assert [mark.get_text() for mark in shown.select("mark")] == [MARKED[language]]
    quoted = shown.get_text()
    # Cut on both sides, with an ellipsis, and starting at the sentence the word is in.
    assert quoted.startswith("…Наши" if language == "ru" else "…Біздің")
    assert quoted.endswith("…")
    # What is between the ellipses is the page's own text, whole words at both ends.
    inner = quoted.strip("…")
    full = f"Қысқа. {text}"
    at = full.index(inner)
    end = at + len(inner)
    assert not LETTER.match(full[at - 1]) and not LETTER.match(full[end : end + 1] or " ")
    assert len(inner.split()) <= 30


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_result_shows_its_kind_and_date_in_the_readers_language(client, seed_appeal, language):
    from appeals.models import AppealPage
    from tests.candidates_factories import four_people

    four_people()
    AppealPage.objects.filter(number="677").update(date_adopted=datetime.date(2023, 2, 15))
    publish_news(news_index(language), "Ақпарат", date=datetime.date(2023, 3, 1))
    expected = {
        "kk": [
            ("Ақпарат", "Жаңалық", "2023 жылғы 1 наурыз", "2023-03-01"),
            ("Ахметов", "Кандидат", "2023 жылғы 19 наурыз", "2023-03-19"),
            ("Оспанов", "Кандидат", "2027 жылғы 21 наурыз", "2027-03-21"),
            ("ҮНДЕУІ", "Үндеу", "2023 жылғы 15 ақпан", "2023-02-15"),
        ],
        "ru": [
            ("Ақпарат", "Новость", "1 марта 2023 г.", "2023-03-01"),
            ("Ахметов", "Кандидат", "19 марта 2023 г.", "2023-03-19"),
            ("Оспанов", "Кандидат", "21 марта 2027 г.", "2027-03-21"),
            ("ОБРАЩЕНИЕ", "Обращение", "15 февраля 2023 г.", "2023-02-15"),
        ],
    }
    for query, kind, date, iso in expected[language]:
        found = results(client, language, query)
        assert found, query
        meta = found[0].select_one(".search-results__meta")
        assert meta.select_one(".search-results__kind").get_text() == kind, query
        assert meta.time.get_text() == date and meta.time["datetime"] == iso, query


def test_snippets_follow_the_query_while_the_pages_text_is_kept(client, site_structure):
    page = publish_news(
        news_index("ru"),
        "Профсоюзы на выборах",
        lead="Профсоюзы готовятся к выборам.",
        body=[("paragraph", "<p>Выборы пройдут весной; профсоюзов в стране много.</p>")],
    )
    [first] = results(client, "ru", "выборы")
    assert [m.get_text() for m in first.select(".search-results__snippet mark")] == [
        "выборам",
        "Выборы",
    ]
    # Another query over the same page: its card and text are kept, the snippet is new.
    with CaptureQueriesContext(connection) as queries:
        [second] = results(client, "ru", "профсоюзам")
    assert [m.get_text() for m in second.select(".search-results__snippet mark")] == [
        "Профсоюзы",
        "профсоюзов",
    ]
    assert first.select_one(".search-results__meta") == second.select_one(".search-results__meta")
    assert not [q for q in queries if "news_newspage" in q["sql"]], "the page was loaded again"
    assert second.a["href"] == page.url


def test_a_snippet_is_escaped_and_quotes_the_opening_when_only_the_title_matches():
    text = "Он сказал: <script>alert(1)</script> & ушёл. " + filler(["ещё"], 40)
    html = snippet(text, "заголовок")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert html.startswith("Он сказал") and html.endswith("ещё…")
    assert "<mark>" not in html
    assert snippet("", "слово") == ""
