"""A dependency outage is logged once when it starts and once when it ends, not per call.

While Redis is down every cache call fails, and django-redis (IGNORE_EXCEPTIONS with
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS, production settings) logs each failure with its
traceback to the "federation_site.cache" logger: hundreds of multi-kilobyte records a minute
that bury everything else. `RedisOutageFilter` (on that logger, settings.LOGGING) lets the
first failure of an outage through as one line, "Redis unreachable: <error>", and drops the
others; `ReportsRecovery` (on the Redis connection class of production's cache) logs "Redis
reachable again" when a connection made after an outage has answered a PING. Nothing else
costs anything while Redis is up: one attribute read per connection taken from the pool.

The database the same way: while it is down each request answers 503
(federation_site.views.server_error), which reports the outage here once
(`DATABASE.failed`), and `DatabaseOutageFilter` (on "django.request") drops the traceback
Django logs for each of those requests; the first new connection afterwards (Django's
`connection_created` signal) logs "Database reachable again".

The state is per process: each gunicorn worker says once that it lost, and regained, its
dependency. Public APIs only: a logging filter, redis-py's `Connection.connect` (the method
its pool calls before every use of a connection) and its `connection_class` pool option
(django-redis's CONNECTION_POOL_KWARGS).
"""

import logging
import threading

from django.db import InterfaceError, OperationalError
from django.db.backends.signals import connection_created
from redis.connection import Connection, SSLConnection, UnixDomainSocketConnection

# What psycopg2 and sqlite3 raise when the database cannot be reached.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class Outage:
    """Whether one dependency is down in this process, said once each way."""

    def __init__(self, name, logger_name):
        self.name = name
        self.logger = logging.getLogger(logger_name)
        self.down = False
        self._lock = threading.Lock()

    def failed(self, error):
        """True when `error` starts an outage (then it is to be reported, once)."""
        with self._lock:
            started, self.down = not self.down, True
        return started

    def recovered(self):
        with self._lock:
            ended, self.down = self.down, False
        if ended:
            self.logger.info("%s reachable again", self.name)


REDIS = Outage("Redis", "federation_site.cache")
DATABASE = Outage("Database", "federation_site")


def _cause(error):
    """The error underneath django-redis's ConnectionInterrupted (redis-py's own)."""
    return error.__cause__ or error


class RedisOutageFilter(logging.Filter):
    """For the "federation_site.cache" logger, where django-redis logs what it ignored."""

    def filter(self, record):
        if not record.exc_info:
            return True  # not a failure django-redis ignored (e.g. our own recovery line)
        error = _cause(record.exc_info[1])
        if not REDIS.failed(error):
            return False  # the outage is already reported
        record.msg, record.args = "Redis unreachable: %s", (error,)
        record.exc_info = record.exc_text = record.stack_info = None
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        return True


class ReportsRecovery:
    """On a redis-py connection class: reports the end of an outage when a connection made
    after it has answered a PING (a server that accepts connections but does not answer is
    still down)."""

    def connect(self):
        super().connect()
        if REDIS.down:
            try:
                self.send_command("PING")
                self.read_response()
            except Exception:
                self.disconnect()
                raise
            REDIS.recovered()


class ReportingConnection(ReportsRecovery, Connection):
    pass


class ReportingSSLConnection(ReportsRecovery, SSLConnection):
    pass


class ReportingUnixConnection(ReportsRecovery, UnixDomainSocketConnection):
    pass


def reporting_connection_class(url):
    """The connection class for a REDIS_URL (redis://, rediss://, unix://): the pool option
    replaces the one redis-py would pick from the scheme."""
    scheme = url.partition("://")[0].lower()
    return {"rediss": ReportingSSLConnection, "unix": ReportingUnixConnection}.get(
        scheme, ReportingConnection
    )


class DatabaseOutageFilter(logging.Filter):
    """For "django.request": drops the traceback of each request that failed because the
    database is unreachable (server_error reports the outage, once)."""

    def filter(self, record):
        return not (record.exc_info and isinstance(record.exc_info[1], DATABASE_UNAVAILABLE))


def database_failed(error):
    """Reports the start of a database outage, once (the 503 page of each request)."""
    if DATABASE.failed(error):
        DATABASE.logger.warning("Database unreachable: %s", error)


def _database_connected(sender, connection, **kwargs):
    DATABASE.recovered()


connection_created.connect(_database_connected, dispatch_uid="federation_site_outages")
