"""Fill the translation memory from every live translated page (imported appeals too).

Run once after deploying the memory; publications keep it up to date after that. Running
it again adds only what is missing."""

from django.core.management.base import BaseCommand

from editorial.memory import build_memory


class Command(BaseCommand):
    help = "Fill the translation memory with the approved segments of every translated page."

    def handle(self, *args, **options):
        pages, created = build_memory()
        self.stdout.write(f"{created} memory entries added from {pages} translated pages.")
