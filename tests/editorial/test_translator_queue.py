"""Issue 21 point 4: translators start their own work. A translator creates the
translation of a page into their own language (nothing else), from the status report's
"missing" row or their dashboard queue; the queue shows what waits in their language with
the segments to do, since when and the due date an editor set; a source published with
changes reaches its translators by e-mail and on the dashboard."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.timezone import localtime
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation

from editorial.models import TranslationAssignment
from tests.editorial_helpers import (
    admin_text,
    approved_pair,
    create_appeal,
    denied,
    edit_source,
    edit_url,
    locale,
    login,
)

pytestmark = pytest.mark.django_db

REPORT = "editorial:translation_status"


def submit_url(page, code=None):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return f"{url}?select_locale={code}" if code else url


def due_url(page, code):
    return reverse("editorial:translation_due_date", args=[page.pk, code])


def queue_panel(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    if 'id="translation-queue' not in html:
        return None
    start = html.index('id="translation-queue')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize(("source", "target"), [("kk", "ru"), ("ru", "kk")])
def test_a_translator_starts_the_translation_into_their_language(
    client, users, source, target, django_capture_on_commit_callbacks
):
    page = create_appeal(source, "Аударылмаған бет", "Бірінші.", "Екінші.")
    translator = users[f"translator_{target}"]
    login(client, translator)

    form = client.get(submit_url(page, target))
    assert form.status_code == 200
    offered = list(form.context["form"].fields["locales"].queryset)
    assert [loc.language_code for loc in offered] == [target]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(page), {"locales": [locale(target).pk]})
    created = page.get_translation(locale(target))
    assert response.status_code == 302
    assert response.url == edit_url(created)  # straight into the translation editor
    assert not created.live
    editor = client.get(response.url)
    assert editor.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]


def test_a_translator_creates_nothing_else(client, users):
    """Not another language, not the subtree: only this page into their own language."""
    kk_page = create_appeal("kk", "Басқа тілге", "Мәтін.")
    ru_page = create_appeal("ru", "На другой язык", "Текст.")
    login(client, users["translator_kk"])

    # kk is the page's own language and ru is not theirs: nothing is offered.
    response = client.post(submit_url(kk_page), {"locales": [locale("ru").pk]})
    assert response.status_code == 200 and response.context["form"].errors
    assert kk_page.get_translation_or_none(locale("ru")) is None

    # A section with children: translating it never creates the children.
    index = Page.objects.get(pk=ru_page.get_parent().pk)
    assert index.get_translation_or_none(locale("kk")) is not None  # already translated
    children_before = Page.objects.filter(locale=locale("kk")).count()
    client.post(submit_url(ru_page), {"locales": [locale("kk").pk], "include_subtree": "on"})
    assert ru_page.get_translation_or_none(locale("kk")) is not None
    assert Page.objects.filter(locale=locale("kk")).count() == children_before + 1


def test_people_without_a_language_still_may_not(client, users):
    from tests.editorial_helpers import make_user

    nobody = make_user("nobody")
    from django.contrib.auth.models import Permission

    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    page = create_appeal("kk", "Ешкімге", "Мәтін.")
    login(client, nobody)
    assert denied(client.post(submit_url(page), {"locales": [locale("ru").pk]}))
    assert page.get_translation_or_none(locale("ru")) is None


def test_the_reports_missing_row_leads_the_translator_to_start(client, users):
    page = create_appeal("kk", "Жоқ аударма", "Мәтін.")
    login(client, users["translator_ru"])
    html = client.get(reverse(REPORT), {"state": "missing"}).content.decode()
    start = submit_url(page, "ru").replace("&", "&amp;")
    assert f'href="{start}"' in html
    translate = admin_text("Translate into %(language)s", language="Русский")
    assert translate in html
    # The title no longer leads to the Kazakh page, which they may not edit.
    assert f'href="{edit_url(page)}"' not in html
    # and the link works
    assert client.get(submit_url(page, "ru")).status_code == 200


def test_the_queue_shows_missing_and_outdated_with_segments_since_and_due_date(
    client, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        missing = create_appeal("kk", "Аударма жоқ", "Бір.", "Екі.", "Үш.")
        pair = approved_pair("kk", "ru", "Ескірген", "Ескі бір.", "Ескі екі.")
        edit_source(pair.source, "Жаңа бір.")
        approved_pair("kk", "ru", "Дайын", "Мәтін.")
    TranslationAssignment.objects.create(
        translation_key=missing.translation_key, locale=locale("ru"), due_date=date(2030, 1, 15)
    )
    login(client, users["translator_ru"])
    panel = queue_panel(client)
    assert panel is not None
    assert admin_text("Your translation queue") in panel
    assert "Аударма жоқ" in panel and "Ескірген" in panel
    assert "Дайын" not in panel  # up to date: nothing to do

    rows = panel.split("<tr")[2:]
    first, second = rows[0], rows[1]
    # Due first; its link starts the translation.
    assert "Аударма жоқ" in first and 'data-due-date="2030-01-15"' in first
    assert "15.01.2030" in first
    assert submit_url(missing, "ru").replace("&", "&amp;") in first
    # The page's string segments as wagtail-localize extracts them (title, slug, three
    # paragraphs...; test_the_queue_counts_match_wagtail_localize checks the number).
    assert int(first.split("data-segments-to-do>")[1].split("<")[0]) >= 4
    assert localtime(missing.first_published_at).strftime("%d.%m.%Y") in first
    # Outdated: one changed segment to do, since the source changed, into the editor.
    assert "Ескірген" in second and "data-segments-to-do>1<" in second
    assert edit_url(pair.target) in second
    # The notice of the changed source.
    assert "data-source-changed" in panel


def test_the_queue_counts_match_wagtail_localize(client, users, django_capture_on_commit_callbacks):
    """The segments of a missing page, extracted, are what the translation will hold."""
    page = create_appeal("ru", "Счёт сегментов", "Раз.", "Два.")
    login(client, users["translator_kk"])
    panel = queue_panel(client)
    row = next(r for r in panel.split("<tr") if "Счёт сегментов" in r)
    client.post(submit_url(page), {"locales": [locale("kk").pk]})
    translation = Translation.objects.get(source__object_id=page.translation_key)
    strings = StringSegment.objects.filter(source=translation.source).count()
    assert f"data-segments-to-do>{strings}<" in row


def test_editors_set_the_due_date_from_the_report_and_translators_may_not(client, users):
    page = create_appeal("kk", "Мерзімі бар", "Мәтін.")
    login(client, users["editor"])
    html = client.get(reverse(REPORT), {"state": "missing", "language": "ru"}).content.decode()
    assert due_url(page, "ru") in html
    assert admin_text("Set a due date") in html

    form = client.get(due_url(page, "ru"))
    assert form.status_code == 200
    assert admin_text("Save the due date") in form.content.decode()
    response = client.post(due_url(page, "ru"), {"due_date": "2030-02-01"})
    assert response.status_code == 302
    assignment = TranslationAssignment.objects.get(translation_key=page.translation_key)
    assert assignment.due_date == date(2030, 2, 1) and assignment.set_by == users["editor"]
    html = client.get(reverse(REPORT), {"state": "missing", "language": "ru"}).content.decode()
    assert admin_text("due %(date)s", date="01.02.2030") in html

    client.post(due_url(page, "ru"), {"remove": "1"})
    assert not TranslationAssignment.objects.exists()

    login(client, users["translator_ru"])
    assert denied(client.post(due_url(page, "ru"), {"due_date": "2030-03-01"}))
    assert not TranslationAssignment.objects.exists()


def test_a_due_date_set_before_the_source_changed_again_is_not_shown(
    client, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pair = approved_pair("kk", "ru", "Қайта өзгерді", "Бір.")
    TranslationAssignment.objects.create(
        translation_key=pair.source.translation_key,
        locale=locale("ru"),
        due_date=date.today() + timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        edit_source(pair.source, "Екі.")
    login(client, users["translator_ru"])
    row = next(r for r in queue_panel(client).split("<tr") if "Қайта өзгерді" in r)
    assert "data-due-date" not in row


def test_translators_hear_of_a_source_published_with_changes(
    client, users, django_capture_on_commit_callbacks
):
    profile = UserProfile.get_for_user(users["translator_ru"])
    profile.preferred_language = "ru"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        pair = approved_pair("kk", "ru", "Хабарланатын бет", "Бір.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        edit_source(pair.source, "Өзгерген.")

    assert [m.to for m in mail.outbox] == [[users["translator_ru"].email]]
    message = mail.outbox[0]
    subject = admin_text(
        "“%(title)s” was changed: its %(language)s translation is outdated",
        "ru",
        title="Хабарланатын бет",
        language="Русский",
    )
    assert (
        message.subject
        == subject
        != admin_text(
            "“%(title)s” was changed: its %(language)s translation is outdated",
            "kk",
            title="Хабарланатын бет",
            language="Русский",
        )
    )
    assert f"http://testserver{edit_url(pair.target)}" in message.body

    # Published again without changes: no e-mail.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit_source(pair.source, "Өзгерген.")
    assert mail.outbox == []
