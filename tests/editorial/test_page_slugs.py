"""A page titled like a sibling never fails to save: its slug, the title's in Latin letters,
gets `-2`, `-3`; a slug the editor chose that a sibling has is refused at the field. The
same for the admin's save, its edit, its autosave, programmatic saves and translations.
Long slugs are cut at a word."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, StringTranslation

from core.slugs import ascii_slug
from editorial.translations import submit_translation_for_review
from news.models import NewsPage
from tests.editorial_helpers import (
    admin_text,
    create_appeal,
    edit_url,
    fill_strings,
    submit_for_translation,
    target_page,
)
from tests.news_factories import news_index, publish_news
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

TITLE = "Еңбекті қорғау айлығы басталды"
SLUG = "engbekti-qorghau-aylyghy-bastaldy"
# The slug field as the browser sends it: filled by the admin's script from the title (before
# this change in Cyrillic, now in Latin letters).
SCRIPT_SLUGS = pytest.mark.parametrize("typed_slug", [SLUG, "еңбекті-қорғау-айлығы-басталды"])
JSON = {"HTTP_ACCEPT": "application/json"}  # how Wagtail's autosave posts the editor's form


def test_long_slugs_are_cut_at_a_word():
    title = (
        "Қазақстан Республикасы Кәсіподақтар федерациясының ҚР Парламенті Мәжілісі мен "
        "мәслихаттар депутаттарының сайлауына байланысты ҮНДЕУІ"
    )
    assert ascii_slug(title) == (
        "qazaqstan-respublikasy-kasipodaqtar-federatsiyasynyng-qr-parlamenti-mazhilisi"
    )
    assert ascii_slug(title, 60) == "qazaqstan-respublikasy-kasipodaqtar-federatsiyasynyng-qr"
    assert ascii_slug("Бір екі", 7) == "bir-eki"  # a word that ends at the limit is kept
    assert ascii_slug("Федерациясының", 10) == "federatsiy"  # one word: cut where it must
    assert ascii_slug("«»") == "page"


def news_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2024-04-01",
            "lead": "Апталық басталды.",
            "body": streamfield([("paragraph", rich_text("<p>Мәтін.</p>"))]),
            "tags": "",
            "related_pages": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


@pytest.fixture
def editor(client, users):
    sign_in(client, users["editor"])
    publish_news(news_index("kk"), TITLE)  # last year's item, at SLUG
    return client


def add_url():
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index("kk").pk))


def news_slugs():
    return sorted(NewsPage.objects.filter(title=TITLE).values_list("slug", flat=True))


@SCRIPT_SLUGS
def test_save_draft_of_a_news_item_titled_like_another(editor, typed_slug):
    for _ in range(2):
        response = editor.post(add_url(), news_form(TITLE, typed_slug))
        assert response.status_code == 302
    assert news_slugs() == [SLUG, f"{SLUG}-2", f"{SLUG}-3"]
    page = NewsPage.objects.get(slug=f"{SLUG}-3")
    assert page.get_latest_revision().content["slug"] == f"{SLUG}-3"
    assert not page.live


@SCRIPT_SLUGS
def test_autosave_of_a_new_and_an_edited_news_item_titled_like_another(editor, typed_slug):
    created = editor.post(add_url(), news_form(TITLE, typed_slug), **JSON)
    assert created.status_code == 200 and created.json()["success"]
    # The open editor's slug field is set to the slug the page got.
    assert created.json()["field_updates"]["slug"] == f"{SLUG}-2"
    other = publish_news(news_index("kk"), "Басқа жаңалық")
    other.save_revision()  # a draft on top, as the editor left it
    edited = editor.post(edit_url(other), news_form(TITLE, typed_slug), **JSON)
    assert edited.status_code == 200 and edited.json()["success"]
    assert edited.json()["field_updates"]["slug"] == f"{SLUG}-3"
    assert NewsPage.objects.get(pk=other.pk).get_latest_revision().content["slug"] == f"{SLUG}-3"


@SCRIPT_SLUGS
def test_editing_a_live_news_item_to_the_title_of_another_then_publishing(editor, typed_slug):
    other = publish_news(news_index("kk"), "Басқа жаңалық")
    response = editor.post(edit_url(other), news_form(TITLE, typed_slug))
    assert response.status_code == 302
    draft = NewsPage.objects.get(pk=other.pk).get_latest_revision()
    assert draft.content["slug"] == f"{SLUG}-2"
    draft.publish()  # as a Moderator's approval does
    assert NewsPage.objects.get(pk=other.pk).url.endswith(f"/{SLUG}-2/")


@pytest.mark.parametrize("typed_slug", [SLUG, "ЕҢБЕКТІ-ҚОРҒАУ-АЙЛЫҒЫ-басталды"])
def test_a_slug_the_editor_chose_that_a_sibling_has_is_refused_at_the_field(editor, typed_slug):
    before = NewsPage.objects.count()
    response = editor.post(add_url(), news_form("Жаңа айлық", typed_slug))
    assert response.status_code == 200
    field = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "slug"})
    wrapper = field.find_parent(attrs={"data-field-wrapper": True})
    message = admin_text(
        "The slug '%(page_slug)s' is already in use within the parent page.", page_slug=SLUG
    )
    assert message in wrapper.get_text()
    assert NewsPage.objects.count() == before
    autosave = editor.post(add_url(), news_form("Жаңа айлық", typed_slug), **JSON)
    assert autosave.status_code == 400 and autosave.json()["error_code"] == "validation_error"
    assert NewsPage.objects.count() == before


def test_a_draft_saved_from_code_gets_a_free_latin_slug(editor):
    index = news_index("kk")
    for slug in ("", "еңбекті-қорғау-айлығы-басталды"):
        page = NewsPage(title=TITLE, slug=slug, lead=".", date=datetime.date(2024, 4, 1))
        index.add_child(instance=page)
        page.save_revision()
    assert news_slugs() == [SLUG, f"{SLUG}-2", f"{SLUG}-3"]


def test_a_translation_titled_like_a_sibling_gets_a_free_slug(users):
    create_appeal("ru", "Обращение о выборах", "Текст.")  # at obrashchenie-o-vyborakh
    source = create_appeal("kk", "Сайлау туралы үндеу", "Бірінші абзац.")
    job = submit_for_translation(source, "ru")
    fill_strings(job)
    StringTranslation.objects.filter(
        translation_of__data="Сайлау туралы үндеу", locale=job.target_locale
    ).update(data="Обращение о выборах")
    # The translator leaves the slug as the source's: the slug follows the translated title.
    slug_segment = StringSegment.objects.get(source=job.source, context__path="slug")
    StringTranslation.objects.filter(translation_of=slug_segment.string).update(data=source.slug)
    submit_translation_for_review(job, users["translator_ru"])
    revision = target_page(job).get_latest_revision()
    assert revision.content["slug"] == "obrashchenie-o-vyborakh-2"
