"""The scheduler container's command: `release_together` and `publish_scheduled` every minute,
with a heartbeat.

Scheduled publishing and expiry (Wagtail's `publish_scheduled`) run once a minute. After each
round the heartbeat file is touched; the container's health check
(`python -m federation_site.healthcheck` with CONTAINER_ROLE=scheduler) reads it. A failing
round is logged and the loop goes on, so a database restart does not stop publishing.
"""

import logging
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from core.operations.heartbeat import HEARTBEAT_FILE

logger = logging.getLogger("federation_site.scheduler")


class Command(BaseCommand):
    help = "Run publish_scheduled every minute (the scheduler container), with a heartbeat."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--rounds", type=int, default=0, help="Stop after N rounds (0: never).")

    def handle(self, *args, interval, rounds, **options):
        heartbeat = Path(HEARTBEAT_FILE)
        done = 0
        while True:
            close_old_connections()
            try:
                # Pages released together with their translations first (editorial/releases.py),
                # then Wagtail's scheduled publishing and expiry.
                call_command("release_together", verbosity=0)
                call_command("publish_scheduled")
                heartbeat.touch()
            except Exception:
                logger.exception("publish_scheduled failed; retrying in %s s", interval)
            done += 1
            if rounds and done >= rounds:
                return
            time.sleep(interval)
