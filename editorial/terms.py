"""The Federation's term base, in a source segment and in its translation.

Each `editorial.models.Term` pairs a Kazakh term with its approved Russian translation and
works both ways (a Kazakh source expects the Russian term, a Russian source the Kazakh
one). A term is found across inflections with the stemmers the search uses (Kazakh
dictionary stems, core/search/kazakh.py; Russian Snowball stems, core/search/russian.py):
each word stands for itself and its stems, a word matches a term's word when they share
one, and a term of several words matches those words in a row (Кәсіподақтар федерациясы
in "Кәсіподақтар федерациясының"). A stem also matches a longer stem that begins with it
and adds at most MAX_STEM_TAIL letters (профсоюз in профсоюзных, whose Snowball stem is
профсоюзн), when it is at least MIN_PREFIX_STEM letters long (so парт, партия's stem, does
not find партнёрство).

`terms_in` lists the terms of a text; `missing_terms` those whose approved translation the
translated text lacks; `segment_terms` and `segments_lacking_terms` do that for each
segment of a wagtail-localize translation (the translation editor's hints, the warning on
submit and on review). Nothing here blocks anything: a term base only warns.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from core.search import kazakh, russian
from core.search.words import words

LANGUAGES = ("kk", "ru")
STEMMERS = {"kk": kazakh.stems, "ru": russian.stems}
MIN_PREFIX_STEM = 5
MAX_STEM_TAIL = 3


def _code(locale):
    """A language code from a Locale, a language code or a locale id like "ru-RU"."""
    code = getattr(locale, "language_code", locale) or ""
    return code.split("-")[0].lower()


def _other(code):
    return "ru" if code == "kk" else "kk"


def _normal(word):
    return word.lower().replace("ё", "е")


def word_keys(word, code):
    """A word and its stems in `code`'s language (lower case, ё as е)."""
    stems = STEMMERS.get(code)
    keys = {_normal(word)}
    if stems is not None:
        keys.update(_normal(stem) for stem in stems(word))
    return frozenset(keys)


def _key_matches(text_key, term_key):
    if text_key == term_key:
        return True
    return (
        len(term_key) >= MIN_PREFIX_STEM
        and text_key.startswith(term_key)
        and len(text_key) - len(term_key) <= MAX_STEM_TAIL
    )


def _word_matches(text_keys, term_keys):
    return any(_key_matches(a, b) for a in text_keys for b in term_keys)


def _term_keys_matching(text_key):
    """Every term key that `text_key` matches (itself, and the prefixes `_key_matches`
    accepts): the lookups into a term base's index."""
    yield text_key
    for size in range(max(MIN_PREFIX_STEM, len(text_key) - MAX_STEM_TAIL), len(text_key)):
        yield text_key[:size]


def _text_keys(text, code):
    return [word_keys(word, code) for word in words(strip_tags(text or ""))]


def _phrase_keys(phrase, code):
    return [word_keys(word, code) for word in words(phrase)]


def _matches_at(text_keys, start, phrase_keys):
    size = len(phrase_keys)
    if start + size > len(text_keys):
        return False
    return all(_word_matches(text_keys[start + i], phrase_keys[i]) for i in range(size))


def _contains(text_keys, phrase_keys):
    if not phrase_keys:
        return False
    return any(_matches_at(text_keys, start, phrase_keys) for start in range(len(text_keys)))


@dataclass
class FoundTerm:
    """A term of the source language found in a text, with its approved translations."""

    term: str
    translations: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def as_json(self, target=None):
        found = {"term": self.term, "translations": self.translations, "notes": self.notes}
        if target:
            # Each approved translation as its words' forms and stems, for the editor's
            # check while the translator types (editorial/static/editorial/terms.js).
            found["keys"] = [
                [sorted(keys) for keys in _phrase_keys(phrase, target)]
                for phrase in self.translations
            ]
        return found


