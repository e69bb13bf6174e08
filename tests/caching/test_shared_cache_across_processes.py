"""No process serves a page another process has changed: `make run`'s server and a second
terminal (an import, the scheduler, a shell) share one cache, so a publication made in one is
seen by the other at the next request. Two real processes: the development server as
`make run` starts it, and `manage.py` commands beside it."""

import shutil
import subprocess
import sys

import pytest

from tests.servers import REPO, free_port, request, run, wait_for_health

pytestmark = pytest.mark.xdist_group("servers")

RETITLE = """
import django, sys
django.setup()
from news.models import NewsPage
page = NewsPage.objects.get(slug="bolashak")
page.title = sys.argv[1]
page.save_revision().publish()
"""

SETUP = """
import django, datetime
django.setup()
from core.site.setup import ensure_site_structure
from news.models import NewsPage
index = ensure_site_structure()["news.NewsIndexPage"]
page = NewsPage(title="Бірінші тақырып", slug="bolashak", lead="Қысқаша.",
                date=datetime.date(2024, 1, 1), body=[("paragraph", "<p>Мәтін.</p>")])
index.add_child(instance=page)
page.save_revision().publish()
print(index.url)
"""


@pytest.fixture
def make_run(tmp_path, migrated_sqlite):
    """The development server on a copy of the migrated database, and a way to run manage.py
    in another process against the same database and cache."""
    import os

    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, database)
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="federation_site.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        DEV_CACHE_DIR=str(tmp_path / "cache"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )

    def python(script, *args):
        return run([sys.executable, "-c", script, *args], env).stdout.strip()

    index_url = python(SETUP).splitlines()[-1]
    port = free_port()
    log = open(tmp_path / "runserver.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_health(port)
        yield {"port": port, "index": index_url, "python": python}
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def page(port, path):
    status, headers, body = request(port, path, host="127.0.0.1")
    assert status == 200, (path, status)
    return headers, body.decode()


def test_a_publication_in_another_process_is_served_at_the_next_request(make_run):
    port, index = make_run["port"], make_run["index"]
    for path in (index, "/kk/"):
        page(port, path)
        headers, body = page(port, path)
        assert headers.get("x-page-cache") == "hit", path  # cached, as a reader would get it
        assert "Бірінші тақырып" in body

    make_run["python"](RETITLE, "Екінші тақырып")

    for path in (index, "/kk/"):
        _headers, body = page(port, path)
        assert "Екінші тақырып" in body, path
        assert "Бірінші тақырып" not in body, path
