"""Safe to run on a laptop: DEBUG on, a fixed development key, demo content allowed."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-3c0c1a0b9d6a4f3a8b5f"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DEMO_CONTENT_ALLOWED = True
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# `make run` starts in two minutes: nobody is made to enrol a second factor here (a user who
# has one is still asked for it). Production and the tests enforce it.
TWO_FACTOR_ENFORCED = False
