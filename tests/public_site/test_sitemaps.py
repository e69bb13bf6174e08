"""/sitemap.xml indexes one sitemap per language; every URL lists its translations."""

import xml.etree.ElementTree as ET

import pytest

from tests.news_factories import news_index, publish_news, translate_news

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # raises on anything that is not well-formed XML


def urls_of(root):
    return {
        url.findtext("sm:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link[@rel='alternate']", NS)
        }
        for url in root.findall("sm:url", NS)
    }


def test_index_lists_one_sitemap_per_language(client, site_structure):
    root = xml_of(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    locations = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert locations == ["http://testserver/sitemap-kk.xml", "http://testserver/sitemap-ru.xml"]


def test_language_sitemaps_hold_their_language_with_alternates(client, seed_appeal):
    kk_appeal, ru_appeal = seed_appeal
    only_kk = publish_news(news_index("kk"), "Тек қазақша")
    both = publish_news(news_index("kk"), "Екі тілде")
    both_ru = translate_news(both)

    kk = urls_of(xml_of(client, "/sitemap-kk.xml"))
    ru = urls_of(xml_of(client, "/sitemap-ru.xml"))
    absolute = "http://testserver{}".format
    assert all(url.startswith("http://testserver/kk/") for url in kk)
    assert all(url.startswith("http://testserver/ru/") for url in ru)
    assert absolute(only_kk.url) in kk and absolute(only_kk.url) not in " ".join(ru)
    # Home, appeal index, appeal, news index, news pages: each with its translation.
    for kk_page, ru_page in (
        (kk_appeal, ru_appeal),
        (kk_appeal.get_parent(), ru_appeal.get_parent()),
        (news_index("kk"), news_index("ru")),
        (both, both_ru),
    ):
        alternates = {
            "kk": absolute(kk_page.url),
            "ru": absolute(ru_page.url),
            "x-default": absolute(kk_page.url),
        }
        assert kk[absolute(kk_page.url)] == alternates
        assert ru[absolute(ru_page.url)] == alternates
    # A page without a translation has no alternates to list.
    assert kk[absolute(only_kk.url)] == {}


def test_unknown_language_sitemap_is_not_found(client, site_structure):
    assert client.get("/sitemap-en.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap_index(client, site_structure):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()
