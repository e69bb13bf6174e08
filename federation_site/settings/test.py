"""Fast and deterministic: cheap hasher, in-memory files where possible."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DEMO_CONTENT_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# Off unless a test turns it on (tests/test_page_cache*.py): query budgets measure renders.
PAGE_CACHE_ENABLED = False
FRAGMENT_CACHE_ENABLED = False
