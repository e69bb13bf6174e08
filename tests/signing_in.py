"""Signing a test client in the way a person gets through the admin's sign-in.

Superusers and Moderators must pass the second step (accounts/); `sign_in` leaves the session
as the second step does after a right code (a confirmed authenticator, marked verified in the
session). The second step itself is tested through its views and in Chromium
(tests/security/test_two_factor.py, tests/browser/test_editorial_journey.py).
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import AUTHENTICATOR_NAME, must_use_second_factor


def sign_in(client, user):
    client.force_login(user)
    if must_use_second_factor(user):
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name=AUTHENTICATOR_NAME, defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
