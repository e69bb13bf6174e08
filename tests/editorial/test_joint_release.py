"""Publishing a source page together with its translations (issue 21, point 5): the new
source and its translations wait until every translation is approved, then go live in one
transaction, purged once, at the source's go-live time if it has one. Readers never see the
new source beside the old translation."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from core.caching import invalidation
from editorial.models import JointRelease
from editorial.releases import waiting_release
from tests.editorial.test_editorial_permission_matrix import page_form
from tests.editorial_helpers import (
    approved_pair,
    denied,
    edit_url,
    editor_publish,
    fill_strings,
    login,
    workflow_action,
)

pytestmark = pytest.mark.django_db

NEW_TEXT = "Matrix."  # what page_form puts in the body


def public_text(page):
    """What a reader gets at the page's address (through the page cache, as deployed)."""
    response = Client().get(Page.objects.get(pk=page.pk).url)
    return response.status_code, response.content.decode()


def submit_to_go_live_together(client, user, page, **fields):
    login(client, user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            edit_url(page),
            page_form(
                page.title, slug=page.slug, **{"action-submit": "release-together"}, **fields
            ),
        )
    assert response.status_code == 302
    return Page.objects.get(pk=page.pk).specific


def approve(client, moderator, page):
    login(client, moderator)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = workflow_action(client, page, "approve")
    assert response.status_code in (200, 302)


def translator_submits(client, translator, pair):
    fill_strings(pair.translation, user=translator)
    login(client, translator)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = editor_publish(client, pair.target)
    assert response.status_code == 302
    assert Page.objects.get(pk=pair.target.pk).workflow_in_progress


@pytest.mark.parametrize(("source", "target"), [("kk", "ru"), ("ru", "kk")])
def test_source_and_translation_go_live_together_and_not_before(client, users, source, target):
    pair = approved_pair(source, target, f"Бірге {source}", "Бірінші абзац.", "Екінші абзац.")
    translator = users[f"translator_{target}"]
    # Readers have the page and its translation in the page cache.
    assert NEW_TEXT not in public_text(pair.source)[1]
    assert NEW_TEXT.upper() not in public_text(pair.target)[1]

    submit_to_go_live_together(client, users["editor"], pair.source)
    release = waiting_release(pair.source.translation_key)
    assert release is not None and release.source_page_id == pair.source.pk

    approve(client, users["moderator"], pair.source)
    # Approved, but held: readers still read the old text in both languages ...
    assert NEW_TEXT not in public_text(pair.source)[1]
    assert (
        not Page.objects.get(pk=pair.source.pk).specific.body.raw_data[0]["value"].count(NEW_TEXT)
    )
    # ... while the translator already has the new text to translate.
    total, done = pair.translation.get_progress()
    assert done < total
    sources = pair.translation.source.stringsegment_set.values_list("string__data", flat=True)
    assert NEW_TEXT in list(sources)

    translator_submits(client, translator, pair)
    assert NEW_TEXT not in public_text(pair.source)[1]

    approve(client, users["moderator"], pair.target)
    release.refresh_from_db()
    assert release.status == JointRelease.RELEASED
    assert NEW_TEXT in public_text(pair.source)[1]
    assert f"{target.upper()}: {NEW_TEXT.upper()}" in public_text(pair.target)[1]
    history = PageLogEntry.objects.filter(page_id=pair.source.pk).values_list("action", flat=True)
    assert {"editorial.release_requested", "editorial.release_held", "editorial.released"} <= set(
        history
    )


def test_the_release_is_one_transaction_purged_once(client, users, monkeypatch):
    pair = approved_pair("kk", "ru", "Бір рет тазарту", "Бірінші абзац.")
    purges = []
    purge = invalidation.purge
    monkeypatch.setattr(
        invalidation, "purge", lambda paths: purges.append(set(paths)) or purge(paths)
    )

    submit_to_go_live_together(client, users["editor"], pair.source)
    approve(client, users["moderator"], pair.source)
    translator_submits(client, users["translator_ru"], pair)
    purges.clear()
    approve(client, users["moderator"], pair.target)

    assert len(purges) == 1, purges
    assert {Page.objects.get(pk=pair.source.pk).url, Page.objects.get(pk=pair.target.pk).url} <= (
        purges[0]
    )
    source = Page.objects.get(pk=pair.source.pk)
    target = Page.objects.get(pk=pair.target.pk)
    assert source.last_published_at == target.last_published_at or (
        abs(source.last_published_at - target.last_published_at) < datetime.timedelta(seconds=5)
    )


