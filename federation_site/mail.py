"""E-mail that fails visibly.

Wagtail notifies moderators by e-mail when something is submitted for review. If the mail
server is down or refuses, Wagtail logs some failures and lets others (a DNS error, a refused
login) become a server error on "Submit for review". `ReportingEmailBackend` wraps the real
backend (`MAIL_DELIVERY_BACKEND`, set from `EMAIL_URL` in production): every failure is logged
and never raised, and `MailFailureMiddleware` tells the person whose action triggered the
e-mail that the moderators were not notified, in their admin language.
"""

import contextvars
import logging

from django.conf import settings
from django.contrib import messages
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.translation import gettext as _

logger = logging.getLogger("federation_site.mail")

_failures = contextvars.ContextVar("mail_failures", default=None)


def _record(error, recipients):
    failures = _failures.get()
    if failures is not None:
        failures.append((error, recipients))


class ReportingEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.delivery = get_connection(
            settings.MAIL_DELIVERY_BACKEND, fail_silently=False, **kwargs
        )

    def open(self):
        try:
            return self.delivery.open()
        except Exception as error:  # noqa: BLE001  (any delivery failure is reported, not raised)
            logger.error("Mail server unavailable: %s: %s", type(error).__name__, error)
            _record(error, [])
            return False

    def close(self):
        try:
            self.delivery.close()
        except Exception as error:  # noqa: BLE001
            logger.warning("Closing the mail connection failed: %s", error)

    def send_messages(self, email_messages):
        try:
            return self.delivery.send_messages(email_messages)
        except Exception as error:  # noqa: BLE001
            recipients = sorted({r for message in email_messages for r in message.recipients()})
            logger.error(
                "E-mail not sent to %s (%s): %s: %s",
                ", ".join(recipients),
                "; ".join(message.subject for message in email_messages),
                type(error).__name__,
                error,
            )
            _record(error, recipients)
            return 0


class MailFailureMiddleware:
    """Shows a warning to a signed-in user whose request could not send its e-mail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        failures = []
        token = _failures.set(failures)
        try:
            response = self.get_response(request)
        finally:
            _failures.reset(token)
        user = getattr(request, "user", None)
        if failures and user is not None and user.is_authenticated:
            messages.warning(
                request,
                _(
                    "The e-mail notification could not be sent (%(error)s). Your change is "
                    "saved; please tell the people concerned, for example the moderators, "
                    "another way."
                )
                % {"error": type(failures[0][0]).__name__},
            )
        return response
