from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.operations.backups import BackupRefused, backup, new_backup_path


class Command(BaseCommand):
    help = (
        "Write the database and the media files to one .tar.gz archive in BACKUP_DIR, "
        "encrypted with BACKUP_ENCRYPTION_KEY when it is set (see core/operations/backups.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Archive path, a new file (default: backup-<UTC time>.tar.gz[.enc] in "
            "BACKUP_DIR).",
        )

    def handle(self, *args, output=None, **options):
        key = settings.BACKUP_ENCRYPTION_KEY
        try:
            path = output or new_backup_path(encrypted=bool(key))
            manifest = backup(path, key=key)
        except BackupRefused as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        how = "encrypted" if key else "not encrypted: set BACKUP_ENCRYPTION_KEY to encrypt"
        self.stdout.write(
            f"Backed up {rows} rows of {len(manifest['counts'])} models and "
            f"{len(manifest['media'])} media files to {path} ({how})."
        )
