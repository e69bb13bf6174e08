"""Production: everything from the environment; refuse to start on anything missing or wrong,
listing every problem at once (README, "Configuration")."""

import dj_database_url
import dj_email_url
from cryptography.fernet import Fernet

from federation_site.outages import reporting_connection_class

from .base import *  # noqa: F403
from .environment import EnvironmentReader

DEBUG = False
env = EnvironmentReader()

SECRET_KEY = env.secret_key()

ALLOWED_HOSTS = env.items("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env.problem("ALLOWED_HOSTS must name the site's host names (comma-separated).")
CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS")

# No silent SQLite: the database is always named.
if env.required("DATABASE_URL", "e.g. postgres://user:password@db:5432/federation"):
    DATABASES = {
        "default": sqlite_for_concurrent_use(  # noqa: F405
            dj_database_url.config(conn_max_age=600, conn_health_checks=True)
        )
    }
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Fail fast while the database is down (the page answers 503 and recovers by itself).
        DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.integer(
            "DATABASE_CONNECT_TIMEOUT", 3, minimum=1
        )

# The shared cache of every app container. A Redis outage never takes the site down: the
# errors are logged and pages are served from the database.
if env.string("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env.string("REDIS_URL"),
            "KEY_PREFIX": env.string("CACHE_KEY_PREFIX", "federation"),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
                # Reports the end of an outage; the start is reported by the
                # "federation_site.cache" logger's filter (federation_site/outages.py).
                "CONNECTION_POOL_KWARGS": {
                    "connection_class": reporting_connection_class(env.string("REDIS_URL"))
                },
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "federation_site.cache"

# E-mail: EMAIL_URL such as smtp://user:password@mail.example:587/?tls=True, console:// or
# dummy://. Failures are logged and shown to the person who triggered them (federation_site.mail).
if env.string("EMAIL_URL"):
    try:
        _email = dj_email_url.parse(env.string("EMAIL_URL"))
    except Exception as error:  # noqa: BLE001  (reported with the other problems)
        env.problem(f"EMAIL_URL cannot be read: {error}")
        _email = {}
    MAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND", MAIL_DELIVERY_BACKEND)  # noqa: F405
    for _name, _value in _email.items():
        globals()[_name] = _value
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env.string("DEFAULT_FROM_EMAIL", "noreply@fprk.kz")

# The page cache (core/caching/page_cache.py); off only to measure uncached renders (make bench).
PAGE_CACHE_ENABLED = env.boolean("PAGE_CACHE_ENABLED", True)
FRAGMENT_CACHE_ENABLED = env.boolean("FRAGMENT_CACHE_ENABLED", True)
# Every process must see every purge: a cache kept in each process's memory would go on
# serving a page another process (the other gunicorn worker, the scheduler, an import run from
# a shell) has just changed, for up to an hour. So no page cache without the shared one.
if (PAGE_CACHE_ENABLED or FRAGMENT_CACHE_ENABLED) and not env.string("REDIS_URL"):
    env.problem(
        "REDIS_URL is required while the page cache is on (PAGE_CACHE_ENABLED, "
        "FRAGMENT_CACHE_ENABLED): each process would keep its own copy and serve pages that "
        "another process has changed. Set REDIS_URL, or both to false to run without it."
    )

# A shared HTTP cache in front (Varnish, a CDN), purged with the page cache on every
# publishing event (core/caching/invalidation.py). One or more of:
#   FRONTEND_CACHE_URL        Varnish or any cache that takes PURGE (deploy/varnish/)
#   CLOUDFLARE_ZONE_ID + CLOUDFLARE_API_TOKEN
#   CLOUDFRONT_DISTRIBUTION_ID (boto3 installed by the operator)
WAGTAILFRONTENDCACHE = {}
if env.string("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.string("FRONTEND_CACHE_URL"),
    }
if env.string("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.string("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env.required("CLOUDFLARE_API_TOKEN", "Cloudflare purges need it"),
    }
if env.string("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.string("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# Our paths already name every language (/kk/..., /ru/...).
WAGTAILFRONTENDCACHE_LANGUAGES = []

WAGTAILADMIN_BASE_URL = env.string("WAGTAILADMIN_BASE_URL", "https://fprk.kz")
# Everyone who may use the admin signs in with a second factor, Editors too (accounts/).
TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS = True
DEMO_CONTENT_ALLOWED = False

STATIC_ROOT = env.string("STATIC_ROOT") or STATIC_ROOT  # noqa: F405
MEDIA_ROOT = env.string("MEDIA_ROOT") or MEDIA_ROOT  # noqa: F405

# Backups (core/operations/backups.py): a key that cannot decrypt is found now, not on restore day.
BACKUP_DIR = env.string("BACKUP_DIR") or BACKUP_DIR  # noqa: F405
BACKUP_ENCRYPTION_KEY = env.string("BACKUP_ENCRYPTION_KEY")
if BACKUP_ENCRYPTION_KEY:
    try:
        Fernet(BACKUP_ENCRYPTION_KEY)
    except ValueError:
        env.problem(
            "BACKUP_ENCRYPTION_KEY is not a Fernet key (32 url-safe base64-encoded bytes): make "
            'one with `python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"`.'
        )
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env.string("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible media for the scale-out path (django-storages installed by the operator).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

# HTTPS ends at the proxy. gunicorn decides whether a request came over HTTPS from
# X-Forwarded-Proto, believed only from FORWARDED_ALLOW_IPS (gunicorn.conf.py), so Django
# reads the scheme from gunicorn rather than the header (SECURE_PROXY_SSL_HEADER stays unset).
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env.boolean("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env.boolean("CSRF_COOKIE_SECURE", True)
# Wagtail's live preview shows the page in a same-origin iframe; DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

LOGGING["root"]["level"] = env.string("LOG_LEVEL", "INFO").upper()  # noqa: F405

env.check()
