"""There is no Docker engine here: lint the Dockerfile and run its commands as it would."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

DOCKERFILE = (REPO / "Dockerfile").read_text()


def instructions():
    """(INSTRUCTION, arguments) with line continuations joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def test_hadolint_finds_nothing():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run([hadolint, "Dockerfile"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_shape():
    steps = instructions()
    keywords = [keyword for keyword, _ in steps]
    assert steps[0][0] == "FROM" and "slim" in steps[0][1]
    user = next(args for keyword, args in steps if keyword == "USER")
    assert user.split(":")[0] not in {"0", "root"}
    assert keywords.index("USER") < keywords.index("CMD")
    assert any(k == "RUN" and "collectstatic" in args for k, args in steps)
    assert any(k == "RUN" and "pip install ." in args for k, args in steps)
    healthcheck = next(args for keyword, args in steps if keyword == "HEALTHCHECK")
    assert "federation_site.healthcheck" in healthcheck
    cmd = next(args for keyword, args in steps if keyword == "CMD")
    assert "gunicorn" in cmd and "federation_site.wsgi:application" in cmd


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, host):
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="federation_site.settings.production",
        SECRET_KEY="smoke-test-" + "k3#9vQ!zr7Lm2pX8wT5nB4cY6hJ1dF0sGaE*uIoP@lK",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="fprk.example",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PORT=str(free_port()),
        WEB_CONCURRENCY="1",
    )
    return env


def run(args, env):
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_build_steps_and_container_command_serve_the_site(production_env):
    env = production_env
    python = sys.executable
    # The image's build step, then the release step, then its CMD.
    run([python, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    assert manifest.exists()
    run([python, "manage.py", "migrate", "--no-input", "-v0"], env)
    run([python, "manage.py", "setup_site"], env)
    gunicorn = str(Path(python).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "federation_site.wsgi:application", "--config", "gunicorn.conf.py"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        for _ in range(100):
            try:
                status, _body = get(base + "/healthz", "127.0.0.1")
                break
            except OSError:
                time.sleep(0.2)
        # The HEALTHCHECK calls by IP over HTTP; not an allowed host, not HTTPS.
        assert get(base + "/healthz", f"127.0.0.1:{env['PORT']}")[0] == 200
        status, body = get(base + "/kk/", "fprk.example")
        assert status == 200
        assert b'<html lang="kk"' in body
        stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', body)
        assert stylesheet, "static files are not served with hashed names"
        assert get(base + stylesheet.group(1).decode(), "fprk.example")[0] == 200
        assert get(base + "/kk/", "evil.example")[0] == 400
    finally:
        server.terminate()
        server.wait(timeout=20)
