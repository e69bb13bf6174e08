"""Running the site the way production does, for tests that need real processes: gunicorn
with production settings, a database of its own (a copy of a migrated one, so each test
does not migrate again), collected static files, and raw HTTP requests from any loopback
address.

The fixtures built on these are in tests/conftest.py (`collected_static`,
`postgres_template`, `migrated_sqlite`)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg2

REPO = Path(__file__).resolve().parent.parent
HOST = "fprk.example"
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


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
        # Production refuses a page cache without the shared one; each server its own keys.
        REDIS_URL="redis://127.0.0.1:6379/12",
        CACHE_KEY_PREFIX=f"test-{uuid.uuid4().hex[:10]}",
    )
    env.update(extra)
    return env


def run(args, env):
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def manage(env, *args):
    return run([sys.executable, "manage.py", *args], env)


def request(port, path, *, source="127.0.0.1", headers=None, host=HOST):
    """A request from `source` (any 127.x.y.z reaches the loopback), no redirects followed."""
    with socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0)) as s:
        lines = [f"GET {path} HTTP/1.0", f"Host: {host}"]
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


def wait_for_health(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.2)
    raise AssertionError(f"nothing healthy answers on port {port}")


@contextmanager
def gunicorn(env, log_path):
    """gunicorn as the image runs it, until the block ends (even if the block fails)."""
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
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


# --- PostgreSQL -----------------------------------------------------------------------------


def postgres_available():
    try:
        psycopg2.connect(dbname="postgres", connect_timeout=3, **POSTGRES).close()
    except psycopg2.OperationalError:
        return False
    return True


def admin_sql(statement):
    connection = psycopg2.connect(dbname="postgres", **POSTGRES)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


def postgres_url(name):
    return f"postgres://postgres@127.0.0.1:5432/{name}"


@contextmanager
def postgres_copy(template):
    """A new database copied from `template` (a migrated one), dropped afterwards."""
    name = f"federation_test_{uuid.uuid4().hex[:10]}"
    admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield name
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
