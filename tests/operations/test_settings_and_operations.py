"""Production settings fail loudly; demo content and users exist only in development."""

import os
import runpy
import subprocess
import sys
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from tests.conftest import REPO

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "federation_site.settings.production",
    "SECRET_KEY": "k3#9vQ!zr7Lm2pX8wT5nB4cY6hJ1dF0sGaE*uIoP@lK-qW=eR+tZ%yU^iO",
    "ALLOWED_HOSTS": "fprk.kz,www.fprk.kz",
    "CSRF_TRUSTED_ORIGINS": "https://fprk.kz",
    "DATABASE_URL": "sqlite:////tmp/federation-production-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
}


def manage(*args, env_overrides=None, drop=()):
    ignored = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", *drop}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(env_overrides or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV}
    del env["SECRET_KEY"]
    result = manage("check", env_overrides=env, drop=("SECRET_KEY",))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


REFUSALS = [
    ({"SECRET_KEY": "short-key"}, (), "SECRET_KEY is too weak"),
    ({"SECRET_KEY": "a" * 60}, (), "SECRET_KEY is too weak"),
    (
        {"SECRET_KEY": "django-insecure-" + "x7#Kp2!qR9m@Lz4$wT6&nB8^vC1*hJ3(dF5)gS0" * 2},
        (),
        "development or example key",
    ),
    (
        {"SECRET_KEY": "dev-only-not-secret-3c0c1a0b9d6a4f3a8b5f" * 2},
        (),
        "development or example key",
    ),
    ({"ALLOWED_HOSTS": ""}, (), "ALLOWED_HOSTS must name"),
    ({}, ("ALLOWED_HOSTS",), "ALLOWED_HOSTS must name"),
    ({}, ("DATABASE_URL",), "DATABASE_URL must be set"),
    ({"SECURE_SSL_REDIRECT": "maybe"}, (), "SECURE_SSL_REDIRECT='maybe' is not a yes/no value"),
    ({"SESSION_COOKIE_SECURE": "ture"}, (), "SESSION_COOKIE_SECURE='ture' is not a yes/no value"),
    ({"SECURE_HSTS_SECONDS": "a year"}, (), "SECURE_HSTS_SECONDS='a year' is not a whole number"),
    # A page cache in each process's memory would serve pages other processes changed.
    ({}, ("REDIS_URL",), "REDIS_URL is required while the page cache is on"),
]


def test_production_runs_without_redis_only_with_the_page_cache_off():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "REDIS_URL"}
    env.update(PAGE_CACHE_ENABLED="false", FRAGMENT_CACHE_ENABLED="false")
    values = production_settings(env)
    assert values["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert values["PAGE_CACHE_ENABLED"] is False


def production_settings(environ):
    """production.py evaluated with `environ` as the whole environment, in this process (it
    is plain Python: Django is not configured again). Raises what `manage.py` would."""
    with mock.patch.dict(os.environ, environ, clear=True):
        return runpy.run_module("federation_site.settings.production")


def production_refusal(environ):
    with pytest.raises(ImproperlyConfigured) as refusal:
        production_settings(environ)
    message = str(refusal.value)
    assert message.startswith("Production settings refuse to start")
    return message


@pytest.mark.parametrize("overrides,dropped,message", REFUSALS)
def test_production_refuses_an_incomplete_or_unsafe_environment(overrides, dropped, message):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key not in dropped}
    env.update(overrides)
    assert message in production_refusal(env)


def test_production_lists_every_problem_at_once():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "short", "ALLOWED_HOSTS": "", "SECURE_SSL_REDIRECT": "x"}
    del env["DATABASE_URL"]
    message = production_refusal(env)
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SECURE_SSL_REDIRECT"):
        assert name in message


