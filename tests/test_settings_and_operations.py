"""Production settings fail loudly; demo content and users exist only in development."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.conftest import REPO

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "federation_site.settings.production",
    "SECRET_KEY": "k3#9vQ!zr7Lm2pX8wT5nB4cY6hJ1dF0sGaE*uIoP@lK-qW=eR+tZ%yU^iO",
    "ALLOWED_HOSTS": "fprk.kz,www.fprk.kz",
    "CSRF_TRUSTED_ORIGINS": "https://fprk.kz",
    "DATABASE_URL": "sqlite:////tmp/federation-production-check.sqlite3",
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
