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
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import pytest

from tests.conftest import REPO
from tests.tcp_proxy import TcpProxy
from tests.test_production_server import production_env, request, run

POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
RECOVERY_SECONDS = 5


def postgres_available():
    try:
        psycopg2.connect(dbname="postgres", connect_timeout=3, **POSTGRES).close()
    except psycopg2.OperationalError:
        return False
    return True


pytestmark = pytest.mark.skipif(
    not postgres_available(), reason="needs PostgreSQL on 127.0.0.1:5432 (CI has it)"
)


def admin_sql(statement):
    connection = psycopg2.connect(dbname="postgres", **POSTGRES)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


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
def server(tmp_path_factory):
    name = f"federation_faults_{uuid.uuid4().hex[:8]}"
    admin_sql(f'CREATE DATABASE "{name}"')
    postgres, redis = TcpProxy(5432).start(), TcpProxy(6379).start()
    tmp_path = tmp_path_factory.mktemp("faults")
    direct = f"postgres://postgres@127.0.0.1:5432/{name}"
    env = production_env(
        tmp_path,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{postgres.port}/{name}",
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/14",
        WEB_CONCURRENCY="2",
        DATABASE_CONNECT_TIMEOUT="2",
    )
    run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        {**env, "DATABASE_URL": direct},
    )
    run([sys.executable, "manage.py", "setup_site"], {**env, "DATABASE_URL": direct})
    run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    log_path = tmp_path / "server.log"
    log = open(log_path, "w+")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "federation_site.wsgi:application",
            "--config",
            "gunicorn.conf.py",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    info = {"port": int(env["PORT"]), "postgres": postgres, "redis": redis, "log": log_path}
    try:
        wait_until(lambda: _answers(info), seconds=60)
        yield info
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        postgres.stop()
        redis.stop()
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _answers(server):
    try:
        return get(server, "/healthz")[0] == 200
    except OSError:
        return False


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
