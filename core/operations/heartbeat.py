"""The scheduler's heartbeat: `manage.py run_scheduler` touches this file after every round of
`publish_scheduled`, and the scheduler container's health check (federation_site/healthcheck.py)
reads its age. Standard library only: the health check must not load Django."""

import os

HEARTBEAT_FILE = os.environ.get("SCHEDULER_HEARTBEAT_FILE", "/tmp/scheduler-heartbeat")
HEARTBEAT_MAX_AGE = 180  # three missed rounds of one minute
