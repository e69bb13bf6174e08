"""Two-factor authentication in the admin: required for superusers and Moderators (in
production for everyone with admin access), offered to everyone, with single-use recovery
codes; every step through the real sign-in views."""

import re
import runpy
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import must_use_second_factor
from tests.editorial_helpers import PASSWORD, make_user
from tests.operations.test_settings_and_operations import PRODUCTION_ENV, production_settings
from tests.totp_codes import fresh_code

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"


def code_for(device, later=0):
    """What the authenticator app shows now (or `later` steps of 30 s from now: a code once
    accepted is refused again within its step)."""
    counter = int((time.time() - device.t0) // device.step) + device.drift + later
    return f"{hotp(device.bin_key, counter, device.digits):0{device.digits}d}"


def the_throttle_has_passed(device):
    """As if the person waited out django-otp's throttle after a wrong code (1 s, doubling with
    each failure): the last failure is moved an hour back instead of sleeping."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def sign_in_with_password(client, user):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    return response


def enrol(client, user):
    """The whole first-time setup: password, QR page, a code from the app."""
    sign_in_with_password(client, user)
    page = client.get(reverse("accounts_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts_setup"), {"code": code_for(device)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", response.content.decode())
    return TOTPDevice.objects.get(user=user, confirmed=True), codes


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_moderators_and_superusers_must_set_up_a_second_factor(client, users, role):
    user = users[role]
    sign_in_with_password(client, user)
    response = client.get(ADMIN_HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts_setup"))
    setup = client.get(response["Location"])
    body = setup.content.decode()
    assert "<svg" in body  # the QR code, drawn on the server (no third-party request)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert re.search(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", body)  # the key, to type by hand

    wrong = client.post(reverse("accounts_setup"), {"code": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get(ADMIN_HOME).status_code == 302
    # Right away, even the right code waits: django-otp throttles after a wrong one.
    throttled = client.post(reverse("accounts_setup"), {"code": code_for(device)})
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert (
        "wait a few seconds" in throttled.content.decode()
        or "күтіңіз" in throttled.content.decode()
    )
    the_throttle_has_passed(device)

    done = client.post(reverse("accounts_setup"), {"code": code_for(device)})
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", done.content.decode())
    assert len(codes) == 10
    assert client.get(ADMIN_HOME).status_code == 200


def test_a_user_with_a_second_factor_is_asked_for_a_code_after_the_password(
    client, users, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the first test is about the throttle; not this one
    _device, _codes = enrol(client, users["moderator"])
    client.logout()

    sign_in_with_password(client, users["moderator"])
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts_verify"))
    wrong = client.post(response["Location"], {"code": "123456"})
    assert wrong.status_code == 200
    assert "not right" in wrong.content.decode() or "дұрыс емес" in wrong.content.decode()
    assert client.get(ADMIN_HOME).status_code == 302

    right = client.post(response["Location"], {"code": fresh_code(users["moderator"])})
    assert right.status_code == 302
    assert right["Location"] == reverse("wagtailadmin_explore_root")
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200


def test_a_recovery_code_signs_in_once(client, users):
    _device, codes = enrol(client, users["admin"])
    client.logout()
    for attempt in range(2):
        client.logout()
        sign_in_with_password(client, users["admin"])
        response = client.post(reverse("accounts_verify"), {"code": codes[0].upper()})
        if attempt == 0:
            assert response.status_code == 302
            assert client.get(ADMIN_HOME).status_code == 200
        else:
            assert response.status_code == 200  # used up
            assert client.get(ADMIN_HOME).status_code == 302
    assert StaticToken.objects.filter(device__user=users["admin"]).count() == 9


def test_editors_may_work_without_a_second_factor_and_may_turn_one_on(client, users):
    editor = users["editor"]
    sign_in_with_password(client, editor)
    assert client.get(ADMIN_HOME).status_code == 200
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("accounts_manage") in account
    assert client.get(reverse("accounts_manage")).status_code == 200

    client.get(reverse("accounts_setup"))
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post(reverse("accounts_setup"), {"code": code_for(device)})
    client.logout()
    sign_in_with_password(client, editor)
    assert client.get(ADMIN_HOME)["Location"].startswith(reverse("accounts_verify"))

    client.post(reverse("accounts_verify"), {"code": fresh_code(editor)})
    client.post(reverse("accounts_turn_off"))
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_a_moderator_cannot_turn_the_second_factor_off(client, users):
    enrol(client, users["moderator"])
    client.post(reverse("accounts_turn_off"))
    assert TOTPDevice.objects.filter(user=users["moderator"], confirmed=True).exists()


def test_the_verify_page_will_not_redirect_off_site(client, users):
    device, _codes = enrol(client, users["moderator"])
    client.logout()
    sign_in_with_password(client, users["moderator"])
    response = client.post(
        reverse("accounts_verify") + "?next=https://evil.example/",
        {"code": fresh_code(users["moderator"])},
    )
    assert response["Location"] == reverse("wagtailadmin_home")


def test_production_requires_a_second_factor_of_everyone_with_admin_access(users):
    production = production_settings(PRODUCTION_ENV)
    rule = {
        name: production[name]
        for name in (
            "TWO_FACTOR_ENFORCED",
            "TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS",
            "TWO_FACTOR_REQUIRED_GROUPS",
        )
    }
    assert rule["TWO_FACTOR_ENFORCED"] and rule["TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS"]
    with override_settings(**rule):
        for role in ("editor", "moderator", "translator_kk", "translator_ru", "admin"):
            assert must_use_second_factor(users[role]), role
        assert not must_use_second_factor(make_user("member"))  # no admin access
    # `make run` stays relaxed: nobody is made to enrol there.
    assert not runpy.run_module("federation_site.settings.dev")["TWO_FACTOR_ENFORCED"]


@override_settings(TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS=True)  # as in production
def test_under_the_production_rule_an_editor_must_set_up_a_second_factor(client, users):
    editor = users["editor"]
    sign_in_with_password(client, editor)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts_setup"))
    assert client.get(response["Location"]).status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post(response["Location"], {"code": code_for(device)})
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200
    client.post(reverse("accounts_turn_off"))
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()  # required: stays on


def sign_out_form(html):
    """The sign-out control of a two-factor screen: a form that POSTs to Wagtail's logout
    (which answers 405 to a plain link's GET)."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").find("form", action=reverse("wagtailadmin_logout"))
    assert form is not None, "no sign-out form"
    assert form.get("method", "").lower() == "post"
    assert form.find("button", type="submit").get_text(strip=True)
    return form


@pytest.mark.parametrize("screen", ["setup", "verify"])
def test_the_two_factor_screens_sign_out(client, users, settings, screen):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    moderator = users["moderator"]
    if screen == "verify":
        enrol(client, moderator)
        client.logout()
    sign_in_with_password(client, moderator)
    page = client.get(reverse(f"accounts_{screen}"))
    assert page.status_code == 200
    sign_out_form(page.content.decode())

    client_with_csrf = client
    client_with_csrf.handler.enforce_csrf_checks = True
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    response = client_with_csrf.post(
        reverse("wagtailadmin_logout"), {"csrfmiddlewaretoken": token.group(1)}
    )
    assert response.status_code == 302
    # Signed out: the admin asks for the password again, not for a code.
    again = client.get(ADMIN_HOME)
    assert again.status_code == 302
    assert again["Location"].startswith(reverse("wagtailadmin_login"))
