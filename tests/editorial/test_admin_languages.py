"""Issue 10, point 3: each person works in their own admin language. Account settings
offer Қазақша, Русский and English; a new user's admin is in Kazakh; the demo users are set
up as real staff would be; dates, times (Asia/Almaty), month names and numbers read
correctly in each of the three."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats, translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from tests.editorial_helpers import create_appeal
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


def test_account_settings_offer_the_three_admin_languages(client, users):
    sign_in(client, users["editor"])
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    select = html[html.index('name="locale-preferred_language"') :].split("</select>")[0]
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    assert set(options[1:]) == {("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")}
    assert options[0][0] == "" and "Қазақша" in options[0][1]  # the default: Kazakh


def test_a_new_user_without_a_preference_gets_the_kazakh_admin(client, users):
    assert UserProfile.get_for_user(users["editor"]).preferred_language == ""
    sign_in(client, users["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="kk"' in html


def test_the_demo_users_work_in_their_own_languages_in_almaty_time():
    from django.contrib.auth import get_user_model

    from core.site.setup import ensure_site_structure
    from editorial import demo

    ensure_site_structure()
    demo.load()
    expected = {"moderator": "ru", "translator_ru": "ru", "editor": "kk", "translator_kk": "kk"}
    for username, language in expected.items():
        profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
        assert (profile.preferred_language, profile.current_time_zone) == (
            language,
            "Asia/Almaty",
        )
    # Loading the demo again keeps what a person has chosen since.
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = "en"
    profile.save()
    demo.load()
    profile.refresh_from_db()
    assert profile.preferred_language == "en"


@pytest.mark.parametrize(
    "language,expected",
    [
        ("kk", "2026 жылғы 2 желтоқсан, 01:30"),
        ("ru", "2 декабря 2026 г. 1:30"),
        ("en", "Dec. 2, 2026, 1:30 a.m."),
    ],
)
def test_admin_dates_read_in_the_admin_language_and_almaty_time(client, users, language, expected):
    page = create_appeal("kk", "Үндеу", "Мәтін.")
    # 20:30 UTC on 1 December is 01:30 on 2 December in Almaty.
    moment = datetime.datetime(2026, 12, 1, 20, 30, tzinfo=datetime.UTC)
    Page.objects.filter(pk=page.pk).update(
        latest_revision_created_at=moment, last_published_at=moment
    )
    editor = users["editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.current_time_zone = "Asia/Almaty"
    profile.save()
    sign_in(client, editor)
    listing = client.get(reverse("wagtailadmin_explore", args=(page.get_parent().pk,)))
    assert f'data-w-tooltip-content-value="{expected}"' in listing.content.decode()


@pytest.mark.parametrize(
    "language,number,month",
    [("kk", "1\xa0234\xa0567,5", "желтоқсан"), ("ru", "1\xa0234\xa0567,5", "декабря")],
)
def test_numbers_and_month_names(language, number, month):
    with translation.override(language):
        assert formats.number_format(1234567.5, 1, force_grouping=True) == number
        assert month in formats.date_format(datetime.date(2026, 12, 2), "DATE_FORMAT")
