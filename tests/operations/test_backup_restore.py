"""Nothing is lost: `manage.py backup` writes the database and the media to one archive, and
`manage.py restore` rebuilds an empty database from it. Round trip: pages in both languages,
revisions, a workflow in progress, translation sources and strings, images and documents;
the restored site serves the same pages, byte for byte. The archive holds password hashes
and second-factor secrets: it is owner-only, encrypted when a key is set, and restored only
with that key."""

import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model

from tests.conftest import REPO
from tests.editorial_helpers import approved_pair, editor_publish, login
from tests.news_factories import news_index, publish_news, tiny_image, translate_news
from tests.operations.test_settings_and_operations import (
    PRODUCTION_ENV,
    production_refusal,
    production_settings,
)
from tests.render_pages import COUNTED
from tests.servers import postgres_copy, postgres_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_key_unless_given(settings):
    """Plain archives unless a test sets a key, whatever this machine's environment says."""
    settings.BACKUP_ENCRYPTION_KEY = ""


@pytest.fixture
def site_with_everything(
    users, client, seed_appeal, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    kk_appeal, ru_appeal = seed_appeal
    document = get_document_model()(title="Үндеу PDF")
    document.file.save("undeu.pdf", ContentFile(b"%PDF-1.4 test document"), save=True)
    item = publish_news(
        news_index("kk"),
        "Суретті жаңалық",
        main_image=tiny_image(),
        body=[("document", {"document": document, "title": "Құжат"})],
    )
    translate_news(item)
    with django_capture_on_commit_callbacks(execute=True):
        pair = approved_pair("kk", "ru", "Тексерістегі үндеу", "Азат жол.")
        login(client, users["translator_ru"])
        editor_publish(client, pair.target)  # a workflow in progress
    client.logout()
    urls = [
        "/kk/",
        "/ru/",
        kk_appeal.url,
        ru_appeal.url,
        item.url,
        item.get_translations().first().url,
        news_index("ru").url,
        pair.source.url,
        "/sitemap-kk.xml",
        news_index("kk").url + "feed/",
    ]
    pages = {url: client.get(url) for url in urls}
    assert all(response.status_code == 200 for response in pages.values())
    return {url: response.content.decode() for url, response in pages.items()}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path, migrated_sqlite):
    """A freshly migrated database to restore into: SQLite (a laptop), PostgreSQL (a new
    server; needs PostgreSQL on 127.0.0.1:5432, as CI has)."""
    if request.param == "sqlite":
        database = tmp_path / "restored.sqlite3"
        shutil.copy(migrated_sqlite, database)
        yield f"sqlite:///{database}"
        return
    template = request.getfixturevalue("postgres_template")
    with postgres_copy(template) as name:
        yield postgres_url(name)


BACKUP_ENVIRONMENT = {"DJANGO_SETTINGS_MODULE", "BACKUP_ENCRYPTION_KEY", "BACKUP_DIR"}


