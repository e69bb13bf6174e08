"""There is no Docker engine here: lint the Dockerfile and run its commands as it would."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.servers import production_env, run

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


def dockerignore_pattern(pattern):
    """A .dockerignore line as Docker reads it (moby/patternmatcher): cleaned, relative to the
    context, `**` any number of directories, `*` and `?` within one path segment."""
    pattern = os.path.normpath(pattern).lstrip("/")
    regex, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                i += 1
            regex += ".*" if i >= len(pattern) else "(.*/)?"
        elif pattern[i] == "*":
            regex += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            regex += "[^/]"
            i += 1
        else:
            regex += re.escape(pattern[i])
            i += 1
    return re.compile(regex)


def docker_ignores(path, lines=None):
    """Whether `docker build` leaves `path` out of the context: the last matching line wins,
    and a line that matches a parent directory matches everything in it."""
    if lines is None:
        lines = (REPO / ".dockerignore").read_text().splitlines()
    parents = [str(Path(*Path(path).parts[: i + 1])) for i in range(len(Path(path).parts))]
    ignored = False
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exclusion = line.startswith("!")
        pattern = dockerignore_pattern(line[1:].strip() if exclusion else line)
        if any(pattern.fullmatch(candidate) for candidate in parents):
            ignored = not exclusion
    return ignored


# What must never be copied into the image or committed: the environment with its secrets,
# backup archives (password hashes, second-factor secrets), uploaded media, local databases.
SECRET_PATHS = [
    ".env",
    ".env.production",
    ".env.local",
    "deploy/.env",
    "backups/site.tar.gz",
    "backup-20260101T000000000000Z.tar.gz",
    "backup-20260101T000000000000Z.tar.gz.enc",
    "site.backup.tar.gz",
    "var/backups/backup-20260101T000000000000Z.tar.gz.enc",
    "media/original_images/photo.jpg",
    "db.sqlite3",
    "db.sqlite3-wal",
    "var/db.sqlite3",
    "tests/scratch.sqlite3",
]
# ...while the code, including the backup code itself, and an example environment stay.
KEPT_PATHS = [
    ".env.example",
    "manage.py",
    "pyproject.toml",
    "gunicorn.conf.py",
    "core/operations/backups.py",
    "core/management/commands/backup.py",
    "federation_site/settings/base.py",
    "federation_site/static/css/site.css",
    "deploy/varnish/default.vcl",
]


def test_the_docker_pattern_reader_reads_as_docker_does():
    assert docker_ignores("a/b/c.txt", ["a"])
    assert not docker_ignores("b/a", ["a"])
    assert docker_ignores("b/a", ["**/a"]) and docker_ignores("a", ["**/a"])
    assert not docker_ignores("x/y.sqlite3", ["*.sqlite3"])
    assert docker_ignores(".env.example", [".env*"])
    assert not docker_ignores(".env.example", [".env*", "!.env.example"])


@pytest.mark.parametrize("path", SECRET_PATHS)
def test_secrets_backups_media_and_databases_stay_out_of_the_image(path):
    assert docker_ignores(path), f"{path} would be copied into the image (COPY . .)"


@pytest.mark.parametrize("path", KEPT_PATHS)
def test_the_image_still_gets_the_code(path):
    assert not docker_ignores(path)


def test_secrets_backups_media_and_databases_are_never_committed(tmp_path):
    """git itself reads .gitignore, in a scratch repository (no global excludes)."""
    shutil.copy(REPO / ".gitignore", tmp_path / ".gitignore")
    git = ["git", "-c", "core.excludesFile=/dev/null", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    result = subprocess.run(
        [*git, "check-ignore", "--no-index", "--verbose", "--non-matching", "--stdin"],
        input="\n".join(SECRET_PATHS + KEPT_PATHS),
        capture_output=True,
        text=True,
    )
    # Each line: "<source>:<line>:<pattern>\t<path>", the source empty for paths not ignored
    # (or ignored only through a "!" line).
    verdicts = {}
    for line in result.stdout.splitlines():
        match, path = line.split("\t")
        source, _line, pattern = match.split(":", 2)
        verdicts[path] = bool(source) and not pattern.startswith("!")
    assert [path for path in SECRET_PATHS if not verdicts[path]] == []
    assert [path for path in KEPT_PATHS if verdicts[path]] == []


def get(url, host):
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_build_steps_and_container_command_serve_the_site(tmp_path):
    env = production_env(tmp_path)
    python = sys.executable
    # The image's build step (no Redis there: the page cache off), then the release step, then
    # its CMD with the shared cache compose.yaml gives it.
    build = {key: value for key, value in env.items() if key != "REDIS_URL"}
    run(
        [python, "manage.py", "collectstatic", "--no-input", "-v0"],
        {**build, "PAGE_CACHE_ENABLED": "false", "FRAGMENT_CACHE_ENABLED": "false"},
    )
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
