"""The translation memory: every approved segment pair, in both directions.

A pair is approved when the translated page publishes a revision built from it (a
Moderator approved it, or published it): `record_published` is called from
`editorial.translations.target_published`, and `build_memory` (the
`build_translation_memory` command) collects the pairs of every live translated page,
imported bilingual appeals included. Each pair is stored as two `MemoryEntry` rows
(Kazakh→Russian and Russian→Kazakh), each with the page its target text comes from.

`suggest` answers the editor (through `editorial.memory_views.suggest`): exact matches,
score 100, by an indexed hash of the normalised text, and close ones, score 70 to 99, by
word-level similarity (`difflib.SequenceMatcher` over the words, 2·matches / total words).
Close candidates are preselected through `MemoryWord`, an inverted index of the words:
any text scoring 70 or more against the query has a length within 7/13 and 13/7 of the
query's, and shares one of the query's rarest words (prefix filtering: the words left out
are too few to reach the score alone). Scoring happens in Python, so PostgreSQL and SQLite
give the same answers.

Exact matches are also filled in as drafts when a translator opens the editor
(`fill_drafts`): a `StringTranslation` whose `tool_name` is `MEMORY_TOOL`, shown "from the
translation memory" in the editor and listed to the Moderator who reviews; it becomes the
translator's own text (and loses the mark) as soon as someone saves that segment, and it
enters the memory only once its page is published.
"""

import hashlib
import math
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from .models import MemoryEntry, MemoryWord

