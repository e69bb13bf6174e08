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
    """A code the user's authenticator accepts now: not one already used (django-otp refuses
    a code twice), within the one step of drift it allows; waits for the next step if needed."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    while True:
        now = int((time.time() - device.t0) // device.step) + device.drift
        for counter in (now, now + 1):
            if counter > device.last_t:
                return f"{hotp(device.bin_key, counter, device.digits):0{device.digits}d}"
        time.sleep(1)
