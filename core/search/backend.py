"""Full-text search in each page's own language.

Wagtail's database backend on PostgreSQL takes one text search configuration
(`SEARCH_CONFIG`) for its whole index, and that index is one table holding Kazakh and
Russian pages side by side: one configuration cannot stem both, and two backends (one per
language) would overwrite each other's rows. This backend indexes every object with its own
language's configuration (`LANGUAGE_CONFIGS`: Russian stemming for ru, "simple" for kk) and
matches a query under each configuration in use, so a Russian word form finds Russian pages
while Kazakh words match as written. Which pages a reader sees is decided by the queryset
(the search view filters by locale), not here.

On other databases (SQLite in development) this is Wagtail's database backend, without
Russian stemming. After changing LANGUAGE_CONFIGS run `manage.py update_index`.

Kazakh, on every database: a Kazakh page's words are also indexed as their dictionary stems
(core/search/kazakh.py, BasePage.search_fields), and every query word that has stems is searched
as any of them too (`with_kazakh_stems`), so кәсіподақтардың finds pages that say кәсіподақ or
кәсіподақтар. This applies to the admin's page search too (the same backend).
"""

from collections import defaultdict
from functools import reduce

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import And, Boost, Not, Or, PlainText
from wagtail.models import Locale
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from core.search import kazakh

DEFAULT_CONFIG = "simple"


def _expand_words(query_string, operator, weigh=True):
    """Each word that has Kazakh stems searched as any of them, or as itself (for pages not
    indexed with stems: Russian pages quoting a Kazakh name) at a tenth of the weight, so
    that a title with another form of the word still ranks as a title match. None when no
    word has a stem."""
    words = kazakh.words(query_string)
    if not any(kazakh.stems(word) for word in words):
        return None
    terms = []
    for word in words:
        stems = [PlainText(stem) for stem in kazakh.stems(word)]
        itself = Boost(PlainText(word), 0.1) if weigh else PlainText(word)
        terms.append(Or([itself, *stems]) if stems else PlainText(word))
    return terms[0] if len(terms) == 1 else (And(terms) if operator == "and" else Or(terms))


def with_kazakh_stems(query, operator=None, weigh=True):
    """The query with Kazakh stems as alternatives of each plain word (phrases and other
    query types unchanged). Without the dictionary the query is returned as it was.
    weigh=False for backends that cannot rank a Boost (SQLite's)."""
    if not kazakh.available():
        return query
    if isinstance(query, str):
        return _expand_words(query, operator or "and", weigh) or query
    if isinstance(query, PlainText):
        expanded = _expand_words(query.query_string, query.operator, weigh)
        if expanded is None:
            return query
        return Boost(expanded, query.boost) if query.boost != 1 and weigh else expanded
    if isinstance(query, (And, Or)):
        return type(query)([with_kazakh_stems(q, weigh=weigh) for q in query.subqueries])
    if isinstance(query, Not):
        return Not(with_kazakh_stems(query.subquery, weigh=weigh))
    if isinstance(query, Boost):
        return Boost(with_kazakh_stems(query.subquery, weigh=weigh), query.boost)
    return query


def shortened_to_stems(query):
    """For prefix matching (autocomplete: the admin's page search): each word cut back to
    its shortest Kazakh stem that begins it, so кәсіподақтарға matches titles that say
    кәсіподақ or кәсіподақтардың. Words whose stems do not begin them stay as typed."""
    if not kazakh.available():
        return query

    def shorten(match):
        word = match.group(0)
        prefixes = [stem for stem in kazakh.stems(word) if word.lower().startswith(stem)]
        return min(prefixes, key=len) if prefixes else word

    if isinstance(query, str):
        return kazakh.WORD.sub(shorten, query)
    if isinstance(query, PlainText):  # the admin parses the query first
        text = kazakh.WORD.sub(shorten, query.query_string)
        return PlainText(text, operator=query.operator, boost=query.boost)
    return query


class KazakhStemsMixin:
    """Searches with each word's Kazakh stems as alternatives; autocomplete with each word
    cut back to its stem."""

    ranks_boosts = False

    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        query = with_kazakh_stems(query, operator, weigh=self.ranks_boosts)
        return super().search(query, model_or_queryset, fields, operator, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        return super().autocomplete(
            shortened_to_stems(query), model_or_queryset, fields, operator, **kwargs
        )


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


class LanguagePostgresSearchBackend(KazakhStemsMixin, PostgresSearchBackend):
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


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks up in a backend module)
    if connection.vendor == "postgresql":
        return LanguagePostgresSearchBackend(params)
    backend = database_search_backend(params)  # SQLite's FTS5 where available
    backend.__class__ = _with_stems(type(backend))
    return backend


_classes = {}


def _with_stems(backend_class):
    if backend_class not in _classes:
        _classes[backend_class] = type(
            f"Kazakh{backend_class.__name__}", (KazakhStemsMixin, backend_class), {}
        )
    return _classes[backend_class]
