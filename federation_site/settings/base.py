"""Settings shared by every environment; dev, production and test import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "core",
    "home",
    "appeals",
    "candidates",
    "news",
    "editorial",
    "accounts",
    "wagtail_localize",
    "wagtail_localize.locales",  # instead of wagtail.locales
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "federation_site.logs.RequestIdMiddleware",
    "federation_site.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "federation_site.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The page cache (core/caching/page_cache.py): 304s for conditional GETs of what it serves, gzip
    # for what it stores, then Django's two cache halves around everything that renders. A
    # hit returns before sessions, locale, CSRF and authentication: what they add to a
    # response is already in the stored one.
    "django.middleware.http.ConditionalGetMiddleware",
    "core.caching.page_cache.UpdatePageCacheMiddleware",
    "core.caching.page_cache.CompressCacheableMiddleware",
    "core.caching.page_cache.FetchPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "federation_site.mail.MailFailureMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "federation_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "federation_site.wsgi.application"

# SQLite is only the zero-setup default of `make run`; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}", conn_max_age=60
    )
}


def sqlite_for_concurrent_use(database):
    """SQLite as `make run` uses it: an editor's autosave, the editing-session ping and a
    submit arrive together. WAL lets readers run beside the writer, IMMEDIATE transactions
    take the write lock up front (no deadlock between two upgrading readers, which SQLite
    answers with "database is locked" at once), and the busy timeout makes writers queue."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(
            transaction_mode="IMMEDIATE",
            timeout=20,
            init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        )
    return database


sqlite_for_concurrent_use(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. kk is the default; adding a language is a change here plus its catalogue.
LANGUAGE_CODE = "kk"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
]
# The admin in Kazakh (the default for new users), Russian or English, as each person chooses.
# Neither Django, Wagtail nor wagtail-localize ships a complete Kazakh catalogue: ours are in
# federation_site/admin_locale/<package>/ (docs/kk-glossary.md), after the project's own, with
# Russian supplements that fill the packages' Russian and correct it where it reads wrong.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
# The project's own catalogues come first, and all are merged into one: a project msgid that is
# also Wagtail's or Django's ("Status", "Name") reads as theirs or carries a msgctxt, else it
# would reword their screens (tests/editorial/test_catalogue_shadowing.py).
PROJECT_APPS = ["core", "home", "appeals", "candidates", "news", "editorial", "accounts"]
LOCALE_PATHS = (
    [PROJECT_DIR / "locale"]
    + [BASE_DIR / app / "locale" for app in PROJECT_APPS]
    + sorted(path for path in (PROJECT_DIR / "admin_locale").iterdir() if path.is_dir())
)
# Django has no Kazakh formats module; ours lives here.
FORMAT_MODULE_PATH = ["federation_site.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
# Addresses in Latin letters in both languages (core/slugs.py): Wagtail's slug script and its
# slugs for copies and titles keep only Latin letters, never Cyrillic.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# wagtail-localize: measured defaults that would publish translations or lose strings.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise as they are
# (drawn by federation_site/icons.py).
WHITENOISE_ROOT = PROJECT_DIR / "root_files"
STATIC_URL = "/static/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = _("Federation of Trade Unions of the Republic of Kazakhstan")
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Kazakh word stems for search (core/search/kazakh.py): Hunspell's kk_KZ.aff and kk_KZ.dic.
KAZAKH_HUNSPELL_DICTIONARY = os.environ.get("KAZAKH_HUNSPELL_DICTIONARY") or (
    BASE_DIR / "core" / "dictionaries" / "kk_KZ"
)
# Wagtail's database backend with Kazakh and Russian stems computed in Python, the same on
# every database (core/search/backend.py): PostgreSQL's own stemming stays off ("simple").
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "core.search.backend", "SEARCH_CONFIG": "simple"},
}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "png": "webp", "jpeg": "webp", "webp": "webp"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatar from gravatar.com: the admin makes no third-party requests either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
# A page's password form and the readers' sign-in for restricted pages, in the site's frame.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "restrictions/password_required.html"
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "restrictions/login.html"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (core/caching/page_cache.py, core/caching/invalidation.py): anonymous public
# pages, purged exactly on every publishing event; search results live briefly instead.
# Browsers keep a page only with revalidation (max-age=0 and an ETag); shared caches in front
# (s-maxage) as long as we do, purged with us (WAGTAILFRONTENDCACHE in production).
PAGE_CACHE_ENABLED = True
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_KEY_PREFIX = "page"
PAGE_CACHE_SECONDS = 60 * 60
PAGE_CACHE_SHORT_SECONDS = 60
PAGE_CACHE_SHORT_PATHS = ["search"]
PAGE_CACHE_BROWSER_SECONDS = 0
# Listing cards kept in the same store between renders (core/caching/fragments.py).
FRAGMENT_CACHE_ENABLED = True