class TermBase:
    """The term base read once (one query) for a source language, for many texts."""

    def __init__(self, source_locale, target_locale=None, terms=None):
        from .models import Term

        self.source = _code(source_locale)
        self.target = _code(target_locale) if target_locale else _other(self.source)
        if self.source not in LANGUAGES or self.target not in LANGUAGES:
            self.entries = []
            self._by_first_key = {}
            return
        grouped = {}
        rows = terms if terms is not None else Term.objects.all()
        for term in rows:
            source_text = getattr(term, self.source).strip()
            target_text = getattr(term, self.target).strip()
            if not source_text or not target_text:
                continue
            found = grouped.setdefault(source_text, FoundTerm(source_text))
            if target_text not in found.translations:
                found.translations.append(target_text)
            if term.note and term.note not in found.notes:
                found.notes.append(term.note)
        self.entries = [
            (found, _phrase_keys(found.term, self.source))
            for found in sorted(grouped.values(), key=lambda f: f.term.lower())
        ]
        # Each term under the keys of its first word: a text word looks up only the terms
        # that can start with it.
        self._by_first_key = {}
        for position, (_found, keys) in enumerate(self.entries):
            for key in keys[0] if keys else ():
                self._by_first_key.setdefault(key, set()).add(position)
        self._translation_keys = {}

    def terms_in(self, text):
        text_keys = _text_keys(text, self.source)
        hits = set()
        for start, keys in enumerate(text_keys):
            candidates = {
                position
                for key in keys
                for term_key in _term_keys_matching(key)
                for position in self._by_first_key.get(term_key, ())
            }
            hits.update(
                position
                for position in candidates - hits
                if _matches_at(text_keys, start, self.entries[position][1])
            )
        return [self.entries[position][0] for position in sorted(hits)]

    def _keys_of_translation(self, phrase):
        if phrase not in self._translation_keys:
            self._translation_keys[phrase] = _phrase_keys(phrase, self.target)
        return self._translation_keys[phrase]

    def missing(self, source_text, translation_text):
        translated = _text_keys(translation_text, self.target)
        return [
            found
            for found in self.terms_in(source_text)
            if not any(
                _contains(translated, self._keys_of_translation(phrase))
                for phrase in found.translations
            )
        ]


def terms_in(text, locale):
    """The terms of the term base found in `text` (in `locale`'s language), each with its
    approved translations into the other language."""
    return TermBase(locale).terms_in(text)


def missing_terms(source_text, source_locale, translation_text, target_locale):
    """The terms found in `source_text` none of whose approved translations is in
    `translation_text`."""
    return TermBase(source_locale, target_locale).missing(source_text, translation_text)


# --- A wagtail-localize translation, segment by segment ------------------------------------

SLUG_PATH = re.compile(r"(^|\.)slug$")


@dataclass
class SegmentTerms:
    segment_id: int
    source: str
    translation: str
    found: list
    missing: list
    target: str = ""

    def as_json(self):
        return {
            "id": self.segment_id,
            "source": self.source,
            "terms": [found.as_json(self.target) for found in self.found],
            "missing": [found.term for found in self.missing],
        }


def segment_terms(translation):
    """For each string segment of a Translation's source that holds a term: the terms found
    and, when the segment is translated, those its translation lacks (in segment order)."""
    from wagtail_localize.models import StringTranslation

    base = TermBase(translation.source.locale, translation.target_locale)
    if not base.entries:
        return []
    segments = translation.source.stringsegment_set.select_related("string", "context").order_by(
        "order"
    )
    rows = StringTranslation.objects.filter(
        translation_of__in=[segment.string_id for segment in segments],
        locale=translation.target_locale,
    ).values_list("translation_of_id", "context_id", "data")
    translated = {(string_id, context_id): data for string_id, context_id, data in rows}
    results = []
    for segment in segments:
        if SLUG_PATH.search(segment.context.path):
            continue
        source_text = strip_tags(segment.string.data)
        found = base.terms_in(source_text)
        if not found:
            continue
        target_text = translated.get((segment.string_id, segment.context_id))
        missing = base.missing(source_text, target_text) if target_text else []
        results.append(
            SegmentTerms(
                segment.pk, source_text, strip_tags(target_text or ""), found, missing, base.target
            )
        )
    return results


def segments_lacking_terms(translation):
    """The translated segments whose translation lacks an approved term."""
    return [segment for segment in segment_terms(translation) if segment.missing]


SHOWN_IN_MESSAGE = 5


def warn_missing_terms(request, translation):
    """After a translation is submitted (or published): a warning, never a refusal, naming
    the segments whose translation lacks an approved term."""
    from django.contrib import messages
    from django.utils.text import Truncator
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    lacking = segments_lacking_terms(translation)
    if not lacking:
        return 0
    listed = [
        _("«%(segment)s» — %(terms)s")
        % {
            "segment": Truncator(segment.source).chars(60),
            "terms": ", ".join(
                f"{found.term} → {' / '.join(found.translations)}" for found in segment.missing
            ),
        }
        for segment in lacking[:SHOWN_IN_MESSAGE]
    ]
    if len(lacking) > SHOWN_IN_MESSAGE:
        listed.append("…")
    messages.warning(
        request,
        ngettext(
            "%(count)d translated segment lacks the approved term of the term base: "
            "%(segments)s. This is only a warning.",
            "%(count)d translated segments lack the approved term of the term base: "
            "%(segments)s. This is only a warning.",
            len(lacking),
        )
        % {"count": len(lacking), "segments": "; ".join(listed)},
    )
    return len(lacking)
