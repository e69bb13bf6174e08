"""Mail servers that fail, for tests of what the person submitting sees."""

import smtplib
import socket

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableServer(BaseEmailBackend):
    """The host name does not resolve (a typo in EMAIL_URL, a DNS outage)."""

    def open(self):
        raise socket.gaierror(-2, "Name or service not known")

    def send_messages(self, email_messages):
        self.open()


class RefusingServer(BaseEmailBackend):
    """The server answers but refuses the login."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication failed")
