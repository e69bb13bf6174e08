"""What a word is, for the stemmers (core/search/kazakh.py, core/search/russian.py) and the
snippets of search results (core/search/snippets.py)."""

import re

# Letters (any script) with inner hyphens; digits and punctuation split words.
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Words longer than this are not looked up (no Kazakh or Russian word is; keeps lookups
# bounded).
MAX_WORD_LENGTH = 40
# Stems shorter than this say too little to be worth matching on their own (ал, бер, он...).
MIN_STEM_LENGTH = 3


def words(text):
    return WORD.findall(text or "")
