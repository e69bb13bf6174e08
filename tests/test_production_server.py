"""The site as production runs it: gunicorn with production settings and gunicorn.conf.py.

Logs are one line per record with a time, a level and the request id (also returned in
X-Request-ID); X-Forwarded-Proto is believed only from FORWARDED_ALLOW_IPS; /healthz reports
the database and the cache separately; the scheduler's container health check follows its
heartbeat, not a web server it does not run."""

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

HOST = "fprk.example"
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (DEBUG|INFO|WARNING|ERROR|CRITICAL) "
    r"\[(?P<request_id>[-\w.]+)\] \S+: "
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp_path, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="federation_site.settings.production",
        SECRET_KEY="production-test-" + "k3#9vQ!zr7Lm2pX8wT5nB4cY6hJ1dF0sGaE*uIoP@lK",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS=HOST,
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(free_port()),
        WEB_CONCURRENCY="1",
        FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    env.update(extra)
    return env


def run(args, env):
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def request(port, path, *, source="127.0.0.1", headers=None):
    """A request from `source` (any 127.x.y.z reaches the loopback), no redirects followed."""
    with socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0)) as s:
        lines = [f"GET {path} HTTP/1.0", f"Host: {HOST}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parsed = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        parsed[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), parsed, body


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path)
    python = sys.executable
    run([python, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    run([python, "manage.py", "migrate", "--no-input", "-v0"], env)
    run([python, "manage.py", "setup_site"], env)
    log = open(tmp_path / "server.log", "w+")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "federation_site.wsgi:application",
            "--config",
            "gunicorn.conf.py",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    port = int(env["PORT"])
    try:
        for _ in range(150):
            try:
                request(port, "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        yield {"port": port, "log": tmp_path / "server.log", "env": env, "tmp": tmp_path}
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


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
    time.sleep(0.5)

    lines = server["log"].read_text().splitlines()
    # Every line, the server's own included, has the one format.
    assert lines and all(LOG_LINE.match(line) for line in lines), lines
    # Django's "Not Found" warning and gunicorn's access line both carry the request's id.
    mine = [line for line in lines if f"[{request_id}]" in line]
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
