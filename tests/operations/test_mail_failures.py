"""A failure to notify moderators by e-mail is logged and shown to the person who submitted;
the submission itself goes through (the page is in review) and never becomes a server error."""

import logging

import pytest
from wagtail.models import WorkflowState

from tests.editorial_helpers import (
    approved_pair,
    editor_publish,
    first_paragraph_segment,
    login,
    put_string,
)

pytestmark = pytest.mark.django_db

WARNING = {
    "ru": "Уведомление по электронной почте не отправлено",
    "kk": "Электрондық пошта хабарламасы жіберілмеді",
}


@pytest.mark.parametrize(
    "server,error",
    [
        ("tests.failing_mail.UnreachableServer", "gaierror"),
        ("tests.failing_mail.RefusingServer", "SMTPAuthenticationError"),
    ],
)
def test_a_translator_submitting_while_mail_is_down_is_told_and_the_review_starts(
    client, users, settings, caplog, django_capture_on_commit_callbacks, server, error
):
    with django_capture_on_commit_callbacks(execute=True):
        pair = approved_pair("kk", "ru", "Үндеу", "Бірінші азат жол.")
    login(client, users["translator_ru"])
    put_string(client, pair.translation, first_paragraph_segment(pair.translation), "Новый.")
    # What every setting file configures (pytest-django swaps EMAIL_BACKEND for locmem).
    settings.EMAIL_BACKEND = "federation_site.mail.ReportingEmailBackend"
    settings.MAIL_DELIVERY_BACKEND = server

    with caplog.at_level(logging.ERROR, logger="federation_site.mail"):
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_publish(client, pair.target)
    assert response.status_code == 302

    state = WorkflowState.objects.get(object_id=str(pair.target.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert any(error in record.getMessage() for record in caplog.records)
    page = client.get(response["Location"]).content.decode()
    assert WARNING["ru"] in page or WARNING["kk"] in page
    assert error in page
