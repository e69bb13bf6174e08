"""Login throttling that nobody can turn against the staff (django-axes): failures lock the
(account, address) pair, so an outsider guessing at a Moderator's username locks only
themselves out; one address failing across many accounts is locked too; and the address is
the one the proxy forwards only when the request comes from a proxy the operator named
(FORWARDED_ALLOW_IPS), never one an outsider writes into X-Forwarded-For."""

import pytest
from django.conf import settings
from django.urls import reverse

from federation_site.network import trusted_proxies
from tests.editorial_helpers import PASSWORD

pytestmark = pytest.mark.django_db

OUTSIDER = "203.0.113.7"
MODERATOR_AT_WORK = "198.51.100.9"
VARNISH = "172.28.0.10"  # compose.yaml's fixed address for Varnish


def attempt(client, username, password, address, **headers):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


@pytest.fixture
def behind_varnish(monkeypatch):
    """FORWARDED_ALLOW_IPS as compose.yaml sets it: Varnish's address only. The proxies are
    read once per process (lru_cache), so the cache is emptied around the test."""
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", VARNISH)
    trusted_proxies.cache_clear()
    yield
    trusted_proxies.cache_clear()


def test_an_outsider_guessing_at_a_moderators_username_cannot_lock_the_moderator_out(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        attempt(client, "moderator", "election-day guess", OUTSIDER)
    # The outsider's address is locked for that account, even with the right password...
    assert attempt(client, "moderator", PASSWORD, OUTSIDER).status_code == 429
    # ...and the Moderator, from their own address, is let in (on to the second factor).
    response = attempt(client, "moderator", PASSWORD, MODERATOR_AT_WORK)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_one_address_failing_across_accounts_is_locked(client, users):
    for name in ("nobody", "admin1", "root", "test", "editor2"):
        attempt(client, name, "guess", "192.0.2.50")
    assert attempt(client, "translator_kk", PASSWORD, "192.0.2.50").status_code == 429
    assert attempt(client, "translator_kk", PASSWORD, "192.0.2.51").status_code == 302


def test_forwarded_for_from_an_address_not_named_is_not_believed(client, users, behind_varnish):
    # Another container on the network (or the network's gateway) rotating X-Forwarded-For
    # is still one address, locked after five failures like any other.
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            client, f"guess{number}", "x", "172.28.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}"
        )
    response = attempt(
        client, "editor", PASSWORD, "172.28.0.1", HTTP_X_FORWARDED_FOR="198.51.100.77"
    )
    assert response.status_code == 429


def test_forwarded_for_from_the_named_proxy_is_the_readers_address(client, users, behind_varnish):
    # Through Varnish every reader is a reader of their own: one guesser's failures lock
    # that guesser, not everyone Varnish forwards.
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess{number}", "x", VARNISH, HTTP_X_FORWARDED_FOR=OUTSIDER)
    assert (
        attempt(client, "editor", PASSWORD, VARNISH, HTTP_X_FORWARDED_FOR=OUTSIDER).status_code
        == 429
    )
    response = attempt(
        client, "translator_ru", PASSWORD, VARNISH, HTTP_X_FORWARDED_FOR=MODERATOR_AT_WORK
    )
    assert response.status_code == 302
