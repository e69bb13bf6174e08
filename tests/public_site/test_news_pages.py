"""A news page: its parts, its translation, its social meta and its NewsArticle JSON-LD."""

import pytest
from bs4 import BeautifulSoup
from wagtail.embeds.blocks import EmbedValue

from tests.news_factories import (
    category,
    news_index,
    publish_news,
    tiny_image,
    translate_news,
)
from tests.structured_data import json_ld_of_type

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def article(site_structure, seed_appeal):
    kk_appeal, _ru_appeal = seed_appeal
    image = tiny_image()
    body_image = tiny_image()
    page = publish_news(
        news_index("kk"),
        "Сайлау туралы жаңалық",
        lead="Кәсіподақтар сайлауға дайындалуда.",
        category=category(),
        main_image=image,
        image_alt="Жиналыс залы",
        image_caption="Бас кеңес отырысы",
        image_credit="Фото: баспасөз қызметі",
        tags=["сайлау"],
        related=[kk_appeal],
        body=[
            ("paragraph", "<p>Бірінші абзац.</p>"),
            ("quote", {"text": "Әрбір дауыс маңызды.", "attribution": "Төраға"}),
            (
                "image",
                {"image": body_image, "alt_text": "Зал", "caption": "Зал", "credit": "Автор"},
            ),
            ("embed", {"url": EmbedValue("https://www.youtube.com/watch?v=abc"), "title": "Бейне"}),
        ],
    )
    return page, translate_news(page)


def test_news_page_shows_its_parts(client, article):
    kk, _ru = article
    soup = soup_of(client, kk.url)
    assert soup.h1.get_text() == "Сайлау туралы жаңалық"
    assert soup.select_one(".news-article__header .lead").get_text() == (
        "Кәсіподақтар сайлауға дайындалуда."
    )
    assert soup.select_one(".news-article__meta time")["datetime"] == "2023-03-01"
    assert "2023 жылғы 1 наурыз" in soup.select_one(".news-article__meta").get_text()
    figure = soup.select_one(".news-article__image")
    assert figure.img["alt"] == "Жиналыс залы"
    assert {source["type"] for source in figure.select("source")} == {"image/avif", "image/webp"}
    assert "Бас кеңес отырысы" in figure.figcaption.get_text()
    assert "Фото: баспасөз қызметі" in figure.figcaption.get_text()
    body = soup.select_one(".news-article__body")
    assert "Бірінші абзац." in body.get_text()
    assert body.select_one("blockquote").get_text(strip=True) == "Әрбір дауыс маңызды."
    assert body.select_one("figure img")["alt"] == "Зал"
    # Embeds are links: the public site loads nothing from other sites.
    assert not soup.select("iframe")
    assert body.select_one(".embed-link a")["href"] == "https://www.youtube.com/watch?v=abc"
    assert [a.get_text() for a in soup.select(".tag-list a")] == ["сайлау"]


def test_translation_shows_category_and_related_appeal_in_its_language(
    client, article, seed_appeal
):
    _kk, ru = article
    _kk_appeal, ru_appeal = seed_appeal
    soup = soup_of(client, ru.url)
    assert soup.html["lang"] == "ru"
    assert soup.h1.get_text() == "RU Сайлау туралы жаңалық"
    assert soup.select_one(".news-article__meta a").get_text() == "Выборы"
    assert "1 марта 2023 г." in soup.select_one(".news-article__meta").get_text()
    related = soup.select(".news-article__related a")
    assert [(a.get_text(), a["href"]) for a in related] == [(ru_appeal.title, ru_appeal.url)]
    assert soup.select_one(".news-article__image img")["alt"] == "RU Жиналыс залы"


def test_news_article_json_ld(client, article):
    _kk, ru = article
    soup = soup_of(client, ru.url)
    data = json_ld_of_type(soup, "NewsArticle")
    assert data["headline"] == "RU Сайлау туралы жаңалық"
    assert data["inLanguage"] == "ru"
    assert data["datePublished"].startswith("2023-03-01")
    assert data["mainEntityOfPage"] == f"http://testserver{ru.url}"
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert ".share-1200x630" in data["image"][0]
    assert data["articleSection"] == "Выборы"
    assert data["publisher"]["name"] == "Федерация профсоюзов Республики Казахстан"


def test_json_ld_cannot_be_broken_out_of(client, site_structure):
    page = publish_news(news_index("kk"), "</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    scripts = html.split('<script type="application/ld+json">')[1:]
    assert scripts
    for script in scripts:
        assert "<" not in script.split("</script>", 1)[0]
    assert json_ld_of_type(html, "NewsArticle")["headline"] == "</script><script>alert(1)</script>"


def meta(soup):
    tags = {}
    for tag in soup.select("meta[property], meta[name]"):
        key = tag.get("property") or tag.get("name")
        tags.setdefault(key, []).append(tag["content"])
    return tags


def test_social_meta_of_a_news_page(client, article):
    _kk, ru = article
    tags = meta(soup_of(client, ru.url))
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == tags["twitter:title"] == ["RU Сайлау туралы жаңалық"]
    assert tags["og:description"] == ["RU Кәсіподақтар сайлауға дайындалуда."]
    assert tags["og:url"] == [f"http://testserver{ru.url}"]
    assert tags["og:locale"] == ["ru_RU"]
    assert tags["og:locale:alternate"] == ["kk_KZ"]
    assert tags["twitter:card"] == ["summary_large_image"]
    image = tags["og:image"][0]
    assert image.startswith("http://testserver/media/images/") and ".share-1200x630" in image
    assert tags["twitter:image"] == [image]
    assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == ["RU Жиналыс залы"]


@pytest.mark.parametrize(
    "language,locale,alternate", [("kk", "kk_KZ", "ru_RU"), ("ru", "ru_RU", "kk_KZ")]
)
def test_social_meta_on_every_page(client, seed_appeal, language, locale, alternate):
    appeal = seed_appeal[0] if language == "kk" else seed_appeal[1]
    for url in (f"/{language}/", appeal.get_parent().url, appeal.url):
        tags = meta(soup_of(client, url))
        assert tags["og:locale"] == [locale], url
        assert tags["og:locale:alternate"] == [alternate], url
        assert tags["og:title"] and tags["og:url"] and tags["twitter:card"], url
        assert tags["og:image"][0].startswith("http://testserver/"), url
        assert tags["og:site_name"], url


def test_untranslated_page_has_no_locale_alternate(client, site_structure):
    page = publish_news(news_index("kk"), "Тек қазақша")
    tags = meta(soup_of(client, page.url))
    assert tags["og:locale"] == ["kk_KZ"]
    assert "og:locale:alternate" not in tags


def test_tags_show_only_on_the_page_in_their_own_language(client, article):
    kk, ru = article
    kk_soup = soup_of(client, kk.url)
    assert [a.get_text() for a in kk_soup.select(".tag-list a")] == ["сайлау"]
    ru_soup = soup_of(client, ru.url)
    # wagtail-localize copies the Kazakh tags to the Russian page; they must not show there.
    assert ru.tags.count() == 1
    assert ru_soup.select(".tag-list a") == []
    assert "keywords" not in json_ld_of_type(ru_soup, "NewsArticle")
    assert json_ld_of_type(kk_soup, "NewsArticle")["keywords"] == ["сайлау"]
