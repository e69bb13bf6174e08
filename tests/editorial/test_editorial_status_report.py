"""The translation status report and dashboard panel: every translatable page in every
other language, with its state, filters, links into the translation editor."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.timezone import localtime

from tests.editorial_helpers import (
    admin_text,
    approved_pair,
    create_appeal,
    denied,
    edit_source,
    edit_url,
    editor_publish,
    fill_strings,
    login,
    make_user,
    submit_for_translation,
)

pytestmark = pytest.mark.django_db

REPORT = "editorial:translation_status"


@pytest.fixture
def pages(users, client, django_capture_on_commit_callbacks):
    """One page in each state, for Russian."""
    with django_capture_on_commit_callbacks(execute=True):
        missing = create_appeal("kk", "Жоқ аударма", "Мәтін.")
        in_progress = create_appeal("kk", "Аударылып жатыр", "Бір.", "Екі.", "Үш.")
        translation = submit_for_translation(in_progress, "ru")
        fill_strings(translation, only=["Бір."])
        up_to_date = approved_pair("kk", "ru", "Дайын аударма", "Мәтін.")
        outdated = approved_pair("kk", "ru", "Ескірген аударма", "Ескі мәтін.")
        in_review = approved_pair("kk", "ru", "Тексерісте", "Мәтін.")
        edit_source(outdated.source, "Жаңа мәтін.")
        login(client, users["translator_ru"])
        editor_publish(client, in_review.target)
        client.logout()
    return {
        "missing": missing,
        "in_progress": in_progress,
        "up_to_date": up_to_date.source,
        "outdated": outdated.source,
        "in_review": in_review.source,
    }


def rows_by_title(response, language="ru"):
    return {
        row.page.title: row
        for row in response.context["object_list"]
        if row.language_code == language
    }


def test_every_state_is_reported(client, users, pages):
    login(client, users["editor"])
    response = client.get(reverse(REPORT))
    assert response.status_code == 200
    rows = rows_by_title(response)

    assert rows["Жоқ аударма"].state == "missing"
    assert rows["Дайын аударма"].state == "up_to_date"
    assert rows["Тексерісте"].state == "in_review"
    in_progress = rows["Аударылып жатыр"]
    assert in_progress.state == "in_progress"
    assert (in_progress.done, in_progress.total) == (1, in_progress.total)
    assert in_progress.total >= 4  # title, slug and three paragraphs
    outdated = rows["Ескірген аударма"]
    assert outdated.state == "outdated" and outdated.outdated_since is not None

    html = response.content.decode()
    progress = admin_text(
        "%(done)s of %(total)s segments translated", done=1, total=in_progress.total
    )
    assert progress in html
    since = localtime(outdated.outdated_since).strftime("%d.%m.%Y %H:%M")
    assert admin_text("since %(since)s", since=since) in html
    assert edit_url(outdated.target) in html  # into the translation editor
    # Structural pages made by setup_site are translatable pages too.
    assert rows["Үндеулер"].state == "up_to_date"


def test_filters_by_language_and_state(client, users, pages):
    login(client, users["moderator"])
    response = client.get(reverse(REPORT), {"language": "ru", "state": "outdated"})
    assert [row.page.title for row in response.context["object_list"]] == ["Ескірген аударма"]

    response = client.get(reverse(REPORT), {"language": "kk"})
    assert all(row.language_code == "kk" for row in response.context["object_list"])


def test_missing_translation_links_to_translate_for_editors(client, users, pages):
    login(client, users["editor"])
    html = client.get(reverse(REPORT), {"state": "missing", "language": "ru"}).content.decode()
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[pages["missing"].pk])
    assert f"{submit_url}?select_locale=ru" in html


def test_translators_see_their_language_only(client, users, pages):
    login(client, users["translator_kk"])
    response = client.get(reverse(REPORT))
    assert response.status_code == 200
    assert {row.language_code for row in response.context["object_list"]} <= {"kk"}
    assert "Жоқ аударма" not in response.content.decode()


def test_the_report_is_for_editorial_roles_only(client, users):
    outsider = make_user("outsider")
    outsider.groups.add(Group.objects.create(name="Readers"))
    from django.contrib.auth.models import Permission

    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, outsider)
    assert denied(client.get(reverse(REPORT)))


def test_report_exports_csv(client, users, pages):
    login(client, users["editor"])
    response = client.get(reverse(REPORT), {"export": "csv", "state": "outdated"})
    body = b"".join(response.streaming_content).decode()
    assert "Ескірген аударма" in body and "outdated" in body


def test_report_query_count_does_not_grow_with_pages(
    client, users, pages, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    login(client, users["editor"])
    url = reverse(REPORT)
    client.get(url)  # warm
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            approved_pair("kk", "ru", f"Қосымша {number}", "Мәтін.")
    with django_assert_max_num_queries(len(before)):
        client.get(url)
    assert len(before) <= 20


def dashboard_panel(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.index('id="translation-status')
    return html[start : html.index("</section>", start)]


def test_dashboard_panel_counts_what_concerns_the_translator(client, users, pages):
    login(client, users["translator_ru"])
    html = dashboard_panel(client)
    assert "Русский" in html and "Қазақша" not in html
    report = reverse(REPORT)
    assert f'href="{report}?language=ru&amp;state=outdated" data-state-count="1"' in html
    assert f'href="{report}?language=ru&amp;state=in_review" data-state-count="1"' in html


def test_dashboard_panel_for_editors_shows_every_language(client, users, pages):
    login(client, users["editor"])
    panel = dashboard_panel(client)
    assert "Русский" in panel and "Қазақша" in panel
