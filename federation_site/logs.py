"""One line per log record, with its time, level and the id of the request it belongs to.

`RequestIdMiddleware` gives every request an id (a valid `X-Request-ID` from the proxy in
front, else a new one), returns it in the `X-Request-ID` response header (gunicorn's access log
prints it) and makes it available to every log record of that request through
`RequestIdFilter`. `OneLineFormatter` escapes line breaks (tracebacks included), so a log
collector never splits a record.
"""

import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished

REQUEST_ID_HEADER = "X-Request-ID"
# Only ids that cannot forge log lines or headers are taken from the proxy.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        # Reset when the response is finished (`request_finished`), not here: Django logs
        # "Not Found" and server errors after the middleware has returned.
        _request_id.set(request.id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.id
        return response


def forget_request_id(**kwargs):
    _request_id.set("-")


request_finished.connect(forget_request_id, dispatch_uid="federation_site_request_id")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class OneLineFormatter(logging.Formatter):
    default_format = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"

    def __init__(self, fmt=None, datefmt="%Y-%m-%dT%H:%M:%S%z", style="%", **kwargs):
        super().__init__(fmt or self.default_format, datefmt, style, **kwargs)

    def format(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        text = super().format(record)
        return text.replace("\r", "\\r").replace("\n", "\\n")
