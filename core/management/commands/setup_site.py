from django.core.management.base import BaseCommand
from django.db import transaction

from core.site.setup import ensure_site_structure


class Command(BaseCommand):
    help = "Create the locales, home pages and section indexes for every content language."

    def handle(self, *args, **options):
        with transaction.atomic():
            sections = ensure_site_structure()
        self.stdout.write(f"Site structure ready: {len(sections)} sections.")
