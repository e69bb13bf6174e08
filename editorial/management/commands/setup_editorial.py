from django.core.management.base import BaseCommand

from editorial.setup import setup_editorial


class Command(BaseCommand):
    help = (
        "Create or repair the editorial groups, their page permissions on every language's "
        "home page, and the moderation workflow. Idempotent; run after setup_site."
    )

    def handle(self, *args, **options):
        result = setup_editorial()
        self.stdout.write(
            "Editorial workflow ready: {groups} groups, {homes} home pages, "
            "{aliases_unpublished} cross-language aliases unpublished.".format(**result)
        )
