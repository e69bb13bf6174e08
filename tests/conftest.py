import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# there unless told it is safe (it is: one thread, no concurrency).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Shared fixtures of the editorial tests (users in their real groups, the editorial site),
# for every folder of tests.
pytest_plugins = ["tests.editorial_fixtures"]

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "appeals" / "seeds" / "000_8017068c2af6027d.txt"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Modules that start servers from the session's migrated databases and collected static
# files (postgres_template, migrated_sqlite, collected_static): one xdist worker runs them all
# (`--dist loadgroup`), so those are made once, not once per worker.
SERVER_MODULES = {
    "test_backup_restore.py",
    "test_dependency_failures.py",
    "test_production_server.py",
    "test_sqlite_concurrency.py",
    "test_topology.py",
}


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's Chromium: skipped locally when it is missing, but with
    REQUIRE_BROWSER=1 (CI) they always run, and any skip at all fails the session."""
    for item in items:
        if item.path.name in SERVER_MODULES:
            item.add_marker(pytest.mark.xdist_group("servers"))
    if Path(CHROMIUM).exists() or os.environ.get("REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("REQUIRE_BROWSER") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        reporter.write_line(
            f"REQUIRE_BROWSER=1: {skipped} test(s) were skipped; failing.", red=True
        )
        session.exitstatus = 1


_serialized_contents = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the site skeleton (homes and section indexes in every
    language) that nearly every test needs: built once here instead of in each test. The
    serialized copy that transactional tests restore after their flush includes it."""
    from django.db import connections

    from core.site.setup import ensure_site_structure

    connection = connections["default"]
    with django_db_blocker.unblock():
        ensure_site_structure()
        if hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    _serialized_contents["default"] = getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _serialized_rollback_across_contexts(request):
    """Playwright's sync API runs tests in another context, where Django's per-context
    connection object lacks the serialized database that `serialized_rollback` restores
    after a transactional test's flush. Hand it over, and restore it when it was missed."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("serialized_rollback")):
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connections
    from wagtail.models import Page

    connection = connections["default"]
    contents = _serialized_contents.get("default")
    if contents and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = contents
        if not Page.objects.exists():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def page(page):
    """pytest-playwright's page, failing the test on any Content-Security-Policy violation
    Chromium reports in the console (the admin's and the public site's policies must let
    every screen work)."""
    violations = []

    def record(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", record)
    yield page
    # Leave the page quiet before the test's database is emptied: screens that load parts
    # lazily (the translation editor's suggestions) could still be reading it during the
    # flush, which PostgreSQL once answered with a deadlock.
    from playwright.sync_api import Error as PlaywrightError

    try:
        page.wait_for_load_state("networkidle", timeout=5000)
        page.goto("about:blank")
    except PlaywrightError:
        pass  # the page was closed or kept loading: the test's own outcome stands
    assert violations == [], "\n".join(violations)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids repeat across tests (rolled back), and
    Wagtail caches renditions by image id."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def caches_off(settings):
    """The page and fragment caches are on in the test settings, as in production. A test
    that measures a render (a query budget) or reads its template context turns them off
    with this fixture, so that every request renders."""
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, past the second sign-in step superusers need."""
    from tests.signing_in import sign_in

    return sign_in(client, admin_user)


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """STATIC_ROOT of `collectstatic` under production settings (hashed names), made once per
    session for the tests that run gunicorn."""
    import subprocess
    import sys

    from tests.servers import production_env

    tmp = tmp_path_factory.mktemp("static")
    env = production_env(tmp, STATIC_ROOT=str(tmp / "static"))
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return tmp / "static"


@pytest.fixture(scope="session")
def postgres_template():
    """A migrated PostgreSQL database, made once per session, that tests copy
    (tests.servers.postgres_copy) instead of migrating their own; skips without PostgreSQL."""
    import subprocess
    import sys
    import uuid

    from tests.servers import admin_sql, postgres_available, postgres_url

    if not postgres_available():
        pytest.skip("needs PostgreSQL on 127.0.0.1:5432 (CI has it)")
    name = f"federation_template_{uuid.uuid4().hex[:8]}"
    admin_sql(f'CREATE DATABASE "{name}"')
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "federation_site.settings.dev",
        "DATABASE_URL": postgres_url(name),
    }
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        yield name
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A migrated SQLite database file (the schema `make run` gets), made once per session;
    copy it before writing to it."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("sqlite") / "migrated.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}},
        "DJANGO_SETTINGS_MODULE": "federation_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{path}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def site_structure(db):
    from core.site.setup import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture
def seed_appeal(site_structure):
    """The Federation's 2023 election appeal, imported and published in kk and ru."""
    call_command("import_appeal", str(SEED), "--publish", stdout=open(os.devnull, "w"))
    from appeals.models import AppealPage

    kk = AppealPage.objects.get(locale__language_code="kk", number="677")
    ru = AppealPage.objects.get(locale__language_code="ru", number="677")
    return kk, ru


@pytest.fixture
def seed_lines():
    """The seed file's lines as (language, kind, text) for the body, in file order."""
    from appeals.parse import parse_appeal

    parsed = parse_appeal(SEED.read_bytes())
    return {half.language: half for half in parsed.halves}
