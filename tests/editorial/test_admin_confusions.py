"""Issue 10, point 5: what the Kazakh and Russian admin walk found to confuse people.

- new pages get Latin slugs in both languages, never percent-encoded Cyrillic, and a
  translation's slug follows its translated title unless the translator sets one (a new
  Russian translation went live at a bare number: wagtail-localize's slugify drops Cyrillic);
- translators are not offered "Copy" (its form refused them on submit);
- after a translator submits, the translation editor says the page is in review and
  read-only until a moderator decides;
- the dashboard's "missing" count leaves out source pages never published;
- the three translation screens have names that cannot be confused, and the status report
  has a title search."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from appeals.models import AppealPage
from editorial.status import collect_statuses
from editorial.translations import submit_translation_for_review
from tests.editorial_helpers import (
    admin_text,
    appeal_index,
    create_appeal,
    fill_strings,
    submit_for_translation,
    target_page,
)
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


def add_appeal(client, code, title, slug):
    """The admin's form as the browser sends it, with the slug the editor typed (its script
    now fills the title's Latin slug: tests/browser/test_slug_field.py)."""
    url = reverse("wagtailadmin_pages:add", args=("appeals", "appealpage", appeal_index(code).pk))
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "subtitle": "",
            "number": "",
            "date_adopted": "",
            "adopting_body": "",
            "body": streamfield([("paragraph", rich_text("<p>Мәтін.</p>"))]),
            "closing_call": "",
            "adoption_line": "",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return AppealPage.objects.get(title=title)


@pytest.mark.parametrize(
    "code,title,typed_slug,expected",
    [
        ("kk", "Қазақстан кәсіподақтары", "қазақстан-кәсіподақтары", "qazaqstan-kasipodaqtary"),
        ("ru", "Профсоюзы Казахстана", "профсоюзы-казахстана", "profsoyuzy-kazakhstana"),
        ("ru", "Профсоюзы Казахстана", "own-slug", "own-slug"),
    ],
)
def test_new_pages_get_latin_slugs_in_both_languages(
    client, users, code, title, typed_slug, expected
):
    sign_in(client, users["editor"])
    page = add_appeal(client, code, title, typed_slug)
    assert page.slug == expected
    assert page.get_latest_revision().content["slug"] == expected


def test_a_translation_slug_follows_the_translated_title_unless_the_translator_sets_one(users):
    source = create_appeal("kk", "Сайлау туралы үндеу", "Бірінші абзац.")
    job = submit_for_translation(source, "ru")
    # Right after submission: never a bare number, never Cyrillic.
    new_target = target_page(job)
    assert new_target.slug.isascii() and not new_target.slug.isdigit()

    # The translator translates the title and leaves the slug as the source's.
    fill_strings(job, only={"Сайлау туралы үндеу", "Бірінші абзац."})
    from wagtail_localize.models import StringSegment, StringTranslation

    slug_segment = StringSegment.objects.get(source=job.source, context__path="slug")
    StringTranslation.objects.update_or_create(
        translation_of=slug_segment.string,
        locale=job.target_locale,
        context=slug_segment.context,
        defaults={"data": source.slug, "translation_type": "manual"},
    )
    StringTranslation.objects.filter(
        translation_of__data="Сайлау туралы үндеу", locale=job.target_locale
    ).update(data="Обращение о выборах")
    submit_translation_for_review(job, users["translator_ru"])
    revision = target_page(job).get_latest_revision()
    assert revision.content["slug"] == "obrashchenie-o-vyborakh"

    # A slug the translator sets themselves is kept (in Latin letters).
    StringTranslation.objects.filter(translation_of=slug_segment.string).update(data="выборы-2023")
    from editorial.translations import build_translation_revision

    _page, revision = build_translation_revision(job)
    assert revision.content["slug"] == "vybory-2023"


def page_row_actions(client, page):
    listing = client.get(reverse("wagtailadmin_explore", args=(page.get_parent().pk,)))
    return listing.content.decode()


@pytest.mark.parametrize("role,offered", [("translator_ru", False), ("editor", True)])
def test_copy_is_offered_only_to_people_who_may_add_pages(client, users, role, offered):
    source = create_appeal("kk", "Үндеу", "Мәтін.")
    job = submit_for_translation(source, "ru")
    target = target_page(job)
    sign_in(client, users[role])
    copy_url = reverse("wagtailadmin_pages:copy", args=(target.pk,))
    assert (copy_url in page_row_actions(client, target)) is offered
    assert target.permissions_for_user(users[role]).can_copy() is offered
    if not offered:  # and the form is not there to be refused
        response = client.get(copy_url)
        assert response.status_code in (302, 403)


def test_after_submitting_the_translator_reads_that_the_page_is_in_review(client, users):
    source = create_appeal("kk", "Үндеу", "Мәтін.")
    job = submit_for_translation(source, "ru")
    fill_strings(job)
    translator = users["translator_ru"]
    sign_in(client, translator)
    edit_url = reverse("wagtailadmin_pages:edit", args=(target_page(job).pk,))
    notice = admin_text(
        "This translation is in review: a moderator is deciding. You can read it, but not "
        "change it, until the moderator approves it or asks for changes.",
        "kk",
    )
    assert notice not in client.get(edit_url).content.decode()
    submit_translation_for_review(job, translator)
    assert notice in client.get(edit_url).content.decode()


def test_a_draft_never_published_is_not_missing_a_translation(users):
    create_appeal("kk", "Жариялануы күтілетін үндеу", "Мәтін.", publish=False)
    published = create_appeal("kk", "Жарияланған үндеу", "Мәтін.")
    missing = {
        (status.title, status.language_code)
        for status in collect_statuses()
        if status.state == "missing"
    }
    assert (published.title, "ru") in missing
    assert not any(title == "Жариялануы күтілетін үндеу" for title, _ in missing)


def test_the_three_translation_screens_have_names_apart_and_the_report_searches_titles(
    client, users
):
    from editorial.report import PANEL_TITLE, REPORT_TITLE
    from editorial.views import TRANSLATION_JOBS_TITLE

    names = {str(REPORT_TITLE), str(PANEL_TITLE), str(TRANSLATION_JOBS_TITLE)}
    assert len(names) == 3
    create_appeal("kk", "Сайлау туралы үндеу", "Мәтін.")
    create_appeal("kk", "Еңбек туралы үндеу", "Мәтін.")
    sign_in(client, users["editor"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in ("Translation status by page", "Translation jobs"):  # the reports menu
        assert json.dumps(admin_text(name, "kk"))[1:-1] in dashboard
    assert admin_text("Translation summary by language", "kk") in dashboard  # the panel
    report = reverse("editorial:translation_status")
    found = client.get(report, {"q": "сайлау"}).content.decode()
    assert "Сайлау туралы үндеу" in found and "Еңбек туралы үндеу" not in found