@pytest.mark.parametrize(
    "word,expected",
    [(w, True) for w in ("1", "true", "YES", "on")]
    + [(w, False) for w in ("0", "false", "No", "OFF")],
)
def test_production_booleans_accept_the_usual_words(word, expected):
    settings = production_settings({**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": word})
    assert settings["SECURE_SSL_REDIRECT"] is expected


def test_production_email_comes_from_email_url():
    env = {**PRODUCTION_ENV, "EMAIL_URL": "submission://robot:p%40ss@mail.example:587"}
    settings = production_settings(env)
    assert settings["MAIL_DELIVERY_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("mail.example", 587)
    assert settings["EMAIL_USE_TLS"] is True and settings["EMAIL_HOST_USER"] == "robot"
    assert settings["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert settings["EMAIL_BACKEND"] == "federation_site.mail.ReportingEmailBackend"


def test_production_frontend_cache_comes_from_the_environment():
    settings = production_settings({**PRODUCTION_ENV, "FRONTEND_CACHE_URL": "http://varnish:80"})
    backend = settings["WAGTAILFRONTENDCACHE"]["http"]
    assert backend["LOCATION"] == "http://varnish:80"
    assert "Cloudflare" in production_refusal({**PRODUCTION_ENV, "CLOUDFLARE_ZONE_ID": "z"})


def test_gunicorn_trusts_forwarded_headers_only_from_the_configured_proxies():
    env = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"}
    with mock.patch.dict(os.environ, env, clear=True):
        assert runpy.run_path(str(REPO / "gunicorn.conf.py"))["forwarded_allow_ips"] == (
            "127.0.0.1,::1"
        )
    with mock.patch.dict(os.environ, {"FORWARDED_ALLOW_IPS": "10.0.0.0/8"}):
        assert runpy.run_path(str(REPO / "gunicorn.conf.py"))["forwarded_allow_ips"] == (
            "10.0.0.0/8"
        )


def test_production_check_deploy_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_reads_hosts_and_origins_from_the_environment():
    code = (
        "from django.conf import settings;"
        "print(settings.ALLOWED_HOSTS, settings.CSRF_TRUSTED_ORIGINS, settings.DEBUG,"
        " settings.DATABASES['default']['ENGINE'])"
    )
    result = manage("shell", "-c", code, env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert (
        "['fprk.kz', 'www.fprk.kz'] ['https://fprk.kz'] False django.db.backends.sqlite3"
        in result.stdout
    )


def test_load_demo_is_refused_under_production_settings():
    result = manage("load_demo", env_overrides=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "not allowed" in result.stderr


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_creates_one_user_per_role(settings):
    from wagtail.models import Page

    call_command("load_demo", stdout=open(os.devnull, "w"))
    pages = Page.objects.count()
    users = {user.username: user for user in get_user_model().objects.all()}
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert Page.objects.count() == pages
    assert get_user_model().objects.count() == len(users)
    assert {"admin", "editor", "moderator", "translator_kk", "translator_ru"} <= set(users)
    assert users["admin"].is_superuser
    # Each app's demo content, in both languages, the second language as real translations.
    from appeals.models import AppealPage
    from candidates.models import CandidatePage
    from news.models import NewsPage

    for model, per_language in ((AppealPage, 1), (CandidatePage, 40), (NewsPage, 12)):
        for language in ("kk", "ru"):
            pages = model.objects.live().filter(locale__language_code=language)
            assert pages.count() == per_language, (model, language)
        assert len(set(model.objects.values_list("translation_key", flat=True))) == per_language
    assert not NewsPage.objects.filter(main_image__isnull=True).exists()
    # The image library is shared by Kazakh and Russian editors: every demo picture is titled
    # in both (after its news item or candidate), none in English ("Demo news image 10").
    import re

    from wagtail.images import get_image_model
    from wagtail.models import Locale

    for title in get_image_model().objects.values_list("title", flat=True):
        assert re.search("[а-яәғқңөұүһі]", title, re.I), title
        assert not re.search(r"\b(demo|image)\b", title, re.I), title
    news_item = NewsPage.objects.filter(locale__language_code="kk").first()
    russian = news_item.get_translation(Locale.objects.get(language_code="ru"))
    assert news_item.title in news_item.main_image.title
    assert russian.title in news_item.main_image.title
    # Built in bulk (core/operations/bulk.py), then indexed once: search and the reference index
    # work.
    from wagtail.models import Locale, Page, ReferenceIndex

    kazakh = Locale.objects.get(language_code="kk")
    found = Page.objects.live().filter(locale=kazakh).search("демо")
    assert len(found) >= 40
    assert ReferenceIndex.objects.exists()
    assert all("(демо)" in page.title for page in CandidatePage.objects.all())
    assert [g.name for g in users["editor"].groups.all()] == ["Editors"]
    assert [g.name for g in users["moderator"].groups.all()] == ["Moderators"]
    assert [g.name for g in users["translator_kk"].groups.all()] == ["Translators (kk)"]
    assert [g.name for g in users["translator_ru"].groups.all()] == ["Translators (ru)"]


@pytest.mark.django_db
def test_load_demo_refuses_when_demo_content_is_not_allowed(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="not allowed"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()
