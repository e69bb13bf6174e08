"""Scheduled publishing and expiry in both languages, run by `publish_scheduled`; the
admin shows times in Asia/Almaty."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page, Revision

from tests.editorial_helpers import (
    approved_pair,
    create_appeal,
    edit_url,
    fill_strings,
    live_html,
    login,
    submit_for_translation,
    translated,
)

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")


def schedule(page, *, go_live_at=None, expire_at=None, user=None):
    """A moderator sets the dates in the editor and publishes."""
    page = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    page.go_live_at = go_live_at
    page.expire_at = expire_at
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return Page.objects.get(pk=page.pk).specific


def let_time_pass_until_scheduled_revisions_are_due():
    """The clock reaches every scheduled go-live time (moved back instead of waiting)."""
    due = timezone.now() - datetime.timedelta(minutes=1)
    for revision in Revision.page_revisions.filter(approved_go_live_at__isnull=False):
        revision.approved_go_live_at = due
        revision.content["go_live_at"] = due.isoformat()
        revision.save(update_fields=["approved_go_live_at", "content"])


def run_publish_scheduled():
    """The command commits what it publishes; the purges run on commit (every cache is on)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_scheduled_page_goes_live_when_due(client, users, language):
    page = create_appeal(language, f"Жоспарланған {language}", "Мәтін.", publish=False)
    page = schedule(page, go_live_at=timezone.now() + datetime.timedelta(hours=1))
    assert not page.live
    assert client.get(page.url).status_code == 404

    run_publish_scheduled()  # not due yet
    assert not Page.objects.get(pk=page.pk).live

    let_time_pass_until_scheduled_revisions_are_due()
    run_publish_scheduled()
    assert Page.objects.get(pk=page.pk).live
    assert client.get(page.url).status_code == 200


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_expired_page_is_unpublished(client, users, language):
    page = create_appeal(language, f"Мерзімді {language}", "Мәтін.")
    page = schedule(page, expire_at=timezone.now() + datetime.timedelta(minutes=30))
    assert page.live
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))

    run_publish_scheduled()

    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert client.get(page.url).status_code == 404


def test_translation_waits_for_its_scheduled_source(
    client, users, django_capture_on_commit_callbacks
):
    go_live_at = timezone.now() + datetime.timedelta(hours=2)
    kk_page = create_appeal("kk", "Ертеңгі үндеу", "Ертең жарияланады.", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        translation = submit_for_translation(kk_page, "ru")
    kk_page = schedule(kk_page, go_live_at=go_live_at, user=users["moderator"])
    fill_strings(translation)

    from editorial.translations import publish_translation

    publish_translation(translation, users["moderator"])  # approved before the source is out
    ru_page = translation.get_target_instance()
    assert not ru_page.live
    assert abs(ru_page.scheduled_revision.approved_go_live_at - go_live_at).total_seconds() < 1

    let_time_pass_until_scheduled_revisions_are_due()
    run_publish_scheduled()

    status, html = live_html(client, ru_page)
    assert status == 200 and translated("Ертең жарияланады.", "ru") in html
    assert Page.objects.get(pk=kk_page.pk).live


def test_translations_expire_with_their_source(client, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pair = approved_pair("kk", "ru", "Уақытша үндеу", "Мәтін.")
    schedule(pair.source, expire_at=timezone.now() + datetime.timedelta(minutes=30))
    assert pair.target.expire_at == Page.objects.get(pk=pair.source.pk).expire_at

    Page.objects.filter(translation_key=pair.source.translation_key).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    run_publish_scheduled()

    assert not Page.objects.get(pk=pair.target.pk).live
    assert client.get(pair.target.url).status_code == 404


def test_admin_shows_schedule_in_almaty_time(client, users):
    go_live_at = datetime.datetime(2031, 1, 15, 7, 30, tzinfo=datetime.UTC)
    page = create_appeal("ru", "Запланированное обращение", "Текст.", publish=False)
    schedule(page, go_live_at=go_live_at, user=users["moderator"])

    login(client, users["moderator"])
    html = client.get(edit_url(page)).content.decode()

    almaty = go_live_at.astimezone(ALMATY)
    assert almaty.strftime("%H:%M") != go_live_at.strftime("%H:%M")
    assert almaty.strftime("%d.%m.%Y %H:%M") in html
    assert go_live_at.strftime("%d.%m.%Y %H:%M") not in html
