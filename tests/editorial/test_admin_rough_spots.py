"""Issue 21 point 8: rough spots of the Kazakh and Russian admin, each as the person sees it.
(The translation editor itself, with its sidebar, its PO buttons and its requests, is walked
in Chromium in tests/browser/test_translator_queue_journey.py.)"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, TranslationSource

from tests.editorial_helpers import (
    admin_text,
    create_appeal,
    fill_strings,
    login,
    submit_for_translation,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_downloading_and_uploading_a_po_file_are_two_different_buttons(language):
    download = admin_text("Download PO file", language, domain="djangojs")
    upload = admin_text("Upload PO file", language, domain="djangojs")
    assert download != upload
    assert "Download" not in download and "Upload" not in upload
    if language == "ru":
        # Upstream's Russian says "Загрузить PO файл" for both.
        assert download.startswith("Скачать") and "Загрузить" not in download
        assert upload.startswith("Загрузить")


def test_the_russian_editor_names_a_snippet_model_in_a_sentence_that_reads():
    """Upstream: "Изменить %s" with "категория новостей" gave "Изменить категория новостей"."""
    for msgid in ("Change %s", "Choose a %s", "Edit this %s", "Fetching %s information..."):
        text = admin_text(msgid, "ru", domain="djangojs").replace("%s", "категория новостей")
        assert ": категория новостей" in text, text
    assert admin_text("Change %s", "ru", domain="djangojs") == "Изменить: %s"


@pytest.mark.parametrize(
    "language,expected,wrong",
    [
        ("ru", "Переведено вручную 7 декабря 2026 г.", "в ручную"),
        ("kk", "2026 жылғы 7 желтоқсан күні қолмен аударылған", "December"),
    ],
)
def test_a_segment_translated_by_hand_says_so_in_good_words(users, language, expected, wrong):
    page = create_appeal("kk", "Қолмен", "Абзац.")
    job = submit_for_translation(page, "ru")
    fill_strings(job)
    StringTranslation.objects.update(
        updated_at=datetime.datetime(2026, 12, 7, 6, 0, tzinfo=datetime.UTC),
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        tool_name="",
    )
    with translation.override(language), timezone.override("Asia/Almaty"):
        comment = StringTranslation.objects.first().get_comment()
    assert comment == expected
    assert wrong not in comment


def test_synced_facts_are_not_offered_to_translators_for_override(users):
    """An appeal's number and dates, a news item's date, image and category are the same in
    every language: wagtail-localize offers none of them in the translation editor."""
    from news.models import NewsPage
    from tests.news_factories import category, news_index, publish_news, tiny_image

    appeal = create_appeal("kk", "Нөмірлі үндеу", "Мәтін.")
    appeal.number = "677"
    appeal.date_adopted = datetime.date(2026, 12, 1)
    appeal.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(appeal.specific)
    assert not source.overridablesegment_set.exists()
    assert "677" not in set(source.stringsegment_set.values_list("string__data", flat=True))

    news = publish_news(
        news_index("kk"), "Санаты бар жаңалық", category=category(), main_image=tiny_image()
    )
    source, _ = TranslationSource.get_or_create_from_instance(NewsPage.objects.get(pk=news.pk))
    assert not source.overridablesegment_set.exists()


def test_the_russian_dashboard_is_titled_in_russian(client, users):
    profile = UserProfile.get_for_user(users["translator_ru"])
    profile.preferred_language = "ru"
    profile.save()
    login(client, users["translator_ru"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    heading = html[html.index('<h1 class="w-h1') : html.index("</h1>")]
    assert "Федерация профсоюзов Республики Казахстан" in heading
    assert "Кәсіподақтар" not in heading


def test_demo_users_made_before_admin_languages_get_theirs():
    """A development database whose demo users predate their admin languages: loading the
    demo again gives the Russian translator the Russian admin (it opened in Kazakh)."""
    from django.contrib.auth import get_user_model

    from core.site.setup import ensure_site_structure
    from editorial import demo

    ensure_site_structure()
    demo.load()
    user = get_user_model().objects.get(username="translator_ru")
    UserProfile.objects.filter(user=user).update(preferred_language="")
    demo.load()
    assert UserProfile.get_for_user(user).get_preferred_language() == "ru"


def js_catalogue(client, url):
    import json
    import re

    body = client.get(url).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S).group(1))


@pytest.mark.parametrize(
    "language,search,translate",
    [("ru", "Поиск", "Перевести"), ("kk", "Іздеу", "Аудару")],
)
def test_the_translation_editors_catalogue_keeps_the_sidebar_in_the_admin_language(
    client, users, language, search, translate
):
    """The editor loads wagtail-localize's catalogue after Wagtail's: it said "Іздеу" (and
    "бұл мәзірде 2 жаңа элемент") in the Russian translator's sidebar."""
    user = users[f"translator_{language}"]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    login(client, user)
    localize = js_catalogue(client, reverse("wagtail_localize:javascript_catalog"))
    wagtail = js_catalogue(client, reverse("wagtailadmin_javascript_catalog"))
    assert localize["Search"] == wagtail["Search"] == search
    assert localize["Translate"] == translate
    new_items = "(%(number)s new items in this menu)"
    assert localize[new_items] == wagtail[new_items]