# JSON that keeps microseconds, for backups (core/operations/exact_json.py,
# core/operations/backups.py).
SERIALIZATION_MODULES = {"exactjson": "core.operations.exact_json"}
# Where `manage.py backup` writes (made owner-only), and the Fernet key that encrypts the
# archives (empty: not encrypted); `restore` needs the same key. From the environment in
# every settings module, so an archive from production restores on a laptop too.
BACKUP_DIR = os.environ.get("BACKUP_DIR") or str(BASE_DIR / "var" / "backups")
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "").strip()

# load_demo refuses to run where this is False (production).
DEMO_CONTENT_ALLOWED = False
# Each content app contributes its demo content; load_demo runs these in order.
DEMO_CONTENT_LOADERS = [
    "editorial.demo.load",
    "appeals.demo.load",
    "candidates.demo.load",
    "news.demo.load",
    "home.demo.load",
]
# Section index pages created under every home page by `setup_site`.
SITE_SECTIONS = [
    "appeals.AppealIndexPage",
    "candidates.CandidateIndexPage",
    "news.NewsIndexPage",
]

# One line per record: time, level, request id, logger, message (tracebacks escaped).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "federation_site.logs.RequestIdFilter"},
        # A Redis or database outage: one line when it starts, one when it ends, instead of
        # a traceback per call or request (federation_site/outages.py).
        "redis_outage": {"()": "federation_site.outages.RedisOutageFilter"},
        "database_outage": {"()": "federation_site.outages.DatabaseOutageFilter"},
    },
    "formatters": {"one_line": {"()": "federation_site.logs.OneLineFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "one_line",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Django's own default sends "django" records to a plain handler too (when DEBUG): one
    # handler, one format, one line per record.
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"filters": ["database_outage"]},
        "federation_site.cache": {"filters": ["redis_outage"], "level": "INFO"},
    },
}

# E-mail goes through ReportingEmailBackend, which logs a failure and tells the user instead
# of failing their request; MAIL_DELIVERY_BACKEND is what actually sends.
EMAIL_BACKEND = "federation_site.mail.ReportingEmailBackend"
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 10

# --- Admin security (accounts/) -------------------------------------------------------------
# Sessions end after two hours without a request (the page editor pings while it is open);
# accounts.middleware.IdleSessionMiddleware moves the end forward every five minutes of use.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_REFRESH_SECONDS = 5 * 60
SESSION_COOKIE_HTTPONLY = True
# Login throttling, for 15 minutes after five failures: of one account from one address (the
# pair; the account's owner still signs in from anywhere else, so nobody can lock a Moderator
# out by guessing at their username), and of one address across any accounts (one guesser
# trying many names). The address is the reader's, believed from X-Forwarded-For only when it
# comes from FORWARDED_ALLOW_IPS (federation_site/network.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_CLIENT_IP_CALLABLE = "federation_site.network.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
# Two-factor authentication (django-otp): required for superusers and Moderators, offered to
# everyone; TWO_FACTOR_ENFORCED = False lets them in without enrolling (development only).
# Production also requires it of everyone with admin access (TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS);
# here it stays off so that tests may sign Editors in with a password alone.
TWO_FACTOR_ENFORCED = True
TWO_FACTOR_REQUIRED_GROUPS = ["Moderators"]
TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS = False
OTP_TOTP_ISSUER = "FPRK"
TWO_FACTOR_RECOVERY_CODES = 10

# Content-Security-Policy (django-csp): no inline script on public pages; the admin gets its
# own policy (federation_site.middleware.ContentSecurityPolicyMiddleware).
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_SELF],
        "frame-ancestors": [_SELF],
        "object-src": ["'none'"],
        "base-uri": [_SELF],
        "form-action": [_SELF],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": [_SELF],
    # Wagtail 8's admin still writes inline scripts (date and time widgets, inline panels,
    # workflow dialogs) and style attributes; no other origin may serve either.
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "frame-src": [_SELF],
    "frame-ancestors": [_SELF],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
}
ADMIN_PATH_PREFIXES = ("/admin/",)
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Editorial workflow (editorial/). Admin times are Asia/Almaty for every user; a
# moderator's approval publishes the latest revision, which is the one under review
# (the page is locked for everyone but Moderators while in review).
WAGTAIL_USER_TIME_ZONES = ["Asia/Almaty"]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
