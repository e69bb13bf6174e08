from django.core.management.base import BaseCommand, CommandError

from core.operations.backups import RestoreRefused, restore


class Command(BaseCommand):
    help = (
        "Rebuild an empty, migrated database and the media files from a `backup` archive "
        "(see core/operations/backups.py); an encrypted archive needs BACKUP_ENCRYPTION_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(archive)
        except RestoreRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {sum(manifest['counts'].values())} rows and {len(manifest['media'])} "
            f"media files from the backup of {manifest['created_at']}."
        )
