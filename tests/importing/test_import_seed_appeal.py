"""Importing the Federation's 2023 election appeal makes a kk page and its ru translation."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail_localize.models import Translation, TranslationSource

pytestmark = pytest.mark.django_db


def body_texts(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    body = soup.select_one(".appeal__body")
    return [
        (("item" if el.name == "li" else "paragraph"), el.get_text())
        for el in body.find_all(["p", "li"])
    ]


def test_every_paragraph_and_item_appears_verbatim_in_order(client, seed_appeal, seed_lines):
    kk, ru = seed_appeal
    for page, half in ((kk, seed_lines["kk"]), (ru, seed_lines["ru"])):
        expected = [(element.kind, element.text) for element in half.body]
        assert len(expected) == 18
        assert [kind for kind, _ in expected].count("item") == 4
        assert body_texts(client, page) == expected


def test_number_heading_and_adoption_line(client, seed_appeal):
    kk, ru = seed_appeal
    assert kk.number == ru.number == "677"
    assert kk.title.startswith("Қазақстан Республикасы Кәсіподақтар федерациясының")
    assert ru.title.startswith("ОБРАЩЕНИЕ Федерации профсоюзов Республики Казахстан")
    assert kk.adoption_line == (
        "Қазақстан Республикасы Кәсіподақтар федерациясы\nБас кеңесінің шешімімен қабылданған"
    )
    assert ru.adoption_line == "Принято решением Генерального Совета Федерации профсоюзов РК"
    html = client.get(ru.url).content.decode()
    assert "№&nbsp;677" in html
    assert "Принято решением Генерального Совета Федерации профсоюзов РК" in html


def test_russian_page_is_the_wagtail_localize_translation_of_the_kazakh_page(seed_appeal):
    kk, ru = seed_appeal
    assert kk.translation_key == ru.translation_key
    assert not ru.alias_of_id and not kk.alias_of_id
    source = TranslationSource.objects.get(object_id=kk.translation_key)
    assert source.locale.language_code == "kk"
    translation = Translation.objects.get(source=source, target_locale=ru.locale)
    total, done = translation.get_progress()
    assert total == done
    # 18 body elements + title + slug + adoption line + the adopting body it names.
    assert total == 22


def test_editing_one_source_paragraph_leaves_exactly_one_segment_to_translate(seed_appeal):
    kk, ru = seed_appeal
    page = kk.get_latest_revision_as_object()
    raw = list(page.body.raw_data)
    raw[2] = {**raw[2], "value": "<p>Болашақ депутаттарға жаңа талаптар қойылады.</p>"}
    page.body = raw
    page.save_revision().publish()

    source = TranslationSource.objects.get(object_id=kk.translation_key)
    source.update_from_db()  # what "Sync translated pages" does
    translation = Translation.objects.get(source=source, target_locale=ru.locale)
    total, done = translation.get_progress()
    assert (total, total - done) == (22, 1)


def test_import_twice_updates_and_never_duplicates(seed_appeal):
    from appeals.models import AppealPage
    from tests.conftest import SEED

    before = {page.pk: page.title for page in AppealPage.objects.all()}
    call_command("import_appeal", str(SEED), "--publish")
    after = {page.pk: page.title for page in AppealPage.objects.all()}
    assert after == before
    source = TranslationSource.objects.get(object_id=seed_appeal[0].translation_key)
    assert Translation.objects.filter(source=source).count() == 1


def test_russian_first_file_makes_the_russian_page_the_source(tmp_path, site_structure):
    from appeals.models import AppealPage
    from tests.conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    kazakh, russian = text.split("ОБРАЩЕНИЕ")
    path = tmp_path / "ru-first.txt"
    path.write_text("ОБРАЩЕНИЕ" + russian.rstrip() + "\n\n\n" + kazakh, encoding="utf-8")
    call_command("import_appeal", str(path), "--publish")

    ru = AppealPage.objects.get(locale__language_code="ru")
    kk = AppealPage.objects.get(locale__language_code="kk")
    source = TranslationSource.objects.get(object_id=ru.translation_key)
    assert source.locale.language_code == "ru"
    assert kk.number == ru.number == "677"
    total, done = Translation.objects.get(source=source).get_progress()
    assert total == done == 22
    assert kk.live and ru.live


def test_without_publish_both_languages_are_drafts(site_structure, client):
    from appeals.models import AppealPage
    from tests.conftest import SEED

    call_command("import_appeal", str(SEED))
    pages = AppealPage.objects.all()
    assert len(pages) == 2
    assert not any(page.live for page in pages)
    for page in pages:
        assert client.get(page.url).status_code == 404
