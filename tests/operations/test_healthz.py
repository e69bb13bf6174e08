"""/healthz tells the public only whether the site is up ("ok", "degraded", "down"); which
dependency failed, and how, only the container's own health check (the loopback, not relayed
by a proxy) and signed-in staff learn. Asked every few seconds by every container and the
proxy, it reads and never writes: no cache key, no row."""

import socket
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

OUTSIDER = "203.0.113.7"
DETAILS = {"status": "ok", "database": "ok", "cache": "ok"}


def health(client, **extra):
    response = client.get("/healthz", **extra)
    return response.status_code, response.json()


def test_the_public_learns_only_the_status(client):
    assert health(client, REMOTE_ADDR=OUTSIDER) == (200, {"status": "ok"})
    assert health(client, REMOTE_ADDR="2001:db8::7") == (200, {"status": "ok"})


def test_the_containers_own_check_sees_each_dependency(client):
    assert health(client, REMOTE_ADDR="127.0.0.1") == (200, DETAILS)
    assert health(client, REMOTE_ADDR="::1") == (200, DETAILS)


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_X_FORWARDED_FOR": OUTSIDER},
        {"HTTP_FORWARDED": f"for={OUTSIDER}"},
        {"HTTP_X_REAL_IP": OUTSIDER},
    ],
)
def test_a_request_relayed_by_a_proxy_on_the_loopback_is_public(client, header):
    """Varnish (or nginx) on the same machine connects from 127.0.0.1 on a reader's behalf."""
    assert health(client, REMOTE_ADDR="127.0.0.1", **header) == (200, {"status": "ok"})


def test_signed_in_staff_see_the_details_from_anywhere_and_others_do_not(client):
    people = get_user_model().objects
    staff = people.create_user("health-staff", "staff@example.org", "x", is_staff=True)
    reader = people.create_user("health-reader", "reader@example.org", "x")
    client.force_login(reader)
    assert health(client, REMOTE_ADDR=OUTSIDER) == (200, {"status": "ok"})
    client.force_login(staff)
    with CaptureQueriesContext(connection) as queries:
        assert health(client, REMOTE_ADDR=OUTSIDER) == (200, DETAILS)
    # Reading the session and the user is all: nothing saved, nothing updated.
    written = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert written == []
    staff.is_active = False
    staff.save()
    assert health(client, REMOTE_ADDR=OUTSIDER) == (200, {"status": "ok"})


def test_a_broken_database_is_down_to_the_public_and_named_on_the_loopback(client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise OperationalError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    assert health(client, REMOTE_ADDR=OUTSIDER) == (503, {"status": "down"})
    status, report = health(client, REMOTE_ADDR="127.0.0.1")
    assert status == 503
    assert report == {"status": "down", "database": "error: OperationalError", "cache": "ok"}


def redis_available():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def redis_cache(location, prefix):
    """The production cache settings (federation_site/settings/production.py)."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }


def test_a_health_check_writes_no_cache_key(client, settings):
    if not redis_available():
        pytest.skip("needs Redis on 127.0.0.1:6379 (CI has it)")
    prefix = f"healthz-{uuid.uuid4().hex}"
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/9", prefix)
    from django_redis import get_redis_connection

    redis = get_redis_connection("default")

    def keys():
        return sorted(redis.scan_iter(match=f"{prefix}:*"))

    try:
        assert keys() == []
        for address in ("127.0.0.1", OUTSIDER, "127.0.0.1"):
            assert health(client, REMOTE_ADDR=address)[0] == 200
        assert health(client, REMOTE_ADDR="127.0.0.1") == (200, DETAILS)
        assert keys() == []
    finally:
        for key in keys():
            redis.delete(key)


def test_redis_down_is_degraded_though_the_cache_swallows_errors(client, settings):
    """django-redis answers a failed read with None (IGNORE_EXCEPTIONS): the check asks Redis
    itself, so an unreachable Redis is seen."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens there once the socket is closed
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{port}/9", "healthz-down")
    assert health(client, REMOTE_ADDR=OUTSIDER) == (200, {"status": "degraded"})
    status, report = health(client, REMOTE_ADDR="127.0.0.1")
    assert status == 200 and report["status"] == "degraded" and report["database"] == "ok"
    assert report["cache"].startswith("error")
