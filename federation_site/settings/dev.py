"""Safe to run on a laptop: DEBUG on, a fixed development key, demo content allowed."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-3c0c1a0b9d6a4f3a8b5f"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DEMO_CONTENT_ALLOWED = True
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The address canonical links and sitemaps name (core/site/addresses.py): `make run` sets it
# to the port it serves on.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or WAGTAILADMIN_BASE_URL  # noqa: F405
# `make run` starts in two minutes: nobody is made to enrol a second factor here (a user who
# has one is still asked for it). Production and the tests enforce it.
TWO_FACTOR_ENFORCED = False
# One cache for every process of `make run` (the server, an import run in a second terminal,
# the scheduler): files under var/cache, so a publication made by any of them is seen by the
# server at the next request. Production uses Redis for the same reason.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("DEV_CACHE_DIR") or str(BASE_DIR / "var" / "cache"),  # noqa: F405
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
