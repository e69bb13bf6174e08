"""The search backend on SQLite with FTS5 (development): modelsearch's, with Kazakh stems.

A module of its own because modelsearch's SQLite module reads SQLite's index models when
imported, which exist only on SQLite; core/search/backend.py imports it only there.
"""

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

from core.search.stems import KazakhStemsMixin


class KazakhSQLiteSearchBackend(KazakhStemsMixin, SQLiteSearchBackend):
    """No ranking of a Boost here, so stems are plain alternatives (`ranks_boosts`)."""
