"""404 and 500 pages answer in the language of the URL they were asked for."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

NOT_FOUND = {"kk": "Бет табылмады", "ru": "Страница не найдена"}
SERVER_ERROR = {"kk": "Сервер қатесі", "ru": "Ошибка сервера"}


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("path", ["no-such-page/", "deeper/still/missing/"])
def test_missing_page_answers_in_the_urls_language(client, site_structure, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text() == NOT_FOUND[language]
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    home = soup.select_one("main a")["href"]
    assert home == f"/{language}/"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_missing_page_inside_a_section_answers_in_its_language(client, site_structure, language):
    from tests.news_factories import news_index

    response = client.get(news_index(language).url + "no-such-news/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text() == NOT_FOUND[language]


def test_the_visitors_language_does_not_override_the_url(client, site_structure):
    client.cookies["django_language"] = "kk"
    response = client.get("/ru/no-such-page/", HTTP_ACCEPT_LANGUAGE="kk")
    assert NOT_FOUND["ru"] in response.content.decode()


@pytest.mark.urls("tests.urls_errors")
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_server_error_answers_in_the_urls_language(client, site_structure, language):
    client.raise_request_exception = False
    response = client.get(f"/{language}/broken/")
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text() == SERVER_ERROR[language]
    assert soup.select_one("main a")["href"] == f"/{language}/"