def base_env(tmp_path):
    return {
        **{k: v for k, v in os.environ.items() if k not in BACKUP_ENVIRONMENT},
        "DJANGO_SETTINGS_MODULE": "federation_site.settings.test",
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_backup_restores_into_an_empty_database_and_serves_the_same_pages(
    site_with_everything, tmp_path, empty_database
):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    with tarfile.open(archive) as opened:
        names = opened.getnames()
        manifest = json.loads(opened.extractfile("manifest.json").read())
    assert {"manifest.json", "data.json"} <= set(names)
    assert any(name.startswith("media/original_images/") for name in names)
    assert any(name.startswith("media/documents/") for name in names)

    env = {**base_env(tmp_path), "DATABASE_URL": empty_database}
    restored = manage(env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr[-3000:]

    rendered = subprocess.run(
        [sys.executable, "tests/render_pages.py", *site_with_everything],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rendered.returncode == 0, rendered.stderr[-3000:]
    result = json.loads(rendered.stdout.strip().splitlines()[-1])
    for url, html in site_with_everything.items():
        assert result["pages"][url]["status"] == 200, url
        assert result["pages"][url]["html"] == html, url
    here = {label: apps.get_model(label).objects.count() for label in COUNTED}
    assert result["counts"] == here
    assert manifest["counts"]["wagtailcore.WorkflowState"] == here["wagtailcore.WorkflowState"] >= 1
    assert here["wagtail_localize.StringTranslation"] > 20
    assert result["missing_files"] == []


def test_restore_refuses_a_database_that_holds_content(site_with_everything, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_refuses_a_damaged_archive(tmp_path, site_structure):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a readable"):
        call_command("restore", str(broken))


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def small_site(settings, tmp_path):
    """A user (a password hash) and a media file: enough to tell a restore happened."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    get_user_model().objects.create_user("backup-secret-keeper", "keeper@example.org", "x")
    default_storage.save("documents/minutes.txt", ContentFile(b"minutes of the congress"))


def test_backups_go_to_backup_dir_and_only_their_owner_can_read_them(
    small_site, settings, tmp_path, monkeypatch
):
    backups = tmp_path / "vault" / "backups"
    settings.BACKUP_DIR = str(backups)
    here = tmp_path / "working-directory"
    here.mkdir()
    monkeypatch.chdir(here)
    previous = os.umask(0)  # the most careless umask: modes must not depend on it
    try:
        call_command("backup", stdout=open(os.devnull, "w"))
        assert mode(backups) == 0o700
        backups.chmod(0o755)  # a directory made by hand, readable by everyone, is narrowed
        call_command("backup", stdout=open(os.devnull, "w"))
    finally:
        os.umask(previous)
    assert mode(backups) == 0o700
    archives = sorted(backups.iterdir())
    assert len(archives) == 2
    assert all(mode(archive) == 0o600 and tarfile.is_tarfile(archive) for archive in archives)
    assert list(here.iterdir()) == []  # nothing in the working directory


def test_a_backup_never_overwrites_a_file(small_site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"someone else's file")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    assert archive.read_bytes() == b"someone else's file"


def database_rows(env):
    dumped = manage(env, "dumpdata", "--format", "json")
    assert dumped.returncode == 0, dumped.stderr[-3000:]
    return json.loads(dumped.stdout)


def test_an_encrypted_backup_restores_only_with_its_key(
    small_site, settings, tmp_path, empty_database
):
    key = Fernet.generate_key().decode()
    settings.BACKUP_ENCRYPTION_KEY = key
    archive = tmp_path / "site.tar.gz.enc"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    content = archive.read_bytes()
    assert mode(archive) == 0o600
    assert not tarfile.is_tarfile(archive)
    for clear in (b"manifest.json", b"backup-secret-keeper", b"minutes of the congress"):
        assert clear not in content

    # Development settings: they take MEDIA_ROOT from the environment, as a laptop would.
    restored_media = tmp_path / "restored-media"
    env = {
        **base_env(tmp_path),
        "DJANGO_SETTINGS_MODULE": "federation_site.settings.dev",
        "DEV_CACHE_DIR": str(tmp_path / "cache"),
        "DATABASE_URL": empty_database,
    }
    before = database_rows(env)
    refusals = [
        ({}, "The archive is encrypted: set BACKUP_ENCRYPTION_KEY"),
        ({"BACKUP_ENCRYPTION_KEY": Fernet.generate_key().decode()}, "does not open this archive"),
    ]
    for extra, message in refusals:
        refused = manage({**env, **extra}, "restore", str(archive))
        assert refused.returncode == 1
        # One line, no traceback.
        assert refused.stderr.strip().splitlines() == [refused.stderr.strip()]
        assert message in refused.stderr
    # Nothing written: the database as migrated, no media.
    assert database_rows(env) == before
    assert not restored_media.exists()

    restored = manage({**env, "BACKUP_ENCRYPTION_KEY": key}, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr[-3000:]
    users = [row for row in database_rows(env) if row["model"] == "auth.user"]
    assert [user["fields"]["username"] for user in users] == ["backup-secret-keeper"]
    restored_file = restored_media / "documents" / "minutes.txt"
    assert restored_file.read_bytes() == b"minutes of the congress"


def test_restore_refuses_a_cut_archive_and_a_malformed_key(small_site, settings, tmp_path):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    archive = tmp_path / "site.tar.gz.enc"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))
    cut = tmp_path / "cut.tar.gz.enc"
    cut.write_bytes(archive.read_bytes()[:-100])
    with pytest.raises(CommandError, match="cut short|damaged"):
        call_command("restore", str(cut))
    settings.BACKUP_ENCRYPTION_KEY = "not-a-key"
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY is not a Fernet key"):
        call_command("restore", str(archive))
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY is not a Fernet key"):
        call_command("backup", output=str(tmp_path / "new.tar.gz.enc"))
    assert not (tmp_path / "new.tar.gz.enc").exists()


def test_production_refuses_a_malformed_backup_key():
    message = production_refusal({**PRODUCTION_ENV, "BACKUP_ENCRYPTION_KEY": "secret123"})
    assert "BACKUP_ENCRYPTION_KEY is not a Fernet key" in message
    assert "secret123" not in message  # the key is never repeated into a log
    key = Fernet.generate_key().decode()
    settings = production_settings(
        {**PRODUCTION_ENV, "BACKUP_ENCRYPTION_KEY": key, "BACKUP_DIR": "/srv/backups"}
    )
    assert (settings["BACKUP_ENCRYPTION_KEY"], settings["BACKUP_DIR"]) == (key, "/srv/backups")
    assert production_settings(PRODUCTION_ENV)["BACKUP_ENCRYPTION_KEY"] == ""  # optional


def test_migrations_of_a_removed_app_do_not_stop_a_restore():
    """A database keeps the django_migrations rows of an app after it is uninstalled
    (wagtail.contrib.forms was): a backup of it must still restore into a fresh database."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from core.operations.backups import applied_migrations

    MigrationRecorder(connection).record_applied("wagtailforms", "0001_initial")
    assert not any(name.startswith("wagtailforms.") for name in applied_migrations())
    assert "wagtailcore.0001_initial" in applied_migrations()