EXACT = 100
CLOSE = 70
LIMIT = 3
# At most this many candidates (those sharing most of the query's rarest words) are scored.
MAX_CANDIDATES = 200
MEMORY_TOOL = "editorial-translation-memory"
# Segments that are not text to translate.
SKIPPED_PATHS = {"slug"}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalize(text):
    """The text as it is compared for an exact match: NFC, spaces collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def words(text):
    """The words of a text, lower case, inline markup left out."""
    return _WORD.findall(_TAG.sub(" ", normalize(text)).casefold())


def _word_hash(word):
    return zlib.crc32(word.encode()) - 2**31


def _direction(source_language, target_language):
    return f"{source_language}>{target_language}"


def _sha1(*parts):
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()


def source_key(source_language, target_language, text):
    return _sha1(_direction(source_language, target_language), normalize(text))


def similarity(query_words, candidate_words):
    """Word-level similarity in whole percent: 2 × matching words / all words."""
    if not query_words or not candidate_words:
        return 0
    ratio = SequenceMatcher(None, query_words, candidate_words, autojunk=False).ratio()
    return math.floor(ratio * 100 + 1e-9)


def length_bounds(length):
    """The word counts a text may have to score CLOSE or more against `length` words."""
    return math.ceil(length * CLOSE / (200 - CLOSE)), math.floor(length * (200 - CLOSE) / CLOSE)


# --- Filling the memory ---------------------------------------------------------------


@dataclass
class Pair:
    source_language: str
    target_language: str
    source_text: str
    target_text: str
    source_page_id: int | None
    target_page_id: int | None
    date: datetime


def _entries_for(pair):
    """Both directions of an approved pair, as unsaved entries."""
    rows = []
    for src, tgt, src_text, tgt_text, page_id in (
        (
            pair.source_language,
            pair.target_language,
            pair.source_text,
            pair.target_text,
            pair.target_page_id,
        ),
        (
            pair.target_language,
            pair.source_language,
            pair.target_text,
            pair.source_text,
            pair.source_page_id,
        ),
    ):
        direction = _direction(src, tgt)
        source_words = words(src_text)
        rows.append(
            MemoryEntry(
                source_language=src,
                target_language=tgt,
                source_text=src_text,
                target_text=tgt_text,
                source_key=_sha1(direction, normalize(src_text)),
                pair_key=_sha1(direction, normalize(src_text), normalize(tgt_text)),
                source_words=" ".join(source_words),
                word_count=len(source_words),
                page_id=page_id,
                date=pair.date,
            )
        )
    return rows


@transaction.atomic
def add_pairs(pairs, batch_size=2000):
    """Store approved pairs (both directions); a pair already known from the same page
    only gets the newer date. Returns the number of new entries."""
    created = 0
    pairs = [p for p in pairs if normalize(p.source_text) and normalize(p.target_text)]
    for start in range(0, len(pairs), batch_size):
        rows = {}
        for pair in pairs[start : start + batch_size]:
            for row in _entries_for(pair):
                rows[(row.pair_key, row.page_id)] = row
        existing = {
            (key, page_id): (pk, date)
            for pk, key, page_id, date in MemoryEntry.objects.filter(
                pair_key__in={key for key, _page in rows}
            ).values_list("pk", "pair_key", "page_id", "date")
        }
        updated = []
        new = []
        for ident, row in rows.items():
            if ident in existing:
                pk, date = existing[ident]
                if row.date > date:
                    updated.append(MemoryEntry(pk=pk, date=row.date))
            else:
                new.append(row)
        if updated:
            MemoryEntry.objects.bulk_update(updated, ["date"])
        MemoryEntry.objects.bulk_create(new)
        index = [
            (row.pk, _direction(row.source_language, row.target_language), word, row.word_count)
            for row in new
            for word in {_word_hash(w) for w in row.source_words.split()}
        ]
        _insert_words(index)
        created += len(new)
    return created


def _insert_words(rows):
    """The index rows, without building a model instance for each (the memory's build
    makes over a million of them)."""
    table = connection.ops.quote_name(MemoryWord._meta.db_table)
    sql = f"INSERT INTO {table} (entry_id, direction, word, length) VALUES (%s, %s, %s, %s)"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10000):
            cursor.executemany(sql, rows[start : start + 10000])


def _approved_pairs(translation, target_page_id, approved_at, date):
    """The pairs of `translation` whose target strings were saved before `approved_at`
    (the revision that was published was built from them)."""
    source = translation.source
    segments = StringSegment.objects.filter(source=source).exclude(context__path__in=SKIPPED_PATHS)
    by_key = {
        (string_id, context_id): data
        for string_id, context_id, data in segments.values_list(
            "string_id", "context_id", "string__data"
        )
    }
    if not by_key:
        return [], []
    strings = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        translation_of_id__in={key[0] for key in by_key},
        context_id__in={key[1] for key in by_key},
        updated_at__lte=approved_at,
        has_error=False,
    ).values_list("pk", "translation_of_id", "context_id", "data", "tool_name")
    source_language = source.locale.language_code
    target_language = translation.target_locale.language_code
    source_page_id = (
        Page.objects.filter(translation_key=source.object_id, locale_id=source.locale_id)
        .values_list("pk", flat=True)
        .first()
    )
    pairs = []
    from_memory = []
    for pk, string_id, context_id, data, tool_name in strings:
        if (string_id, context_id) not in by_key:
            continue
        pairs.append(
            Pair(
                source_language,
                target_language,
                by_key[(string_id, context_id)],
                data,
                source_page_id,
                target_page_id,
                date,
            )
        )
        if tool_name == MEMORY_TOOL:
            from_memory.append(pk)
    return pairs, from_memory


def record_published(page, revision):
    """A translated page was published: its segment pairs are approved."""
    translations = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).select_related("source__locale", "target_locale")
    approved_at = getattr(revision, "created_at", None) or timezone.now()
    date = getattr(page, "last_published_at", None) or timezone.now()
    pairs = []
    for translation in translations:
        approved, from_memory = _approved_pairs(translation, page.pk, approved_at, date)
        pairs += approved
        # Approved by the Moderator: no longer a draft from the memory.
        StringTranslation.objects.filter(pk__in=from_memory).update(tool_name="")
    return add_pairs(pairs)


def build_memory():
    """Collect the approved pairs of every live translated page (the command
    `build_translation_memory`; idempotent). Returns (pages, new entries)."""
    pages = 0
    created = 0
    translations = Translation.objects.select_related("source__locale", "target_locale")
    for translation in translations.iterator():
        target = (
            Page.objects.filter(
                translation_key=translation.source.object_id,
                locale_id=translation.target_locale_id,
                live=True,
                alias_of__isnull=True,
            )
            .select_related("live_revision")
            .first()
        )
        if target is None or target.live_revision is None:
            continue
        pairs, from_memory = _approved_pairs(
            translation,
            target.pk,
            target.live_revision.created_at,
            target.last_published_at or target.live_revision.created_at,
        )
        StringTranslation.objects.filter(pk__in=from_memory).update(tool_name="")
        if pairs:
            pages += 1
            created += add_pairs(pairs)
    return pages, created


# --- Suggestions ----------------------------------------------------------------------


@dataclass
class Suggestion:
    text: str
    score: int
    page_id: int | None
    page_title: str
    date: datetime


def _candidates(direction, query_words):
    """Entry ids that may score CLOSE or more, those sharing most rare words first."""
    counts = Counter(query_words)
    length = len(query_words)
    low, high = length_bounds(length)
    needed = math.ceil(CLOSE * (length + low) / 200)
    hashes = {word: _word_hash(word) for word in counts}
    rows = MemoryWord.objects.filter(
        direction=direction, word__in=set(hashes.values()), length__range=(low, high)
    )
    frequency = dict(rows.values_list("word").annotate(n=Count("id")).values_list("word", "n"))
    prefix = []
    left = length
    for word in sorted(counts, key=lambda w: (frequency.get(hashes[w], 0), w)):
        if left < needed:
            break
        left -= counts[word]
        if frequency.get(hashes[word]):
            prefix.append(hashes[word])
    if not prefix:
        return []
    ranked = (
        rows.filter(word__in=prefix)
        .values("entry_id")
        .annotate(hits=Count("id"))
        .order_by("-hits", "-entry_id")
        .values_list("entry_id", flat=True)
    )
    return list(ranked[:MAX_CANDIDATES])


def _rank(item):
    score, date, target, page_id = item
    return (-score, -date.timestamp(), target, page_id or 0)


def _distinct(found):
    """One suggestion per distinct translation, the best first."""
    chosen = []
    seen = set()
    for item in sorted(found, key=_rank):
        key = normalize(item[2])
        if key not in seen:
            seen.add(key)
            chosen.append(item)
    return chosen


def _close_matches(direction, normalized, query_words, limit, found):
    """Add to `found` (score, date, text, page id) the close matches that can be among
    the best `limit`: candidates are scored in the order of their upper bound (the words they share,
    in any order) until that bound is below the score they would have to beat."""
    ids = _candidates(direction, query_words)
    query_counts = Counter(query_words)
    bounded = []
    exact_key = _sha1(direction, normalized)
    entries = MemoryEntry.objects.filter(pk__in=ids).exclude(source_key=exact_key)
    for source_words, target, page_id, date in entries.values_list(
        "source_words", "target_text", "page_id", "date"
    ):
        candidate_words = source_words.split()
        shared = sum((query_counts & Counter(candidate_words)).values())
        bound = math.floor(200 * shared / (len(query_words) + len(candidate_words)) + 1e-9)
        if bound >= CLOSE:
            bounded.append((min(bound, EXACT - 1), candidate_words, target, page_id, date))
    bounded.sort(key=lambda item: (-item[0], -item[4].timestamp(), item[2], item[3] or 0))
    for bound, candidate_words, target, page_id, date in bounded:
        best = _distinct(found)
        if len(best) >= limit and bound < best[limit - 1][0]:
            break
        score = min(similarity(query_words, candidate_words), EXACT - 1)
        if score >= CLOSE:
            found.append((score, date, target, page_id))


def suggest(source_language, target_language, text, limit=LIMIT):
    """Up to `limit` translations of `text` from the memory, best first: exact matches
    (score 100), then close ones (70 to 99); the newest first at the same score, one
    suggestion per distinct translation."""
    normalized = normalize(text)
    if not normalized:
        return []
    direction = _direction(source_language, target_language)
    exact = MemoryEntry.objects.filter(source_key=_sha1(direction, normalized))
    found = [
        (EXACT, date, target, page_id)
        for target, page_id, date in exact.values_list("target_text", "page_id", "date")
    ]
    query_words = words(normalized)
    if query_words and len(_distinct(found)) < limit:
        _close_matches(direction, normalized, query_words, limit, found)
    chosen = _distinct(found)[:limit]
    titles = dict(
        Page.objects.filter(pk__in={c[3] for c in chosen if c[3]}).values_list("pk", "title")
    )
    return [
        Suggestion(target, score, page_id, titles.get(page_id, ""), date)
        for score, date, target, page_id in chosen
    ]


# --- Drafts from memory ---------------------------------------------------------------


def _open_segments(translation):
    """(segment, source text) of the string segments with no translation yet."""
    segments = list(
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(context__path__in=SKIPPED_PATHS)
        .select_related("string")
    )
    done = set(
        StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            translation_of_id__in={s.string_id for s in segments},
        ).values_list("translation_of_id", "context_id")
    )
    return [s for s in segments if (s.string_id, s.context_id) not in done]


@transaction.atomic
def fill_drafts(translation):
    """Fill every untranslated segment that has an exact match with the newest one, as a
    draft marked "from the translation memory". Returns how many were filled."""
    open_segments = _open_segments(translation)
    if not open_segments:
        return 0
    source_language = translation.source.locale.language_code
    target_language = translation.target_locale.language_code
    keys = {
        s.pk: source_key(source_language, target_language, s.string.data) for s in open_segments
    }
    newest = {}
    for key, text, _date in (
        MemoryEntry.objects.filter(source_key__in=set(keys.values()))
        .order_by("date", "pk")
        .values_list("source_key", "target_text", "date")
    ):
        newest[key] = text
    filled = 0
    for segment in open_segments:
        text = newest.get(keys[segment.pk])
        if text is None:
            continue
        _row, created = StringTranslation.objects.get_or_create(
            translation_of_id=segment.string_id,
            locale_id=translation.target_locale_id,
            context_id=segment.context_id,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": MEMORY_TOOL,
            },
        )
        filled += created
    return filled


def draft_comment(date):
    """What the editor says beside a segment the memory filled (`StringTranslation.
    get_comment`, core/admin_labels.py)."""
    return _("From the translation memory on {date}: not checked by a person yet").format(date=date)


def memory_drafts(translation):
    """(source text, draft text) of the segments still as the memory filled them."""
    segments = StringSegment.objects.filter(source_id=translation.source_id).select_related(
        "string"
    )
    by_key = {(s.string_id, s.context_id): s for s in segments}
    drafts = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        tool_name=MEMORY_TOOL,
        translation_of_id__in={key[0] for key in by_key},
    ).values_list("translation_of_id", "context_id", "data")
    found = [
        (by_key[(string_id, context_id)], data)
        for string_id, context_id, data in drafts
        if (string_id, context_id) in by_key
    ]
    found.sort(key=lambda item: item[0].order)
    return [(segment.string.data, data) for segment, data in found]
