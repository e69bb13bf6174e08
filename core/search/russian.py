"""Russian word stems, so that an inflected word finds what its other forms find.

PostgreSQL stems Russian in its "russian" text search configuration; SQLite (`make run`) does
not stem at all, so выборам found one page there where выборы found three. Snowball's Russian
stemmer (the `snowballstemmer` package, pure Python; the algorithm PostgreSQL's configuration
uses) takes a word form back to its stem in Python: a Russian page's words are indexed with
their stems too and each query word is searched as its stem (core/search/stems.py), the
same way on every database, as Kazakh stems are (core/search/kazakh.py).
"""

import functools
import threading

import snowballstemmer

from core.search.words import MAX_WORD_LENGTH, MIN_STEM_LENGTH

# A Snowball stemmer keeps the word it works on in itself: one per thread.
_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("russian")
    return stemmer


@functools.lru_cache(maxsize=200_000)
def stems(word):
    """The Snowball stem of a word form (lower case, ё as е) in a tuple, or an empty tuple
    when the stem is the word itself or shorter than MIN_STEM_LENGTH (он for она says too
    little to match on its own)."""
    word = word.lower()
    if len(word) > MAX_WORD_LENGTH:
        return ()
    stem = _stemmer().stemWord(word)
    return (stem,) if stem != word and len(stem) >= MIN_STEM_LENGTH else ()
