"""Full-text search in each page's own language.

Wagtail's database backend on PostgreSQL takes one text search configuration
(`SEARCH_CONFIG`) for its whole index, and that index is one table holding Kazakh and
Russian pages side by side: one configuration cannot stem both, and two backends (one per
language) would overwrite each other's rows. This backend indexes every object with its own
language's configuration (`LANGUAGE_CONFIGS`: Russian stemming for ru, "simple" for kk) and
matches a query under each configuration in use, so a Russian word form finds Russian pages
while Kazakh words match as written. Which pages a reader sees is decided by the queryset
(the search view filters by locale), not here.

On other databases (SQLite in development) this is Wagtail's database backend unchanged,
without stemming. After changing LANGUAGE_CONFIGS run `manage.py update_index`.
"""

from collections import defaultdict
from functools import reduce

from django.db import connection
from wagtail.models import Locale
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

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

    def build_tsquery(self, query, config=None):
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        queries = [super(LanguageQueryCompiler, self).build_tsquery(query, c) for c in config]
        queries = [q for q in queries if q is not None]
        return reduce(lambda a, b: a | b, queries) if queries else None


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex

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


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks up in a backend module)
    if connection.vendor == "postgresql":
        return LanguagePostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
