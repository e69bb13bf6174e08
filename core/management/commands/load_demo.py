import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from core.operations.bulk import bulk_content_changes
from core.site.setup import ensure_site_structure


class Command(BaseCommand):
    help = (
        "Load the demo content (site structure, the seed appeal, demo users and each app's "
        "demo data). Idempotent; refused under production settings."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError("Demo content is not allowed with these settings (production).")
        with transaction.atomic():
            ensure_site_structure()
        # The indexes and the page cache are brought up to date once, at the end.
        started = time.monotonic()
        with bulk_content_changes():
            for path in settings.DEMO_CONTENT_LOADERS:
                with transaction.atomic():
                    import_string(path)(stdout=self.stdout)
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {seconds:.1f} s."))
