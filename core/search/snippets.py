"""What a search result quotes of its page: a few dozen words around the first of the reader's
words the page's text holds, in any of its forms (the stems of core/search/stems.py, so
профсоюзам marks "профсоюзы" and сайлауға marks "сайлауы"), each match in <mark>, cut at word
boundaries with an ellipsis where the text goes on. When the words are only in the title, the
text's opening words.

The page's text (`result_text`) does not depend on the query and is kept with the result's
card (federation_site/views.py); the snippet is made from it for each query.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.search.stems import indexed_texts, word_stems
from core.search.words import WORD, words

SNIPPET_WORDS = 30
# At most this many words are shown before the first match (fewer when a sentence starts
# in between: the snippet then starts with it).
WORDS_BEFORE = 8
# The longest text kept of a page (an appeal is about 15,000 characters).
MAX_TEXT = 20_000
ELLIPSIS = "…"
SENTENCE_END = (".", "!", "?", "…", ":", ";")
# Where a sentence (or a field, after SEPARATOR) begins: a snippet may start there.
SENTENCE_BREAK = re.compile(r"[.!?…·]\s+")
# Between two fields or blocks of which the first does not end a sentence (an occupation and a
# workplace, a heading and its paragraph).
SEPARATOR = " · "


def result_text(page):
    """A page's words beyond its title (its indexed text, in the order its type declares its
    fields: lead before body) on one line, at most MAX_TEXT characters."""
    text = ""
    for piece in indexed_texts(page):
        piece = " ".join(piece.split())
        if text:
            text += " " if text.endswith(SENTENCE_END) else SEPARATOR
        text += piece
    return text[:MAX_TEXT]


def _normal(word):
    return word.lower().replace("ё", "е")


def _forms(word):
    return {_normal(word), *word_stems(word)}


class _Matcher:
    """Whether a word of the text is one of the query's words in any form."""

    def __init__(self, query):
        self.forms = set()
        for word in words(query):
            self.forms |= _forms(word)
        # Stems begin with the word's first letters: only words that do are looked up.
        self.starts = {form[:2] for form in self.forms}

    def __call__(self, word):
        return any(
            _normal(part)[:2] in self.starts and not _forms(part).isdisjoint(self.forms)
            for part in {word, *word.split("-")}
        )


def _start(text, tokens, first):
    """(token index, character offset) where the snippet starts: the opening of the text
    without a match; else at most WORDS_BEFORE words before the first match, or later where
    a sentence starts in between."""
    if first is None:
        return 0, 0
    start = max(0, first - WORDS_BEFORE)
    offset = 0 if start == 0 else tokens[start].start()
    breaks = list(SENTENCE_BREAK.finditer(text, offset, tokens[first].start()))
    if breaks:
        offset = breaks[-1].end()
        start = next(index for index in range(start, first + 1) if tokens[index].start() >= offset)
    return start, offset


def snippet(text, query):
    """The HTML of the snippet of `text` for `query` (empty for an empty text)."""
    tokens = list(WORD.finditer(text))
    if not tokens:
        return ""
    matches = _Matcher(query)
    marked = [matches(token.group(0)) for token in tokens]
    first = next((index for index, found in enumerate(marked) if found), None)
    start, position = _start(text, tokens, first)
    end = min(len(tokens), start + SNIPPET_WORDS)
    # To the text's end (its full stop) or a word's end.
    stop = len(text) if end == len(tokens) else tokens[end - 1].end()
    parts = [ELLIPSIS] if position else []
    for index in range(start, end):
        token = tokens[index]
        parts.append(escape(text[position : token.start()]))
        word = escape(token.group(0))
        parts.append(f"<mark>{word}</mark>" if marked[index] else word)
        position = token.end()
    parts.append(escape(text[position:stop]))
    if end < len(tokens):
        parts.append(ELLIPSIS)
    return mark_safe("".join(parts))  # noqa: S308  (escaped above)
