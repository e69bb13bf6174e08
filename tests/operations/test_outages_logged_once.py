"""A dependency outage is logged as one line when it starts and one when it ends, not as a
traceback per cache call or per request (before: 208 tracebacks, 800 KB, in a two-minute
Redis outage). Production's own cache settings, pointed at a port where nothing listens,
then at the real Redis."""

import logging
import socket

import pytest
from django.core.cache import caches
from django.db import OperationalError, connections
from django.db.backends.utils import CursorWrapper

from federation_site import outages
from federation_site.logs import OneLineFormatter
from tests.operations.test_healthz import redis_available
from tests.operations.test_settings_and_operations import PRODUCTION_ENV, production_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_outage_known():
    """Each test starts in a process that has seen no outage (the state is per process)."""
    outages.REDIS.down = outages.DATABASE.down = False
    yield
    outages.REDIS.down = outages.DATABASE.down = False


def closed_port():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        return closed.getsockname()[1]  # nothing listens there once the socket is closed


def use_production_cache(settings, location):
    production = production_settings({**PRODUCTION_ENV, "REDIS_URL": location})
    settings.CACHES = production["CACHES"]
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = production["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"]
    settings.DJANGO_REDIS_LOGGER = production["DJANGO_REDIS_LOGGER"]


def cache_calls(count):
    cache = caches["default"]
    calls = [
        lambda: cache.get("k"),
        lambda: cache.get_many(["k", "l"]),
        lambda: cache.set("k", 1),
        lambda: cache.add("k", 1),
        lambda: cache.delete("k"),  # last of ten: nothing is left in Redis
    ]
    for number in range(count):
        calls[number % len(calls)]()


def records(caplog, name):
    return [record for record in caplog.records if record.name == name]


def assert_one_line(record, level, start):
    assert record.levelno == level and record.getMessage().startswith(start)
    assert record.exc_info is None
    line = OneLineFormatter().format(record)
    assert "Traceback" not in line and len(line) < 400, line


def test_a_redis_outage_is_logged_once_and_its_end_too(settings, caplog):
    if not redis_available():
        pytest.skip("needs Redis on 127.0.0.1:6379 (CI has it)")
    caplog.set_level(logging.INFO)
    use_production_cache(settings, f"redis://127.0.0.1:{closed_port()}/15")
    cache_calls(50)
    assert caches["default"].get("k") is None  # errors ignored: the site goes on
    (down,) = records(caplog, "federation_site.cache")
    assert_one_line(down, logging.WARNING, "Redis unreachable: ")
    assert "Connection refused" in down.getMessage()
    assert "Traceback" not in caplog.text

    # A URL no other test uses: django-redis keeps one connection pool per URL per process,
    # and a pool made by a test without production's options has other connections.
    use_production_cache(settings, "redis://127.0.0.1:6379/15?client_name=outages-test")
    cache_calls(10)
    up = records(caplog, "federation_site.cache")[1:]
    assert len(up) == 1
    assert_one_line(up[0], logging.INFO, "Redis reachable again")

    # The next outage is reported again, once.
    use_production_cache(settings, f"redis://127.0.0.1:{closed_port()}/15")
    cache_calls(20)
    again = records(caplog, "federation_site.cache")[2:]
    assert [record.getMessage()[:18] for record in again] == ["Redis unreachable:"]


def test_a_database_outage_is_logged_once_and_its_end_too(
    client, site_structure, monkeypatch, caplog
):
    caplog.set_level(logging.INFO)
    client.raise_request_exception = False

    def unreachable(self, sql, params=None):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    monkeypatch.setattr(CursorWrapper, "execute", unreachable)
    for path in ["/kk/", "/ru/", "/kk/search/?q=x"] * 7:
        assert client.get(path).status_code == 503
    monkeypatch.undo()
    (down,) = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert down.name == "federation_site"
    assert_one_line(down, logging.WARNING, "Database unreachable: connection to server")
    assert "Traceback" not in caplog.text

    # The first connection made after the outage ends it (here: a new one, as a worker
    # whose connection was lost makes).
    fresh = connections.create_connection("default")
    fresh.ensure_connection()
    fresh.close()
    up = [record for record in caplog.records if record.getMessage().startswith("Database")]
    assert len(up) == 2
    assert_one_line(up[1], logging.INFO, "Database reachable again")


def test_production_keeps_the_connection_kind_of_its_redis_url():
    """The recovery report rides on the connection class: TLS and socket URLs keep theirs."""
    from redis.connection import SSLConnection, UnixDomainSocketConnection

    def connection_class(url):
        caches = production_settings({**PRODUCTION_ENV, "REDIS_URL": url})["CACHES"]
        return caches["default"]["OPTIONS"]["CONNECTION_POOL_KWARGS"]["connection_class"]

    assert connection_class("redis://cache:6379/0") is outages.ReportingConnection
    assert issubclass(connection_class("rediss://cache:6380/0"), SSLConnection)
    assert issubclass(connection_class("unix:///run/redis.sock?db=0"), UnixDomainSocketConnection)


def test_while_redis_is_down_pages_are_still_kept_briefly_in_front(client, settings, seed_appeal):
    """Nothing can be stored in the shared cache, but Varnish may keep a public page for a
    minute (its purges do not need Redis), so a Redis outage does not send every reader to
    the app servers; private answers stay private."""
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = True
    use_production_cache(settings, f"redis://127.0.0.1:{closed_port()}/0")
    kk, _ru = seed_appeal
    for url in ("/kk/", kk.url):
        response = client.get(url)
        assert response.status_code == 200, url
        control = response["Cache-Control"]
        assert "public" in control and "s-maxage=60" in control, (url, control)
        assert response["X-Page-Cache"] == "unreachable"
    unread = client.get("/kk/?utm_source=share")  # a query the page does not read
    assert "private" in unread["Cache-Control"]
