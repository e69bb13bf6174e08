"""Translators' work is never lost: not by a source edit, a sync, a rejected review, or
the deletion of either page."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from tests.editorial_helpers import (
    approved_pair,
    denied,
    edit_source,
    editor_publish,
    first_paragraph_segment,
    live_html,
    locale,
    login,
    put_string,
    translated,
    workflow_action,
)

pytestmark = pytest.mark.django_db

ONE, TWO, THREE = "Бірінші.", "Екінші.", "Үшінші."


@pytest.fixture
def pair(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return approved_pair("kk", "ru", "Сақталатын аударма", ONE, TWO, THREE)


def ru_strings(pair):
    return set(
        StringTranslation.objects.filter(
            context__object_id=pair.source.translation_key, locale=locale("ru")
        ).values_list("data", flat=True)
    )


def test_source_edit_and_sync_keep_every_translated_string(client, users, pair):
    before = ru_strings(pair)
    edit_source(pair.source, None, "Екінші, өзгертілген.")  # publishing syncs
    login(client, users["editor"])
    client.post(reverse("wagtail_localize:update_translations", args=[pair.translation.source_id]))

    assert ru_strings(pair) == before  # the old paragraph's translation is kept too
    total, done = pair.translation.get_progress()
    assert done == total - 1


def test_rejected_translation_keeps_its_strings_and_resumes(
    client, users, pair, django_capture_on_commit_callbacks
):
    segment = first_paragraph_segment(pair.translation)
    login(client, users["translator_ru"])
    put_string(client, pair.translation, segment, "Первый, исправленный.")
    with django_capture_on_commit_callbacks(execute=True):
        editor_publish(client, pair.target)
    before = ru_strings(pair)

    login(client, users["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, pair.target, "reject")
    state = WorkflowState.objects.get(object_id=str(pair.target.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert ru_strings(pair) == before

    login(client, users["translator_ru"])  # back to the translator, unlocked
    assert put_string(client, pair.translation, segment, "Первый, ещё раз.").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        editor_publish(client, pair.target)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the same review resumed

    login(client, users["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, pair.target, "approve")
    client.logout()
    status, html = live_html(client, pair.target)
    assert "Первый, ещё раз." in html and translated(TWO, "ru") in html


def test_deleting_the_translated_page_keeps_its_strings_for_a_new_translation(
    client, users, pair, django_capture_on_commit_callbacks
):
    before = ru_strings(pair)
    login(client, users["moderator"])
    response = client.post(reverse("wagtailadmin_pages:delete", args=[pair.target.pk]))
    assert response.status_code == 302
    assert pair.source.get_translation_or_none(locale("ru")) is None
    assert ru_strings(pair) == before
    assert not Translation.objects.get(pk=pair.translation.pk).enabled

    login(client, users["editor"])
    submit = reverse("wagtail_localize:submit_page_translation", args=[pair.source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit, {"locales": [locale("ru").pk]})
    translation = Translation.objects.get(pk=pair.translation.pk)
    assert translation.enabled
    total, done = translation.get_progress()
    assert done == total  # nothing to translate again
    new_page = pair.source.get_translation(locale("ru"))
    assert not new_page.live  # and it goes through review before it is public


def test_deleting_the_source_page_keeps_the_translation_and_its_strings(client, users, pair):
    before = ru_strings(pair)
    login(client, users["moderator"])
    client.post(reverse("wagtailadmin_pages:delete", args=[pair.source.pk]))
    assert not Page.objects.filter(pk=pair.source.pk).exists()

    assert ru_strings(pair) == before
    assert not Translation.objects.get(pk=pair.translation.pk).enabled
    client.logout()
    status, html = live_html(client, pair.target)
    assert status == 200 and translated(ONE, "ru") in html


def test_translators_cannot_delete_pages(client, users, pair):
    login(client, users["translator_ru"])
    Page.objects.filter(pk=pair.target.pk).update(live=False)  # Wagtail would allow it then
    assert denied(client.post(reverse("wagtailadmin_pages:delete", args=[pair.target.pk])))
    assert Page.objects.filter(pk=pair.target.pk).exists()
