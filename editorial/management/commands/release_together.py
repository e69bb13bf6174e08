"""Pages waiting to go live with their translations whose go-live time has come, and that
lack no approved translation, go live (`editorial.releases.release_due`). Run every minute
by `run_scheduler`, before Wagtail's `publish_scheduled`."""

from django.core.management.base import BaseCommand

from editorial.releases import release_due


class Command(BaseCommand):
    help = "Release the joint publications (a page with its translations) that are due."

    def handle(self, *args, **options):
        done = release_due()
        if done and options["verbosity"]:
            self.stdout.write(f"{done} joint release(s) published")
