"""Editors write news and categories in the admin; related candidates show in the reader's
language; every body block survives a wagtail-localize translation."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from news.models import NewsCategory, NewsPage
from tests.news_factories import category, news_index, publish_news, tiny_image, translate_news
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.invalid", "pw")
    sign_in(client, user)
    return client


def test_editor_forms_open(admin, site_structure):
    index = news_index("kk")
    add = admin.get(reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk)))
    assert add.status_code == 200
    for field in ("title", "date", "lead", "main_image", "image_alt", "tags", "category"):
        assert f'name="{field}"' in add.content.decode(), field
    assert "related_pages-TOTAL_FORMS" in add.content.decode()
    page = publish_news(index, "Өңделетін жаңалық")
    edit = admin.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert edit.status_code == 200
    home = index.get_parent()
    assert admin.get(reverse("wagtailadmin_pages:edit", args=(home.pk,))).status_code == 200


def test_categories_are_snippets_named_in_each_language(admin, site_structure):
    category()
    listing = admin.get(reverse("wagtailsnippets_news_newscategory:list"))
    assert listing.status_code == 200
    add_url = reverse("wagtailsnippets_news_newscategory:add")
    add = admin.get(add_url).content.decode()
    # One input per content language (core.localized), like the candidates' reference data.
    assert 'name="names_kk"' in add and 'name="names_ru"' in add
    response = admin.post(
        add_url, {"names_kk": " Жастар ", "names_ru": "Молодёжь", "slug": "youth"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NewsCategory.objects.get(slug="youth").names == {"kk": "Жастар", "ru": "Молодёжь"}
    missing = admin.post(add_url, {"names_kk": "Жастар", "names_ru": "", "slug": "youth-2"})
    assert missing.status_code == 200
    assert not NewsCategory.objects.filter(slug="youth-2").exists()


def test_related_candidate_shows_in_the_readers_language(client, site_structure):
    from tests.candidates_factories import candidate, indexes, translate

    kk_directory, _ = indexes()
    person = candidate(kk_directory, "Ахметов Ерлан Серікұлы")
    person_ru = translate(person, "Ахметов Ерлан Серикович")
    page = publish_news(news_index("kk"), "Кандидат туралы", related=[person])
    page_ru = translate_news(page)
    soup = BeautifulSoup(client.get(page_ru.url).content, "html.parser")
    link = soup.select_one(".news-article__related a")
    assert (link.get_text(), link["href"]) == ("Ахметов Ерлан Серикович", person_ru.url)
    assert "(Кандидат)" in soup.select_one(".news-article__related").get_text()


def test_every_body_block_is_translated_segment_by_segment(site_structure):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.embeds.blocks import EmbedValue

    document = get_document_model()(title="Есеп")
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    image = tiny_image()
    page = publish_news(
        news_index("kk"),
        "Барлық блоктар",
        body=[
            ("paragraph", "<p>Абзац.</p>"),
            ("quote", {"text": "Дәйексөз.", "attribution": "Автор"}),
            ("image", {"image": image, "alt_text": "Зал", "caption": "Жазу", "credit": "Фото"}),
            ("embed", {"url": EmbedValue("https://example.org/v"), "title": "Бейне"}),
            ("document", {"document": document, "title": "Жылдық есеп"}),
        ],
    )
    ru = NewsPage.objects.get(pk=translate_news(page).pk)
    values = {block.block_type: block.value for block in ru.body}
    assert values["paragraph"].source == "<p>RU Абзац.</p>"
    assert values["quote"]["text"] == "RU Дәйексөз."
    assert (values["image"]["alt_text"], values["image"]["caption"]) == ("RU Зал", "RU Жазу")
    assert values["image"]["image"] == image
    assert values["embed"]["url"].url == "https://example.org/v"
    assert values["embed"]["title"] == "RU Бейне"
    assert values["document"]["document"] == document
    assert values["document"]["title"] == "RU Жылдық есеп"


def test_admin_search_finds_pages_in_both_languages(admin, site_structure):
    translate_news(publish_news(news_index("kk"), "Конференция кәсіподақтары"))
    response = admin.get(reverse("wagtailadmin_pages:search"), {"q": "Конференция"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Конференция кәсіподақтары" in content
    assert "RU Конференция кәсіподақтары" in content
    images = admin.get(reverse("wagtailimages:index"), {"q": "image"})
    assert images.status_code == 200
