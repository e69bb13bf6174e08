"""Kazakh word stems, so that an inflected word finds what its stem finds.

Kazakh stacks suffixes on a stem (кәсіподақ, кәсіподақтар, кәсіподақтардың); PostgreSQL and
Snowball have no Kazakh stemmer. The Kazakh Hunspell dictionary (Akmaral Mussayeva, László
Németh, Rail Aliev; Debian's `hunspell-kk`, shipped in core/dictionaries/ under its LGPL/MPL
licence) knows 54,000 stems and the suffixes Kazakh adds to them; spylls, a pure Python port
of Hunspell, reads it, and `Analyser` takes a word form back to its dictionary stem(s).
Nothing here depends on the database: the stems are computed in Python, indexed as ordinary
text next to a Kazakh page's own words and added to each query word as alternatives
(core/search/stems.py), so it works the same on SQLite, on PostgreSQL and on a managed
PostgreSQL that cannot load dictionary files.

Without the dictionary (files missing, spylls not installed) search behaves as before: the
site logs one warning at start (core/apps.py) and `stems()` returns nothing.
"""

import functools
import logging
import re
from pathlib import Path

from django.conf import settings

from core.search.words import MAX_WORD_LENGTH, MIN_STEM_LENGTH

logger = logging.getLogger(__name__)

# Suffixes taken off one after another: plural, possessive, case (кандидат-тар-ымыз-ды).
MAX_SUFFIXES = 3


def dictionary_path():
    return Path(settings.KAZAKH_HUNSPELL_DICTIONARY)


def missing_reason():
    """Why Kazakh stemming is unavailable, or None when it is available."""
    path = dictionary_path()
    for suffix in (".aff", ".dic"):
        if not path.with_suffix(suffix).is_file():
            return f"the Hunspell dictionary {path.with_suffix(suffix)} is missing"
    try:
        import spylls.hunspell  # noqa: F401
    except ImportError:
        return "the spylls package is not installed"
    return None


class Analyser:
    """Hunspell's Kazakh stems and suffix rules, applied backwards.

    The dictionary lists each stem with the suffix classes it takes, but those lists have
    gaps (it accepts кәсіподақтардың but not кәсіподақтар, сайлау takes no case endings),
    and Hunspell strips one suffix where Kazakh stacks several (кандидат-тар-ымыз-ды). So a
    word is taken apart with the affix file's rules regardless of class, up to
    MAX_SUFFIXES deep, and every dictionary stem reached counts, with the one sound change
    Kazakh spelling makes at a suffix (a final п, к, қ written б, г, ғ before a vowel:
    кітап → кітабы)."""

    VOICED = {"б": "п", "г": "к", "ғ": "қ"}

    # The affix file has no case endings for a word that already carries a possessive
    # (кәсіподағы-на, құқықтар-ы-н, сайлау-ы-нда) and no attributive -ғы (сайлаудағы): these
    # complete the seven cases, each only after the possessive ending it follows.
    AFTER_POSSESSIVE = [
        ("н", "[ыі]"),  # accusative
        ("на", "[ыі]"),  # dative
        ("не", "[ыі]"),
        ("а", "[мң]"),  # dative after the first and second persons
        ("е", "[мң]"),
        ("нда", "[ыі]"),  # locative
        ("нде", "[ыі]"),
        ("нан", "[ыі]"),  # ablative
        ("нен", "[ыі]"),
        ("ғы", "[аоұуыэ]"),  # -ғы/-гі/-қы/-кі after a locative
        ("гі", "[әеөүі]"),
        ("қы", "[аоұуыэ]"),
        ("кі", "[әеөүі]"),
    ]

    def __init__(self, hunspell):
        self.words = {word.stem.lower() for word in hunspell.dic.words}
        # add -> {(strip, condition on the stem's end or None)}; the affix file's own
        # classes and conditions are not applied (their gaps are the reason for this class).
        self.rules = {}
        for suffixes in hunspell.aff.SFX.values():
            for suffix in suffixes:
                rule = (suffix.strip.lower(), None)
                self.rules.setdefault(suffix.add.lower(), set()).add(rule)
        for add, condition in self.AFTER_POSSESSIVE:
            self.rules.setdefault(add, set()).add(("", re.compile(condition + "$")))
        self.rules.pop("", None)
        self.longest = max(map(len, self.rules), default=0)

    def _in_dictionary(self, base):
        if base in self.words:
            yield base
        unvoiced = self.VOICED.get(base[-1:])
        if unvoiced and base[:-1] + unvoiced in self.words:
            yield base[:-1] + unvoiced

    def stems(self, word):
        found = set()
        forms = {word}
        for _depth in range(MAX_SUFFIXES):
            shorter = set()
            for form in forms:
                for cut in range(max(1, len(form) - self.longest), len(form)):
                    for strip, condition in self.rules.get(form[cut:], ()):
                        base = form[:cut] + strip
                        if condition is not None and not condition.search(base):
                            continue
                        if len(base) >= MIN_STEM_LENGTH:
                            found.update(self._in_dictionary(base))
                            shorter.add(base)
            forms = shorter
        found.discard(word)
        return found


@functools.cache
def analyser():
    """The dictionary, read once per process (about a second), or None."""
    if missing_reason() is not None:
        return None
    from spylls.hunspell import Dictionary

    try:
        return Analyser(Dictionary.from_files(str(dictionary_path())))
    except Exception:  # a damaged file must not take search down
        logger.exception("Kazakh search: the Hunspell dictionary could not be read")
        return None


def available():
    return analyser() is not None


@functools.lru_cache(maxsize=200_000)
def stems(word):
    """The dictionary stems of a word form (lower case, sorted), the word itself excluded.
    Empty for an unknown word, a word that is its own only stem, or without the dictionary."""
    word = word.lower()
    kazakh = analyser()
    if kazakh is None or len(word) > MAX_WORD_LENGTH:
        return ()
    return tuple(sorted(kazakh.stems(word)))
