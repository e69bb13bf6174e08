"""Signing in to the admin is hard to abuse: failed passwords lock the account at that address
(django-axes; the rules are in tests/security/test_login_throttling.py) with a message in the
person's language, and sessions end after inactivity."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.editorial_helpers import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = {
    "kk": "Жүйеге кіру уақытша бұғатталды",
    "ru": "Вход временно заблокирован",
    "en": "Sign-in temporarily blocked",
}


def attempt(client, username, password, address="203.0.113.7", language="ru"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = attempt(client, username, "wrong password", address)
        assert response.status_code == 200  # the login form again, with its error


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_five_failures_lock_the_account_from_that_address(client, users, language):
    fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
    response = attempt(client, "editor", "wrong password", language=language)
    assert response.status_code == 429
    # The right password no longer helps from there, and the message is in the language.
    response = attempt(client, "editor", PASSWORD, language=language)
    assert response.status_code == 429
    assert LOCKED[language] in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Who may still sign in, and from where: tests/security/test_login_throttling.py.


def test_a_session_ends_after_two_hours_without_a_request(client, users):
    assert attempt(client, "editor", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # Working moves the end of the session forward (at most five minutes late)...
    session.expire_date = timezone.now() + datetime.timedelta(minutes=30)
    session.save()
    stored = client.session
    stored["accounts_refreshed_at"] -= settings.SESSION_REFRESH_SECONDS
    stored.save()
    assert client.get("/admin/").status_code == 200
    session.refresh_from_db()
    assert session.expire_date > timezone.now() + datetime.timedelta(hours=1, minutes=59)
    # ...and two idle hours end it.
    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
