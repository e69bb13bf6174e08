"""Two-factor authentication for the admin, on django-otp: an authenticator app (TOTP) and
single-use recovery codes.

Who must have it: superusers, the groups in TWO_FACTOR_REQUIRED_GROUPS (Moderators) and, with
TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS (production), everyone who may use the admin; all of it
when TWO_FACTOR_ENFORCED (everywhere but development). Everyone else may turn it on from their
account settings; whoever has a confirmed device is always asked for a code after the password,
in the admin and before a private page or document (accounts/wagtail_hooks.py).
"""

import re
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery"
_TOTP_CODE = re.compile(r"^\d{6}$")


def must_use_second_factor(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # An Editor can replace the file of an image used on live pages: the public site changes
    # at once, without review, so in production a password alone is not enough for anyone.
    if settings.TWO_FACTOR_REQUIRED_FOR_ADMIN_ACCESS and user.has_perm("wagtailadmin.access_admin"):
        return True
    return user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def pending_authenticator(user):
    """The user's unconfirmed authenticator (made once, kept until confirmed)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name=AUTHENTICATOR_NAME, confirmed=False
    )
    return device


def secret_of(device):
    """The TOTP secret as people type it into an authenticator app (base32, in groups of 4)."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise(code):
    return re.sub(r"[\s-]", "", code or "").lower()


class Throttled(Exception):
    """Too many wrong codes in a row: django-otp makes the device wait (1, 2, 4... seconds)."""


def _check_throttle(device):
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise Throttled


def verify(user, code):
    """The confirmed device that accepts `code` (an authenticator code, else a recovery code,
    which is used up), or None; Throttled after repeated failures."""
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            is_totp = isinstance(device, TOTPDevice)
            if is_totp != bool(_TOTP_CODE.match(code)):
                continue
            _check_throttle(device)
            if device.verify_token(code):
                return device
    return None


@transaction.atomic
def confirm_authenticator(device, code):
    """Confirms the pending authenticator if `code` is right; replaces any earlier one."""
    _check_throttle(device)
    if not device.verify_token(normalise(code)):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    return True


@transaction.atomic
def new_recovery_codes(user):
    """Replaces the user's recovery codes with fresh ones; returns them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME)
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def turn_off(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
