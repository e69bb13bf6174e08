"""gunicorn settings for the container; tuned by environment variables."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# TLS ends at the proxy in front. Its X-Forwarded-Proto (and, for the login throttling,
# X-Forwarded-For) are believed only from the addresses the operator lists here; gunicorn's
# own default is the loopback interface.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Every line as the app writes its own (federation_site/logs.py): time, level, request id
# (from the app's X-Request-ID response header; "-" for the server's own lines), logger.
accesslog = "-"
access_log_format = '[%({x-request-id}o)s] gunicorn.access: %(h)s "%(r)s" %(s)s %(b)s %(M)sms'
_DATE = "%Y-%m-%dT%H:%M:%S%z"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "server": {
            "format": "%(asctime)s %(levelname)s [-] %(name)s: %(message)s",
            "datefmt": _DATE,
        },
        "access": {"format": "%(asctime)s %(levelname)s %(message)s", "datefmt": _DATE},
    },
    "handlers": {
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "stream": "ext://sys.stderr",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["server"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}


def post_worker_init(worker):
    """Read the Kazakh search dictionary before the first request (about a second and a
    half per worker), so that no reader's search or editor's publication waits for it."""
    from core.search.kazakh import analyser

    analyser()
