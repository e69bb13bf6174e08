"""Back up the whole site to one archive and rebuild an empty database from it.

`manage.py backup` writes a .tar.gz (into BACKUP_DIR unless told otherwise) holding:
  manifest.json   format version, when, which database, the migrations applied, row counts
                  per model, and every media file with its size and SHA-256
  data.json       every row of every model (Django's JSON by primary key, with timestamps to
                  the microsecond: core/operations/exact_json.py): pages,
                  revisions, workflow states, translation sources and strings, images and
                  documents, users with their second factors, settings...), except what is
                  rebuilt or short-lived (sessions, the search index, login attempts)
  media/...       every file of the media storage (originals, renditions, documents)

`manage.py restore ARCHIVE` needs a database migrated to the same migrations and holding no
content of its own (what `migrate` makes: Wagtail's welcome page, the default groups). In one
transaction it empties every table and loads data.json; then it writes the media files and
rebuilds the search index. It works across PostgreSQL and SQLite (JSON, not a SQL dump), so
the same archive restores production on a new server or a copy on a laptop.

The archive holds password hashes and second-factor secrets, so it is only ever readable by
its owner: BACKUP_DIR is made mode 0700 and the file is created mode 0600 (never briefly
anything else, whatever the umask). When BACKUP_ENCRYPTION_KEY holds a Fernet key
(`cryptography`), the .tar.gz is encrypted as it is written, in parts of ENCRYPTED_PART bytes:
  MAGIC, then for each part a 4-byte big-endian length and a Fernet token of
  (8-byte part number, 1-byte "last part" flag, the part's bytes)
so a large archive never has to fit in memory, and parts that are reordered, dropped or cut
off are noticed. Restore decrypts the whole archive (into an unnamed temporary file) before it
touches anything: a missing or wrong key is refused with nothing written.
"""

import contextlib
import hashlib
import io
import json
import os
import stat
import struct
import tarfile
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
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


MAGIC = b"FPRK-BACKUP-FERNET-1\n"
ENCRYPTED_PART = 1024 * 1024
_PART_HEADER = struct.Struct(">QB")  # part number, last part
_TOKEN_LENGTH = struct.Struct(">I")
# A Fernet token is the base64 of 57 bytes plus the padded plaintext.
_MAX_TOKEN = (ENCRYPTED_PART + _PART_HEADER.size + 16 + 57) * 4 // 3 + 4
KEY_HELP = (
    'make one with `python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"`'
)


class BackupRefused(Exception):
    """The backup cannot be written as asked; the message says why."""


class RestoreRefused(Exception):
    """The archive or the database is not fit for a restore; the message says why."""


def fernet(key, refused=BackupRefused):
    try:
        return Fernet(key)
    except ValueError as error:  # binascii.Error is one too
        raise refused(f"BACKUP_ENCRYPTION_KEY is not a Fernet key: {KEY_HELP}.") from error


