"""Codes an authenticator app would show, for tests that sign in as a person does."""

import time
from base64 import b32decode

from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_from_key(key, step=30, digits=6, later=0):
    """The code for the base32 key a person types (or scans) into their app."""
    secret = b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    counter = int(time.time() // step) + later
    return f"{hotp(secret, counter, digits):0{digits}d}"


def fresh_code(user):
    """A code the user's authenticator accepts now, without waiting for the clock.

    django-otp refuses a code twice (a step at or before the device's `last_t`), so a second
    sign-in within one 30 s step takes the code of the next unused step: what the app would show
    a step later. The device accepts `tolerance` steps of clock drift either side; when the next
    unused step is further ahead than that, the test widens the device's tolerance to reach it
    rather than sleeping until the clock does (the row is updated, so a live server in the same
    process sees it too)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    now = int((time.time() - device.t0) // device.step) + device.drift
    counter = max(now, device.last_t + 1)
    if counter - now > device.tolerance:
        TOTPDevice.objects.filter(pk=device.pk).update(tolerance=counter - now)
    return f"{hotp(device.bin_key, counter, device.digits):0{device.digits}d}"
