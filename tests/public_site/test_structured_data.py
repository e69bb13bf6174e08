"""What search engines read besides the text: schema.org JSON-LD (Organization and WebSite on
the homes, a BreadcrumbList matching the visible trail on every other page, an Article on
appeals and news, a ProfilePage on profiles), at the canonical address whatever host the
request used; and one name of the Federation in titles, shares and data."""

from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.structured_data import json_ld_items, json_ld_of_type

pytestmark = pytest.mark.django_db

PUBLIC = "http://testserver"  # WAGTAILADMIN_BASE_URL in the test settings
NAMES = {
    # As the seed appeal spells them (appeals/seeds/000_8017068c2af6027d.txt).
    "kk": "Қазақстан Республикасы Кәсіподақтар федерациясы",
    "ru": "Федерация профсоюзов Республики Казахстан",
}
REQUIRED = {
    "Organization": {"@context", "@id", "name", "url", "logo"},
    "WebSite": {"@context", "@id", "url", "name", "inLanguage", "potentialAction"},
    "BreadcrumbList": {"@context", "itemListElement"},
    "Article": {"@context", "headline", "url", "datePublished", "dateModified", "author"},
    "NewsArticle": {"@context", "headline", "url", "datePublished", "dateModified", "author"},
    "ProfilePage": {"@context", "@id", "url", "mainEntity", "dateModified"},
}
EXPECTED_TYPES = {
    "home": ["Organization", "WebSite"],
    "appeal index": ["BreadcrumbList"],
    "appeal": ["BreadcrumbList", "Article"],
    "news index": ["BreadcrumbList"],
    "news": ["BreadcrumbList", "NewsArticle"],
    "candidate directory": ["BreadcrumbList"],
    "candidate": ["BreadcrumbList", "ProfilePage"],
}


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content


def urls_in(data):
    """Every string in a JSON-LD item that is a URL (but its @context)."""
    if isinstance(data, dict):
        return [url for key, value in data.items() if key != "@context" for url in urls_in(value)]
    if isinstance(data, list):
        return [url for value in data for url in urls_in(value)]
    return [data] if isinstance(data, str) and "://" in data else []


def test_every_page_type_says_what_it_is(client, every_page_type):
    for kind, pages in every_page_type.items():
        for page in pages:
            items = json_ld_items(get(client, page.url))
            assert [item["@type"] for item in items] == EXPECTED_TYPES[kind], page.url
            for item in items:
                assert item["@context"] == "https://schema.org"
                missing = REQUIRED[item["@type"]] - set(item)
                assert not missing, (page.url, item["@type"], missing)
                for url in urls_in(item):
                    assert url.startswith(PUBLIC + "/"), (page.url, url)


def test_breadcrumbs_are_the_visible_trail_then_the_page(client, every_page_type):
    for kind, pages in every_page_type.items():
        if kind == "home":
            continue
        for page in pages:
            content = get(client, page.url)
            visible = [
                (link.get_text(), PUBLIC + link["href"])
                for link in BeautifulSoup(content, "html.parser").select("nav.breadcrumb a")
            ]
            home = page.get_ancestors().get(depth=2)
            assert visible[0] == (home.title, f"{PUBLIC}{home.url}")
            crumbs = json_ld_of_type(content, "BreadcrumbList")["itemListElement"]
            assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
            assert [(c["name"], c["item"]) for c in crumbs] == [
                *visible,
                (page.title, f"{PUBLIC}{page.url}"),
            ], page.url


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_homes_name_the_federation_and_how_to_search_the_site(client, site_structure, language):
    content = get(client, f"/{language}/")
    organization = json_ld_of_type(content, "Organization")
    assert organization["name"] == NAMES[language]
    assert organization["alternateName"] == [NAMES["ru" if language == "kk" else "kk"]]
    assert organization["@id"] == f"{PUBLIC}/#organization"
    assert organization["url"] == f"{PUBLIC}/{language}/"
    logo = urlsplit(organization["logo"]["url"]).path.removeprefix(settings.STATIC_URL)
    assert finders.find(logo), logo
    website = json_ld_of_type(content, "WebSite")
    assert website["inLanguage"] == language
    assert website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"]
    assert template == f"{PUBLIC}/{language}/search/?q={{search_term_string}}"
    search = template.replace("{search_term_string}", quote("сайлау")).removeprefix(PUBLIC)
    assert client.get(search).status_code == 200


def test_appeals_and_news_are_articles_by_the_federation(client, every_page_type):
    for kind, schema_type in (("appeal", "Article"), ("news", "NewsArticle")):
        for page in every_page_type[kind]:
            language = page.locale.language_code
            soup = BeautifulSoup(get(client, page.url), "html.parser")
            article = json_ld_of_type(str(soup), schema_type)
            assert article["url"] == article["mainEntityOfPage"] == f"{PUBLIC}{page.url}"
            assert article["inLanguage"] == language
            assert len(article["headline"]) <= 110
            assert article["author"]["name"] == article["publisher"]["name"] == NAMES[language]
            assert article["description"] == soup.select_one('meta[name="description"]')["content"]
            assert article["image"][0].startswith(f"{PUBLIC}/")
            assert soup.select_one('meta[property="og:type"]')["content"] == "article"
            published = soup.select_one('meta[property="article:published_time"]')["content"]
            assert published[:10] == article["datePublished"][:10]


def test_urls_are_canonical_whatever_host_the_request_used(client, every_page_type):
    """Reached as 127.0.0.1 (or through the Site record's `localhost`), a page still names its
    public address: in the canonical link, og:url, hreflang and every JSON-LD URL."""
    _kk, ru = every_page_type["candidate"]
    content = get(client, ru.url, HTTP_HOST="127.0.0.1:8000")
    soup = BeautifulSoup(content, "html.parser")
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{PUBLIC}{ru.url}"
    assert soup.select_one('meta[property="og:url"]')["content"] == f"{PUBLIC}{ru.url}"
    for link in soup.select('link[rel="alternate"]'):
        assert link["href"].startswith(f"{PUBLIC}/"), link
    for item in json_ld_items(content):
        for url in urls_in(item):
            assert url.startswith(f"{PUBLIC}/"), url
    person = json_ld_of_type(content, "ProfilePage")["mainEntity"]
    assert person["url"] == f"{PUBLIC}{ru.url}"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_one_name_of_the_federation_everywhere(client, every_page_type, language):
    name = NAMES[language]
    for kind, pages in every_page_type.items():
        page = pages[0] if language == "kk" else pages[1]
        content = get(client, page.url)
        soup = BeautifulSoup(content, "html.parser")
        assert soup.title.get_text().endswith(f" · {name}"), kind
        assert soup.select_one('meta[property="og:site_name"]')["content"] == name
        assert soup.select_one(".site-brand span").get_text() == name
        assert name in soup.select_one(".site-footer").get_text()
        names = [
            item[key].get("name", name)
            for item in json_ld_items(content)
            for key in ("author", "publisher")
            if key in item
        ]
        assert all(value == name for value in names), kind
