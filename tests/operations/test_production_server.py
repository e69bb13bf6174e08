"""The site as production runs it: gunicorn with production settings and gunicorn.conf.py.

Logs are one line per record with a time, a level and the request id (also returned in
X-Request-ID); X-Forwarded-Proto is believed only from FORWARDED_ALLOW_IPS; /healthz reports
the database and the cache separately; the scheduler's container health check follows its
heartbeat, not a web server it does not run."""

import json
import re
import shutil
import subprocess
import sys
import time

import pytest

from tests.servers import (
    HOST,
    REPO,
    gunicorn,
    manage,
    production_env,
    request,
    run,
    wait_for_health,
)

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (DEBUG|INFO|WARNING|ERROR|CRITICAL) "
    r"\[(?P<request_id>[-\w.]+)\] \S+: "
)


@pytest.fixture(scope="module")
def server(tmp_path_factory, migrated_sqlite, collected_static):
    tmp_path = tmp_path_factory.mktemp("production")
    shutil.copy(migrated_sqlite, tmp_path / "db.sqlite3")
    env = production_env(tmp_path, STATIC_ROOT=str(collected_static))
    manage(env, "setup_site")
    port = int(env["PORT"])
    with gunicorn(env, tmp_path / "server.log"):
        wait_for_health(port)
        yield {"port": port, "log": tmp_path / "server.log", "env": env, "tmp": tmp_path}


def test_every_log_line_has_time_level_and_request_id(server):
    port = server["port"]
    headers = {"X-Forwarded-Proto": "https"}
    status, response_headers, _ = request(port, "/kk/no-such-page/", headers=headers)
    assert status == 404
    request_id = response_headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    # A request id from the proxy is kept when it is well-formed, replaced when it is not.
    _, kept, _ = request(port, "/kk/", headers={**headers, "X-Request-ID": "lb-1234abcd"})
    assert kept["x-request-id"] == "lb-1234abcd"
    _, forged, _ = request(port, "/kk/", headers={**headers, "X-Request-ID": "x\tINFO fake"})
    assert forged["x-request-id"] != "x\tINFO fake"

    # gunicorn writes an access line after its response: read the log until the last request's
    # line is there (a bounded poll, not a fixed wait), so every earlier line is in too.
    last = f"[{forged['x-request-id']}] gunicorn.access:"
    deadline = time.monotonic() + 5
    lines = server["log"].read_text().splitlines()
    while not any(last in line for line in lines) and time.monotonic() < deadline:
        time.sleep(0.05)
        lines = server["log"].read_text().splitlines()
    mine = [line for line in lines if f"[{request_id}]" in line]
    # Every line, the server's own included, has the one format.
    assert lines and all(LOG_LINE.match(line) for line in lines), lines
    # Django's "Not Found" warning and gunicorn's access line both carry the request's id.
    assert any("django.request: Not Found: /kk/no-such-page/" in line for line in mine), lines
    assert any("gunicorn.access:" in line and "/kk/no-such-page/" in line for line in mine)


def test_forwarded_proto_is_believed_only_from_trusted_proxies(server):
    port = server["port"]
    # From the trusted proxy (127.0.0.1), X-Forwarded-Proto: https means HTTPS: page served.
    status, headers, _ = request(port, "/kk/", headers={"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "max-age=" in headers["strict-transport-security"]
    # The same header from anyone else is ignored: plain HTTP, redirected to HTTPS.
    status, headers, _ = request(
        port, "/kk/", source="127.0.0.2", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 301
    assert headers["location"] == f"https://{HOST}/kk/"


def test_healthz_reports_database_and_cache(server):
    status, _, body = request(server["port"], "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"}


def test_container_health_checks_follow_the_role(server):
    env = {**server["env"], "SCHEDULER_HEARTBEAT_FILE": str(server["tmp"] / "heartbeat")}
    check = [sys.executable, "-m", "federation_site.healthcheck"]
    web = subprocess.run(check, cwd=REPO, env=env, timeout=30)
    assert web.returncode == 0
    scheduler_env = {**env, "CONTAINER_ROLE": "scheduler"}
    # No web server is asked: before its first round the scheduler is unhealthy...
    assert subprocess.run(check, cwd=REPO, env=scheduler_env, timeout=30).returncode == 1
    run([sys.executable, "manage.py", "run_scheduler", "--rounds", "1"], scheduler_env)
    # ...and healthy once `publish_scheduled` has run, even with the web port closed.
    closed = {**scheduler_env, "PORT": "9"}
    assert subprocess.run(check, cwd=REPO, env=closed, timeout=30).returncode == 0
