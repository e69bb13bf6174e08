"""Redis and the database can fail without taking the site down, and the site recovers by
itself when they return. Production settings under gunicorn, on PostgreSQL and Redis reached
through proxies that the test cuts and restores (the real services stay up for other tests).

- Redis down: pages still serve (from the database), /healthz says "degraded", the failure is
  logged; back up, the cache is used again.
- PostgreSQL down: pages already in the page cache keep serving; a page that must be rendered
  answers 503 with Retry-After from the static error page, /healthz answers 503 naming the
  database; back up, pages serve again within seconds.
"""

import json
import time
import uuid

import pytest

from tests.servers import (
    gunicorn,
    manage,
    postgres_copy,
    postgres_url,
    production_env,
    request,
    wait_for_health,
)
from tests.tcp_proxy import TcpProxy

RECOVERY_SECONDS = 5


def get(server, path="/kk/"):
    return request(server["port"], path, headers={"X-Forwarded-Proto": "https"})


def wait_until(check, seconds=RECOVERY_SECONDS):
    deadline = time.monotonic() + seconds
    while True:
        if check():
            return time.monotonic() - (deadline - seconds)
        if time.monotonic() > deadline:
            raise AssertionError(f"not recovered within {seconds} s")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory, postgres_template, collected_static):
    tmp_path = tmp_path_factory.mktemp("faults")
    with postgres_copy(postgres_template) as name:
        postgres, redis = TcpProxy(5432).start(), TcpProxy(6379).start()
        env = production_env(
            tmp_path,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{postgres.port}/{name}",
            REDIS_URL=f"redis://127.0.0.1:{redis.port}/14",
            STATIC_ROOT=str(collected_static),
            WEB_CONCURRENCY="2",
            DATABASE_CONNECT_TIMEOUT="2",
        )
        manage({**env, "DATABASE_URL": postgres_url(name)}, "setup_site")
        port = int(env["PORT"])
        log_path = tmp_path / "server.log"
        try:
            with gunicorn(env, log_path):
                wait_for_health(port)
                yield {"port": port, "postgres": postgres, "redis": redis, "log": log_path}
        finally:
            postgres.stop()
            redis.stop()


def health(server):
    status, _headers, body = get(server, "/healthz")
    return status, json.loads(body)


def test_pages_serve_while_redis_is_down_and_the_cache_returns(server):
    assert health(server) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    server["redis"].stop()
    try:
        for path in ("/kk/", "/ru/", "/kk/search/"):
            for _ in range(3):
                assert get(server, fresh(path))[0] == 200, path
        status, report = health(server)
        assert status == 200
        assert report["status"] == "degraded" and report["database"] == "ok"
        assert report["cache"].startswith("error")
    finally:
        server["redis"].start()
    wait_until(lambda: health(server)[1]["cache"] == "ok")
    assert get(server)[0] == 200
    log = server["log"].read_text()
    assert "federation_site.cache" in log  # django-redis logged what it ignored


def fresh(path):
    """A query string never asked before: the page must be rendered, not served from the
    page cache."""
    return f"{path}?fresh={uuid.uuid4().hex}"


def test_pages_answer_503_while_the_database_is_down_and_recover(server):
    assert get(server)[0] == 200  # /kk/ is in the page cache from now on
    server["postgres"].stop()
    try:
        # Cached pages still serve while the database is down...
        assert get(server)[0] == 200
        # ...and a page that must be rendered answers 503 from the static error page.
        status, headers, body = get(server, fresh("/kk/"))
        assert status == 503
        assert headers["retry-after"] == "30"
        assert "no-cache" in headers["cache-control"] or "no-store" in headers["cache-control"]
        text = body.decode()
        assert '<html lang="kk">' in text and "Сайт уақытша қолжетімсіз" in text
        status, _headers, body = get(server, fresh("/ru/"))
        assert status == 503 and "Сайт временно недоступен" in body.decode()
        status, report = health(server)
        assert status == 503
        assert report["database"].startswith("error") and report["cache"] == "ok"
    finally:
        server["postgres"].start()
    took = wait_until(lambda: get(server, fresh("/kk/"))[0] == 200)
    assert took < RECOVERY_SECONDS
    assert health(server) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
