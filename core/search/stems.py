"""Word stems in the index and in queries, on every database, for Kazakh and Russian.

A page's words are indexed with the stems of its own language beside them (a Kazakh page's
with their Hunspell dictionary stems, core/search/kazakh.py; a Russian page's with their
Snowball stems, core/search/russian.py): `title_stems` and `body_stems`, read by the search
fields of core/models.BasePage. Each query word that has stems is searched as any of them too,
and autocomplete cuts each word back to its stem (`WordStemsMixin`, which every search
backend class in core/search/ has). The query's language is not known here (the admin's page
search covers both), so a query word gets the stems of both languages; a word with a letter
Russian does not have is not given a Russian stem. Everything is computed in Python, so SQLite
(`make run`) and PostgreSQL give the same answers.
"""

import re

from modelsearch.query import And, Boost, Not, Or, PlainText

from core.search import kazakh, russian
from core.search.words import WORD, words

# Kazakh letters that Russian does not have: a word with one of them is not Russian.
NOT_RUSSIAN = re.compile("[әғқңөұүһі]", re.IGNORECASE)


def word_stems(word):
    """The stems of a query word in either language (lower case, sorted), itself excluded."""
    found = set(kazakh.stems(word))
    if not NOT_RUSSIAN.search(word):
        found.update(russian.stems(word))
    found.discard(word.lower())
    return tuple(sorted(found))


# --- The index: a page's words in its own language's stems ---------------------------------

# The page's language decides which stemmer reads it.
PAGE_STEMS = {"kk": kazakh.stems, "ru": russian.stems}
# The search fields holding stems (not read again when the stems are computed).
STEM_FIELDS = ("body_stems",)
_languages = {}


def forget_locales(**kwargs):
    _languages.clear()


def _language(locale_id):
    if locale_id not in _languages:
        from wagtail.models import Locale

        _languages.update(Locale.objects.values_list("pk", "language_code"))
    return _languages.get(locale_id)


def _page_stemmer(page):
    stems = PAGE_STEMS.get(_language(getattr(page, "locale_id", None)))
    if stems is kazakh.stems and not kazakh.available():
        return None
    return stems


def stem_text(text, stems):
    """The stems of every word of `text` (by `stems(word)`), each once, in order of first
    appearance: the text indexed beside a page's own words."""
    seen = {}
    for word in words(text):
        for stem in stems(word):
            seen.setdefault(stem, None)
    return " ".join(seen)


def _pieces(value):
    """A search field's value as texts (one per StreamField block, list item or dict value),
    as Wagtail's indexer reads it."""
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _pieces(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _pieces(item)
    else:
        yield str(value)


def indexed_texts(page):
    """The texts of a page's search fields other than its title and its stems, in the order
    the page type declares them (lead before body), one per field or block: what a search
    matches beyond the title."""
    from wagtail.search import index

    skipped = (*STEM_FIELDS, "title")
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in skipped:
            texts.extend(text.strip() for text in _pieces(field.get_value(page)) if text.strip())
    return texts


def title_stems(page):
    """The stems of a page's title in its language; empty in other languages (and for Kazakh
    without the dictionary)."""
    stems = _page_stemmer(page)
    return stem_text(page.title, stems) if stems else ""


def body_stems(page):
    """The stems of a page's indexed text other than its title, in its language; empty in
    other languages (and for Kazakh without the dictionary)."""
    stems = _page_stemmer(page)
    return stem_text(" ".join(indexed_texts(page)), stems) if stems else ""


# --- Queries: each word searched as any of its stems too -----------------------------------


def _expand_words(query_string, operator, weigh=True):
    """Each word that has stems searched as any of them, or as itself (for pages not indexed
    with stems: a page quoting a word of the other language) at a tenth of the weight, so
    that a title with another form of the word still ranks as a title match. None when no
    word has a stem."""
    typed = words(query_string)
    if not any(word_stems(word) for word in typed):
        return None
    terms = []
    for word in typed:
        stems = [PlainText(stem) for stem in word_stems(word)]
        itself = Boost(PlainText(word), 0.1) if weigh else PlainText(word)
        terms.append(Or([itself, *stems]) if stems else PlainText(word))
    return terms[0] if len(terms) == 1 else (And(terms) if operator == "and" else Or(terms))


def with_stems(query, operator=None, weigh=True):
    """The query with stems as alternatives of each plain word (phrases and other query types
    unchanged). weigh=False for backends that cannot rank a Boost (SQLite's)."""
    if isinstance(query, str):
        return _expand_words(query, operator or "and", weigh) or query
    if isinstance(query, PlainText):
        expanded = _expand_words(query.query_string, query.operator, weigh)
        if expanded is None:
            return query
        return Boost(expanded, query.boost) if query.boost != 1 and weigh else expanded
    if isinstance(query, (And, Or)):
        return type(query)([with_stems(q, weigh=weigh) for q in query.subqueries])
    if isinstance(query, Not):
        return Not(with_stems(query.subquery, weigh=weigh))
    if isinstance(query, Boost):
        return Boost(with_stems(query.subquery, weigh=weigh), query.boost)
    return query


def shortened_to_stems(query):
    """For prefix matching (autocomplete: the admin's page search): each word cut back to
    its shortest stem that begins it, so кәсіподақтарға matches titles that say кәсіподақ or
    кәсіподақтардың, and профсоюзам those that say профсоюзы. Words whose stems do not begin
    them stay as typed."""

    def shorten(match):
        word = match.group(0)
        prefixes = [stem for stem in word_stems(word) if word.lower().startswith(stem)]
        return min(prefixes, key=len) if prefixes else word

    if isinstance(query, str):
        return WORD.sub(shorten, query)
    if isinstance(query, PlainText):  # the admin parses the query first
        text = WORD.sub(shorten, query.query_string)
        return PlainText(text, operator=query.operator, boost=query.boost)
    return query


class WordStemsMixin:
    """Searches with each word's stems as alternatives; autocomplete with each word cut back
    to its stem."""

    ranks_boosts = False

    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        query = with_stems(query, operator, weigh=self.ranks_boosts)
        return super().search(query, model_or_queryset, fields, operator, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        return super().autocomplete(
            shortened_to_stems(query), model_or_queryset, fields, operator, **kwargs
        )
