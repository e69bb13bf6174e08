"""Kazakh stems in search queries, on every database: each query word that has stems is
searched as any of them too, and autocomplete cuts each word back to its stem
(`KazakhStemsMixin`, which every search backend class in core/search/ has). The stems come
from core/search/kazakh.py; a Kazakh page's words are indexed as their stems too
(BasePage.search_fields).
"""

from modelsearch.query import And, Boost, Not, Or, PlainText

from core.search import kazakh


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
