"""Search: the Wagtail search backend that indexes each page in its own language with Kazakh
stems (`backend`; SQLite's in `sqlite_backend`), Kazakh stems in queries (`stems`), the
Kazakh stemmer (`kazakh`), what the public search finds (`public`),
and the recall corpus of `manage.py search_quality` (`corpus`).
"""
