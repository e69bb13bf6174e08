"""Full-text search in each page's own language.

Wagtail's database backend on PostgreSQL takes one text search configuration
(`SEARCH_CONFIG`) for its whole index, and that index is one table holding Kazakh and
Russian pages side by side: one configuration cannot stem both, and two backends (one per
language) would overwrite each other's rows. This backend indexes every object with its own
language's configuration (`LANGUAGE_CONFIGS`: Russian stemming for ru, "simple" for kk) and
matches a query under each configuration in use, so a Russian word form finds Russian pages
while Kazakh words match as written. Which pages a reader sees is decided by the queryset
(the search view filters by locale), not here. After changing LANGUAGE_CONFIGS run
`manage.py update_index`.

`SearchBackend(params)` picks one explicit class by `connection.vendor`, making the same
choice as modelsearch's `modelsearch.backends.database.SearchBackend` (its FTS5 backend on
SQLite when FTS5 and its table are there, MySQL's on MySQL, the generic fallback otherwise),
each subclassed with word stems (`WordStemsMixin`); SQLite's class lives in
core/search/sqlite_backend.py, imported only on SQLite. The tripwire (tests/editorial/
test_localize_source_tripwire.py) fingerprints modelsearch's chooser, so a change in how it
chooses is reviewed here.

Kazakh and Russian, on every database: a page's words are also indexed as their stems in its
language (Kazakh dictionary stems, core/search/kazakh.py; Russian Snowball stems,
core/search/russian.py; BasePage.search_fields), and every query word that has stems is
searched as any of them too (`WordStemsMixin`, core/search/stems.py), so кәсіподақтардың
finds pages that say кәсіподақ or кәсіподақтар, and профсоюзам those that say профсоюзы, on
SQLite as on PostgreSQL (where the "russian" configuration stems Russian once more, with the
same Snowball algorithm). This applies to the admin's page search too (the same backend).
"""

from collections import defaultdict
from functools import reduce

from django.db import connection
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.backends.database.mysql.mysql import MySQLSearchBackend
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists
from modelsearch.query import Boost
from wagtail.models import Locale
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from core.search.stems import WordStemsMixin

DEFAULT_CONFIG = "simple"


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            groups[self.backend.config_for_language(language)].append(obj)
        for config, group in groups.items():
            # Wagtail's indexer reads the configuration from its backend.
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.query_configs

    def build_tsquery_content(self, query, config=None, invert=False):
        # A Boost weighs in the ranking (build_tsrank); what matches is its subquery.
        if isinstance(query, Boost):
            query = query.subquery
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_tsquery(self, query, config=None):
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        queries = [super(LanguageQueryCompiler, self).build_tsquery(query, c) for c in config]
        queries = [q for q in queries if q is not None]
        return reduce(lambda a, b: a | b, queries) if queries else None


class LanguagePostgresSearchBackend(WordStemsMixin, PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex
    ranks_boosts = True

    def __init__(self, params):
        super().__init__(params)
        self.params = params
        self.config = params.get("SEARCH_CONFIG") or DEFAULT_CONFIG
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS") or {})
        # Every configuration an object may have been indexed with, in a stable order.
        self.query_configs = tuple(sorted({self.config, *self.language_configs.values()}))

    def config_for_language(self, language_code):
        return self.language_configs.get(language_code, self.config)

    def with_config(self, config):
        return PostgresSearchBackend({**self.params, "SEARCH_CONFIG": config})


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
        return LanguagePostgresSearchBackend
    if connection.vendor == "mysql":
        return StemmedMySQLSearchBackend
    if connection.vendor == "sqlite" and _sqlite_has_fts():
        # Imported here, as modelsearch does: its SQLite module needs SQLite's index models.
        from core.search.sqlite_backend import StemmedSQLiteSearchBackend

        return StemmedSQLiteSearchBackend
    return StemmedDatabaseSearchBackend


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks up in a backend module)
    return search_backend_class()(params)