def test_a_scheduled_release_waits_for_its_time_and_for_every_translation(client, users):
    pair = approved_pair("kk", "ru", "Жоспарлы бірге", "Бірінші абзац.")
    go_live = timezone.localtime(timezone.now() + datetime.timedelta(hours=2))
    submit_to_go_live_together(
        client, users["editor"], pair.source, go_live_at=go_live.strftime("%Y-%m-%d %H:%M")
    )
    approve(client, users["moderator"], pair.source)
    release = waiting_release(pair.source.translation_key)
    assert release.go_live_at is not None

    # Due, but the translation is not approved: nothing goes live.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("release_together", verbosity=0)
    assert NEW_TEXT not in public_text(pair.source)[1]

    translator_submits(client, users["translator_ru"], pair)
    approve(client, users["moderator"], pair.target)
    # Approved, but its time has not come: still the old text.
    assert waiting_release(pair.source.translation_key) is not None
    assert NEW_TEXT not in public_text(pair.source)[1]
    # Wagtail's own scheduler never publishes a held page alone.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    assert NEW_TEXT not in public_text(pair.source)[1]

    # The clock reaches the go-live time (moved back instead of waiting).
    due = timezone.now() - datetime.timedelta(minutes=1)
    JointRelease.objects.filter(pk=release.pk).update(go_live_at=due)
    for held in release.held.select_related("revision"):
        if held.revision.content.get("go_live_at"):
            held.revision.content["go_live_at"] = due.isoformat()
            held.revision.save(update_fields=["content"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("release_together", verbosity=0)
    assert NEW_TEXT in public_text(pair.source)[1]
    assert f"RU: {NEW_TEXT.upper()}" in public_text(pair.target)[1]


def test_the_choice_is_offered_on_sources_only(client, users):
    pair = approved_pair("kk", "ru", "Таңдау", "Абзац.")
    login(client, users["editor"])
    source_html = client.get(edit_url(pair.source)).content.decode()
    assert 'value="release-together"' in source_html
    login(client, users["translator_ru"])
    assert 'value="release-together"' not in client.get(edit_url(pair.target)).content.decode()


def test_without_the_choice_pages_publish_as_before(client, users):
    pair = approved_pair("kk", "ru", "Әдеттегідей", "Абзац.")
    login(client, users["editor"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            edit_url(pair.source),
            page_form(pair.source.title, slug=pair.source.slug, **{"action-submit": "1"}),
        )
    approve(client, users["moderator"], pair.source)
    assert waiting_release(pair.source.translation_key) is None
    assert NEW_TEXT in public_text(pair.source)[1]


def test_an_editor_may_stop_waiting_and_nothing_goes_live(client, users):
    pair = approved_pair("kk", "ru", "Тоқтатылған", "Абзац.")
    submit_to_go_live_together(client, users["editor"], pair.source)
    approve(client, users["moderator"], pair.source)
    release = waiting_release(pair.source.translation_key)
    url = reverse("editorial:cancel_release", args=[release.pk])

    login(client, users["translator_ru"])
    assert denied(client.post(url))
    login(client, users["editor"])
    page_html = client.get(edit_url(pair.source)).content.decode()
    assert url in page_html  # the notice on the page offers it
    assert client.get(url).status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(url).status_code == 302
    release.refresh_from_db()
    assert release.status == JointRelease.CANCELLED
    assert NEW_TEXT not in public_text(pair.source)[1]
    # From now on the page publishes as any other.
    login(client, users["moderator"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        Page.objects.get(pk=pair.source.pk).get_latest_revision().publish(user=users["moderator"])
    assert NEW_TEXT in public_text(pair.source)[1]
