"""Fast and deterministic: cheap hasher, in-memory files where possible."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DEMO_CONTENT_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# One folder per xdist worker: a test that checks what its request stored (nothing, for an
# import preview) must not see the other worker's files appear.
MEDIA_ROOT = BASE_DIR / "var" / f"test-media-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # noqa: F405
# The page and fragment caches stay on, as in production (base.py); the few tests that
# measure a render (query budgets) turn them off and say so (the `caches_off` fixture).
