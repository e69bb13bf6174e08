"""The search backend on SQLite with FTS5 (`make run`): modelsearch's, with word stems.

A module of its own because modelsearch's SQLite module reads SQLite's index models when
imported, which exist only on SQLite; core/search/backend.py imports it only there.
"""

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

from core.search.stems import WordStemsMixin


class StemmedSQLiteSearchBackend(WordStemsMixin, SQLiteSearchBackend):
    """No ranking of a Boost here, so stems are plain alternatives (`ranks_boosts`)."""
