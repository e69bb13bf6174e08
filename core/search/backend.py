"""The search backends: modelsearch's database backends with word stems, on every database.

Kazakh and Russian are stemmed in Python, the same way on every database: a page's words are
also indexed as their stems in its language (Kazakh dictionary stems, core/search/kazakh.py;
Russian Snowball stems, core/search/russian.py; BasePage.search_fields), and every query word
that has stems is searched as any of them too (`WordStemsMixin`, core/search/stems.py), so
кәсіподақтардың finds pages that say кәсіподақ or кәсіподақтар, and профсоюзам those that say
профсоюзы. This applies to the admin's page search too (the same backend).

So PostgreSQL needs no stemming of its own: its text search configuration is "simple" for
every page (`SEARCH_CONFIG` in settings), and SQLite (`make run`) and PostgreSQL find the same
pages. (PostgreSQL's "russian" configuration would stem Russian a second time, stems included,
and find pages SQLite does not.) After changing the configuration or the stemming, run
`manage.py update_index`. Which pages a reader sees is decided by the queryset (the search
view filters by locale and page type, core/search/public.py), not here.

`SearchBackend(params)` picks one explicit class by `connection.vendor`, making the same
choice as modelsearch's `modelsearch.backends.database.SearchBackend` (its FTS5 backend on
SQLite when FTS5 and its table are there, MySQL's on MySQL, the generic fallback otherwise),
each subclassed with word stems (`WordStemsMixin`); SQLite's class lives in
core/search/sqlite_backend.py, imported only on SQLite. The tripwire (tests/editorial/
test_localize_source_tripwire.py) fingerprints modelsearch's chooser, so a change in how it
chooses is reviewed here, and the PostgreSQL method overridden below.
"""

from django.db import connection
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.backends.database.mysql.mysql import MySQLSearchBackend
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.query import Boost
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from core.search.stems import WordStemsMixin


class BoostRankingQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        # A Boost weighs in the ranking (build_tsrank); what matches is its subquery.
        if isinstance(query, Boost):
            query = query.subquery
        return super().build_tsquery_content(query, config=config, invert=invert)


class StemmedPostgresSearchBackend(WordStemsMixin, PostgresSearchBackend):
    """A query word's own form weighs a tenth of its stems in the ranking (`ranks_boosts`)."""

    query_compiler_class = BoostRankingQueryCompiler
    ranks_boosts = True


class StemmedMySQLSearchBackend(WordStemsMixin, MySQLSearchBackend):
    pass


class StemmedDatabaseSearchBackend(WordStemsMixin, DatabaseSearchBackend):
    """modelsearch's generic fallback: SQLite without FTS5, and any other database."""


_sqlite_fts = None  # whether SQLite's FTS5 and its table are there; None until first asked


def _sqlite_has_fts():
    """modelsearch's own test, asked once per process as modelsearch asks it."""
    global _sqlite_fts
    if _sqlite_fts is None:
        _sqlite_fts = fts5_available() and fts_table_exists()
    return _sqlite_fts


def search_backend_class():
    """The class for the default database, chosen as modelsearch's database backend chooses."""
    if connection.vendor == "postgresql":
        return StemmedPostgresSearchBackend
    if connection.vendor == "mysql":
        return StemmedMySQLSearchBackend
    if connection.vendor == "sqlite" and _sqlite_has_fts():
        # Imported here, as modelsearch does: its SQLite module needs SQLite's index models.
        from core.search.sqlite_backend import StemmedSQLiteSearchBackend

        return StemmedSQLiteSearchBackend
    return StemmedDatabaseSearchBackend


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks up in a backend module)
    return search_backend_class()(params)
