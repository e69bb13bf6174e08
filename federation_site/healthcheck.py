"""The container's HEALTHCHECK: `python -m federation_site.healthcheck`.

The same image runs web containers (gunicorn) and the scheduler (`manage.py run_scheduler`),
so the check follows CONTAINER_ROLE:
- web (default): GET /healthz on the local gunicorn, healthy on 200 (the database answers;
  asked from the loopback, so the answer names each dependency, and it writes nothing);
- scheduler: healthy while the scheduler's heartbeat file is fresh (it touches it after every
  round of `publish_scheduled`), without any web server to ask.
Standard library only: it runs every 30 seconds and must not load Django.
"""

import os
import sys
import time
import urllib.request

from core.operations.heartbeat import HEARTBEAT_FILE, HEARTBEAT_MAX_AGE


def web_is_healthy():
    url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=4) as response:
            return response.status == 200
    except OSError:
        return False


def scheduler_is_healthy():
    try:
        return time.time() - os.path.getmtime(HEARTBEAT_FILE) < HEARTBEAT_MAX_AGE
    except OSError:
        return False


def main():
    role = os.environ.get("CONTAINER_ROLE", "web")
    healthy = scheduler_is_healthy() if role == "scheduler" else web_is_healthy()
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