def new_backup_path(encrypted):
    """A new file name in BACKUP_DIR, the directory made (or narrowed to) owner-only."""
    directory = Path(settings.BACKUP_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if stat.S_IMODE(directory.stat().st_mode) & 0o077:
        directory.chmod(0o700)
    suffix = ".tar.gz.enc" if encrypted else ".tar.gz"
    return directory / f"backup-{timezone.now():%Y%m%dT%H%M%S%fZ}{suffix}"


def applied_migrations():
    """The migrations applied to the database, of the apps installed now. A database that
    once had an app installed keeps its rows in django_migrations after the app is removed
    (wagtail.contrib.forms was): those say nothing about the tables a restore writes."""
    from django.apps import apps

    installed = {config.label for config in apps.get_app_configs()}
    recorder = MigrationRecorder(connection)
    return sorted(
        f"{app}.{name}" for app, name in recorder.applied_migrations() if app in installed
    )


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


def backup(path, *, key=None):
    """Write the archive to `path` (a new file, mode 0600), encrypted when `key` (default
    BACKUP_ENCRYPTION_KEY) is set; returns the manifest."""
    key = settings.BACKUP_ENCRYPTION_KEY if key is None else key
    cipher = fernet(key) if key else None
    try:
        # O_EXCL: never into an existing file (or through a link), whose mode we do not set.
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise BackupRefused(f"{path} already exists; backups never overwrite.") from error
    try:
        with open(handle, "wb") as raw:
            if cipher:
                writer = _EncryptingWriter(raw, cipher)
                manifest = _write_archive(writer)
                writer.finish()
            else:
                manifest = _write_archive(raw)
    except BaseException:
        os.unlink(path)  # a partial archive must not pass for a backup
        raise
    return manifest


def _write_archive(target):
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
    # A stream (w|gz): only write() is asked of the target, so it can encrypt on the way.
    with tarfile.open(fileobj=target, mode="w|gz") as archive:
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


class _EncryptingWriter:
    """Encrypts what tarfile writes, one part of ENCRYPTED_PART bytes at a time."""

    def __init__(self, raw, cipher):
        self.raw, self.cipher = raw, cipher
        self.buffer = bytearray()
        self.number = 0
        raw.write(MAGIC)

    def write(self, data):
        self.buffer += data
        while len(self.buffer) > ENCRYPTED_PART:
            self._part(bytes(self.buffer[:ENCRYPTED_PART]), last=False)
            del self.buffer[:ENCRYPTED_PART]
        return len(data)

    def finish(self):
        self._part(bytes(self.buffer), last=True)
        self.buffer.clear()

    def _part(self, content, last):
        token = self.cipher.encrypt(_PART_HEADER.pack(self.number, last) + content)
        self.raw.write(_TOKEN_LENGTH.pack(len(token)) + token)
        self.number += 1


def _decrypt(source, cipher, target):
    """Every part of an encrypted archive into `target`, or RestoreRefused."""
    number = 0
    while True:
        length = source.read(_TOKEN_LENGTH.size)
        if len(length) < _TOKEN_LENGTH.size:
            raise RestoreRefused("The encrypted archive is cut short: it is damaged.")
        (size,) = _TOKEN_LENGTH.unpack(length)
        token = source.read(size) if size <= _MAX_TOKEN else b""
        try:
            part = cipher.decrypt(token)
        except InvalidToken as error:
            if number == 0:
                raise RestoreRefused(
                    "BACKUP_ENCRYPTION_KEY does not open this archive: it was encrypted with "
                    "another key (or is damaged). Nothing was restored."
                ) from error
            raise RestoreRefused(f"Part {number} of the encrypted archive is damaged.") from error
        found, last = _PART_HEADER.unpack_from(part)
        if found != number:
            raise RestoreRefused("The parts of the encrypted archive are out of order.")
        target.write(part[_PART_HEADER.size :])
        if last:
            break
        number += 1
    if source.read(1):
        raise RestoreRefused("The encrypted archive has data after its last part.")


@contextlib.contextmanager
def _open_archive(path, key):
    """The archive as an open tarfile, decrypted first if it is encrypted."""
    try:
        source = open(path, "rb")  # noqa: SIM115  (closed below)
    except OSError as error:
        raise RestoreRefused(f"{path} cannot be read: {error}") from error
    with source, contextlib.ExitStack() as stack:
        if source.read(len(MAGIC)) == MAGIC:
            if not key:
                raise RestoreRefused(
                    "The archive is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was "
                    "made with. Nothing was restored."
                )
            # Unnamed and owner-only: the decrypted archive is never visible to others.
            plain = stack.enter_context(tempfile.TemporaryFile())
            _decrypt(source, fernet(key, RestoreRefused), plain)
            plain.seek(0)
        else:
            source.seek(0)
            plain = source
        try:
            archive = tarfile.open(fileobj=plain, mode="r:gz")
        except (OSError, tarfile.TarError) as error:
            raise RestoreRefused(f"{path} is not a readable .tar.gz archive: {error}") from error
        with archive:
            yield archive


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


def restore(path, *, key=None):
    """Rebuild the (empty, migrated) database and the media storage from the archive (read
    and checked whole before anything is written). `key` defaults to BACKUP_ENCRYPTION_KEY."""
    key = settings.BACKUP_ENCRYPTION_KEY if key is None else key
    with _open_archive(path, key) as archive:
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
