"""Nothing is lost: `manage.py backup` writes the database and the media to one archive, and
`manage.py restore` rebuilds an empty database from it. Round trip: pages in both languages,
revisions, a workflow in progress, translation sources and strings, images and documents;
the restored site serves the same pages, byte for byte."""

import json
import os
import shutil
import subprocess
import sys
import tarfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model

from tests.conftest import REPO
from tests.editorial_helpers import approved_pair, editor_publish, login
from tests.news_factories import news_index, publish_news, tiny_image, translate_news
from tests.render_pages import COUNTED
from tests.servers import postgres_copy, postgres_url

pytest_plugins = ["tests.editorial_fixtures"]
pytestmark = pytest.mark.django_db


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


def base_env(tmp_path):
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
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
