"""Back up the whole site to one archive and rebuild an empty database from it.

`manage.py backup` writes a .tar.gz holding:
  manifest.json   format version, when, which database, the migrations applied, row counts
                  per model, and every media file with its size and SHA-256
  data.json       every row of every model (Django's JSON by primary key, with timestamps to
                  the microsecond: core/exact_json.py): pages,
                  revisions, workflow states, translation sources and strings, images and
                  documents, users with their second factors, settings...), except what is
                  rebuilt or short-lived (sessions, the search index, login attempts)
  media/...       every file of the media storage (originals, renditions, documents)

`manage.py restore ARCHIVE` needs a database migrated to the same migrations and holding no
content of its own (what `migrate` makes: Wagtail's welcome page, the default groups). In one
transaction it empties every table and loads data.json; then it writes the media files and
rebuilds the search index. It works across PostgreSQL and SQLite (JSON, not a SQL dump), so
the same archive restores production on a new server or a copy on a laptop.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
# Rebuilt after a restore, or not worth keeping.
EXCLUDED_APPS = ["wagtailsearch"]  # the search index and its full-text table
EXCLUDED_MODELS = [
    "sessions.Session",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "admin.LogEntry",
]


class RestoreRefused(Exception):
    """The archive or the database is not fit for a restore; the message says why."""


def applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _media_files(storage=default_storage, directory=""):
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for name in directories:
        yield from _media_files(storage, f"{directory}/{name}" if directory else name)


# Loaded first: while rows are loaded, signal handlers look content types up, and a type
# missing at that moment would be created under a new id that the archive's then collides with.
FIRST_MODELS = ["contenttypes.ContentType", "auth.Permission", "auth.Group"]


def _dumped_models():
    excluded = {label.lower() for label in EXCLUDED_MODELS}
    first = [apps.get_model(label) for label in FIRST_MODELS]
    rest = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in excluded
        and model._meta.app_label not in EXCLUDED_APPS
        and not model._meta.proxy
        and model._meta.managed
        and model not in first
    ]
    return first + rest


def backup(path):
    """Write the archive to `path`; returns the manifest."""
    data = io.StringIO()
    models = _dumped_models()
    call_command(
        "dumpdata",
        *[model._meta.label for model in models],
        format="exactjson",
        stdout=data,
        verbosity=0,
    )
    data_bytes = data.getvalue().encode()
    media = []
    with tarfile.open(path, "w:gz") as archive:
        for name in sorted(_media_files()):
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            media.append(
                {"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            )
            _add(archive, f"media/{name}", content)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "counts": {model._meta.label: model._default_manager.count() for model in models},
            "data_sha256": hashlib.sha256(data_bytes).hexdigest(),
            "media": media,
        }
        _add(archive, "data.json", data_bytes)
        _add(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
    return manifest


def _add(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def _read(archive, name):
    try:
        return archive.extractfile(name).read()
    except KeyError as error:
        raise RestoreRefused(
            f"The archive has no {name}: it is not a backup of this site."
        ) from error


def holds_content():
    """What makes the database not empty: users, or pages beyond Wagtail's initial two."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    reasons = []
    if get_user_model().objects.exists():
        reasons.append(f"{get_user_model().objects.count()} user(s)")
    pages = Page.objects.count()
    if pages > 2:
        reasons.append(f"{pages} pages")
    return reasons


def restore(path, *, stdout=None):
    """Rebuild the (empty, migrated) database and the media storage from the archive."""
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise RestoreRefused(f"{path} is not a readable .tar.gz archive: {error}") from error
    with archive:
        manifest = json.loads(_read(archive, "manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreRefused(f"Archive format {manifest.get('format')} is not supported.")
        data = _read(archive, "data.json")
        if hashlib.sha256(data).hexdigest() != manifest["data_sha256"]:
            raise RestoreRefused("data.json does not match its checksum: the archive is damaged.")
        missing = sorted(set(manifest["migrations"]) - set(applied_migrations()))
        extra = sorted(set(applied_migrations()) - set(manifest["migrations"]))
        if missing or extra:
            raise RestoreRefused(
                "The database is not at the archive's migrations "
                f"(missing: {', '.join(missing[:5]) or 'none'}; "
                f"not in the archive: {', '.join(extra[:5]) or 'none'}). "
                "Restore with the same release of the site, after `migrate`."
            )
        content = holds_content()
        if content:
            raise RestoreRefused(
                "The database is not empty (" + ", ".join(content) + "); restore into a "
                "freshly migrated database."
            )
        media = {}
        for item in manifest["media"]:
            blob = _read(archive, f"media/{item['name']}")
            if hashlib.sha256(blob).hexdigest() != item["sha256"]:
                raise RestoreRefused(f"Media file {item['name']} is damaged in the archive.")
            media[item["name"]] = blob

    with tempfile.TemporaryDirectory() as directory:
        fixture = Path(directory) / "data.exactjson"
        fixture.write_bytes(data)
        with transaction.atomic():
            _empty_every_table()
            ContentType.objects.clear_cache()
            call_command("loaddata", str(fixture), verbosity=0)
        ContentType.objects.clear_cache()
    for name, blob in media.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(blob))
    call_command("update_index", verbosity=0)
    return manifest


def _empty_every_table():
    """Every table but the search index's: SQLite's full-text table must not be emptied behind
    its back (it is rebuilt by `update_index` instead)."""
    tables = [
        table
        for table in connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if not table.startswith("wagtailsearch_")
    ]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)
