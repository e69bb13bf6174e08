"""The search backend is one of our own classes, chosen for the database in use, and searches
with word stems: an explicit subclass, not a re-classed instance of modelsearch's."""

from importlib import import_module

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from core.search import backend as search_backend
from core.search.stems import WordStemsMixin

pytestmark = pytest.mark.django_db


def expected_class():
    if connection.vendor == "postgresql":
        return search_backend.StemmedPostgresSearchBackend
    if connection.vendor == "mysql":
        return search_backend.StemmedMySQLSearchBackend
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if fts5_available():
            from core.search.sqlite_backend import StemmedSQLiteSearchBackend

            return StemmedSQLiteSearchBackend
    return search_backend.StemmedDatabaseSearchBackend


def test_backend_is_our_explicit_class_for_the_database():
    backend = get_search_backend()
    cls = type(backend)
    assert cls is expected_class()
    # A class defined in core/search/ under its own name, not one made at run time.
    assert cls.__module__ in {"core.search.backend", "core.search.sqlite_backend"}
    assert getattr(import_module(cls.__module__), cls.__name__) is cls
    assert WordStemsMixin in cls.__mro__


def test_backend_makes_the_choice_modelsearch_makes():
    from modelsearch.backends.database import SearchBackend as modelsearch_choice

    ours = type(get_search_backend())
    theirs = type(modelsearch_choice({}))
    assert ours.__mro__[1:3] == (WordStemsMixin, theirs)
