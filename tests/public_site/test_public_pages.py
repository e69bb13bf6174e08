"""Public pages in both languages: lang, hreflang, canonical and the language switcher."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup_of(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def alternates(soup):
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def switcher(soup):
    nav = soup.select_one("nav.language-switcher")
    return {a["lang"]: a["href"] for a in nav.select("a")}


def pairs(seed_appeal):
    kk, ru = seed_appeal
    return [
        (kk.get_parent().get_parent(), ru.get_parent().get_parent()),
        (kk.get_parent(), ru.get_parent()),
        (kk, ru),
    ]


def test_every_page_type_in_both_languages(client, seed_appeal):
    for kk, ru in pairs(seed_appeal):
        for page, lang, other in ((kk, "kk", ru), (ru, "ru", kk)):
            soup = soup_of(client, page.url)
            assert soup.html["lang"] == lang
            assert (
                soup.select_one('link[rel="canonical"]')["href"] == f"http://testserver{page.url}"
            )
            assert alternates(soup) == {
                "kk": f"http://testserver{kk.url}",
                "ru": f"http://testserver{ru.url}",
                "x-default": f"http://testserver{kk.url}",
            }
            other_lang = "ru" if lang == "kk" else "kk"
            assert switcher(soup) == {other_lang: other.url}
            assert soup.select_one('nav.language-switcher [aria-current="true"]')["lang"] == lang


def test_urls_are_prefixed_by_language(seed_appeal):
    kk, ru = seed_appeal
    assert kk.url.startswith("/kk/undeuler/")
    assert ru.url.startswith("/ru/obrashcheniya/")


def test_switcher_falls_back_to_the_other_home_when_no_translation(client, seed_appeal):
    kk, ru = seed_appeal
    ru.unpublish()
    soup = soup_of(client, kk.url)
    assert switcher(soup) == {"ru": "/ru/"}
    # Only the existing translation is announced.
    assert set(alternates(soup)) == {"kk", "x-default"}


@pytest.mark.parametrize(
    ("headers", "target"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9"}, "/ru/"),
        ({"HTTP_ACCEPT_LANGUAGE": "kk"}, "/kk/"),
        ({"HTTP_ACCEPT_LANGUAGE": "de"}, "/kk/"),
        ({}, "/kk/"),
    ],
)
def test_root_redirects_by_accept_language(client, site_structure, headers, target):
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target


def test_root_redirect_prefers_the_language_cookie(client, site_structure):
    client.cookies["django_language"] = "ru"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="kk")
    assert response["Location"] == "/ru/"


def test_appeal_page_has_a_print_stylesheet(client, seed_appeal):
    soup = soup_of(client, seed_appeal[0].url)
    assert soup.select_one('link[rel="stylesheet"][media="print"]')["href"].endswith("print.css")


def test_homes_are_real_pages_not_aliases(site_structure):
    from home.models import HomePage

    homes = HomePage.objects.all()
    assert sorted(h.locale.language_code for h in homes) == ["kk", "ru"]
    assert all(h.alias_of_id is None and h.live for h in homes)
    assert len({h.translation_key for h in homes}) == 1


def test_interface_is_translated(client, seed_appeal):
    kk = soup_of(client, "/kk/")
    ru = soup_of(client, "/ru/")
    assert kk.select_one(".skip-link").get_text() == "Негізгі мазмұнға өту"
    assert ru.select_one(".skip-link").get_text() == "Перейти к основному содержанию"
    # The home page's heading names the Federation, in the one name the site uses.
    assert kk.select_one("h1").get_text() == "Қазақстан Республикасы Кәсіподақтар федерациясы"
    assert ru.select_one("h1").get_text() == "Федерация профсоюзов Республики Казахстан"


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_reports_a_broken_database(client, db, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise __import__("django.db", fromlist=["OperationalError"]).OperationalError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_switcher_keeps_the_query_string_on_the_same_page(client, seed_appeal):
    kk, ru = seed_appeal
    index_kk, index_ru = kk.get_parent(), ru.get_parent()
    soup = soup_of(client, index_kk.url + "?page=1")
    assert switcher(soup) == {"ru": index_ru.url + "?page=1"}
    # hreflang and canonical never carry it.
    assert alternates(soup)["ru"] == f"http://testserver{index_ru.url}"
