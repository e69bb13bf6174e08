"""Two people acting on one translation at the same moment: one review and one clear message,
never a server error; publishing a translation happens whole or not at all."""

import threading

import pytest
from django.db import connection, connections
from django.utils.html import escape
from wagtail.models import Revision, WorkflowState
from wagtail.signals import page_published
from wagtail_localize.models import TranslationLog

from editorial.translations import publish_translation
from tests.editorial_helpers import (
    admin_text,
    approved_pair,
    editor_publish,
    first_paragraph_segment,
    login,
    put_string,
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_translators_submitting_at_once_get_one_review_and_one_message(users, client):
    if connection.vendor != "postgresql":
        pytest.skip("needs two real connections to one database (PostgreSQL, as in CI)")
    from django.contrib.auth.models import Group
    from django.test import Client

    from editorial.roles import translators_group_name
    from tests.editorial_helpers import make_user

    pair = approved_pair("kk", "ru", "Бір уақытта", "Азат жол.")
    second = make_user("translator_ru_2", translators_group_name("ru"))
    assert Group.objects.filter(user=second).exists()
    login(client, users["translator_ru"])
    put_string(client, pair.translation, first_paragraph_segment(pair.translation), "Новый.")

    barrier = threading.Barrier(2)
    responses = {}

    def submit(name, user):
        person = login(Client(), user)
        barrier.wait()
        try:
            responses[name] = editor_publish(person, pair.target)
            follow = person.get(responses[name]["Location"])
            responses[name + "_page"] = follow.content.decode()
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=submit, args=("first", users["translator_ru"])),
        threading.Thread(target=submit, args=("second", second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert responses["first"].status_code == 302 and responses["second"].status_code == 302
    states = WorkflowState.objects.filter(object_id=str(pair.target.pk))
    assert states.count() == 1
    assert states.get().status == WorkflowState.STATUS_IN_PROGRESS
    pages = responses["first_page"] + responses["second_page"]
    title, language = pair.target.title, "Русский"
    submitted = admin_text(
        "'%(title)s' in %(language)s was submitted for review. The public page does not "
        "change until a moderator approves it.",
        title=title,
        language=language,
    )
    waiting = admin_text(
        "'%(title)s' in %(language)s is already awaiting review.", title=title, language=language
    )
    assert pages.count(escape(submitted)) == 1
    assert pages.count(escape(waiting)) == 1


@pytest.mark.django_db
def test_a_failed_publication_leaves_no_revision_behind(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pair = approved_pair("kk", "ru", "Жартылай емес", "Азат жол.")
    revisions = Revision.objects.count()
    logs = TranslationLog.objects.count()

    def fail(**kwargs):
        raise RuntimeError("the search index is down")

    page_published.connect(fail, dispatch_uid="test_fail_publish")
    try:
        with pytest.raises(RuntimeError):
            publish_translation(pair.translation, users["moderator"])
    finally:
        page_published.disconnect(dispatch_uid="test_fail_publish")
    assert Revision.objects.count() == revisions
    assert TranslationLog.objects.count() == logs
