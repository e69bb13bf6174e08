from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backups import backup


class Command(BaseCommand):
    help = "Write the database and the media files to one .tar.gz archive (see core/backups.py)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Archive path (default: backup-<UTC time>.tar.gz here)."
        )

    def handle(self, *args, output=None, **options):
        path = output or f"backup-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz"
        manifest = backup(path)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {rows} rows of {len(manifest['counts'])} models and "
            f"{len(manifest['media'])} media files to {path}."
        )
