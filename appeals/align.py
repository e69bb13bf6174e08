"""How the two halves of an appeal pair up, and what to tell the person where they do not.

Both halves hold the same body, element for element: paragraph for paragraph, list item for
list item. When they do not (an element missing on one side, or a paragraph facing a list
item), pairing by position would silently mis-pair every element after the gap. `pair_up`
aligns the halves as a diff does instead: the fewest unpaired elements and kind changes,
same-kind elements paired by how alike their texts look (length relative to the halves'
average, numbers, and the consonants of names and loanwords both languages share:
Парламент/Парламенті, Мажилис/Мәжіліс). That is a best guess where several pairings fit
equally well, which is why the preview shows every pair side by side.

`misalignment` says where the halves first diverge in the editor's terms: the element
("Kazakh list item 2"), where it is in its file (the Word paragraph, or the line of a text
file) and its first words, on both sides. Used by appeals/parse.py (the refusal) and
appeals/admin_views.py (the preview's rows); it reads elements and writes nothing.

Each message is a whole sentence per language and kind: Kazakh and Russian inflect the
language, the kind and the place differently, so no language name or kind is ever inserted
into a sentence.
"""

import itertools
import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

GAP = 1.0  # an element without a partner
KIND = 1.0  # a paragraph paired with a list item: cheaper than two gaps, dearer than one
BAND = 8  # how far the pairing may stray beyond the difference in length
MAX_CELLS = 200_000  # beyond this, pair by position (files this far apart need no finesse)
LENGTH_SCALE = math.log(2.5)  # texts 2.5 times longer or shorter than expected: no match
QUOTED_WORDS = 6
QUOTED_CHARACTERS = 60

# Kazakh letters folded into the Russian ones they are transliterated as, х and һ into к
# (Қазақстан and Казахстан then share their consonants).
FOLD = str.maketrans("әғқңөұүһіх", "агкноуукик")
CONSONANTS = frozenset("бвгджзйклмнпрстфцчшщ")
WORD = re.compile(r"\w+")


@dataclass
class Place:
    """A body element with its number among its half's elements of the same kind."""

    element: object  # appeals.parse.BodyElement
    number: int


@dataclass
class Pair:
    kazakh: Place | None
    russian: Place | None

    @property
    def differs(self):
        return (
            self.kazakh is None
            or self.russian is None
            or self.kazakh.element.kind != self.russian.element.kind
        )


def places(body):
    counters = {"paragraph": 0, "item": 0}
    numbered = []
    for element in body:
        counters[element.kind] += 1
        numbered.append(Place(element, counters[element.kind]))
    return numbered


def pair_up(kazakh_body, russian_body):
    """The pairs of the two bodies, Kazakh first, with None facing an unpaired element."""
    left, right = places(kazakh_body), places(russian_body)
    same_shape = len(left) == len(right) and all(
        a.element.kind == b.element.kind for a, b in zip(left, right, strict=True)
    )
    width = abs(len(left) - len(right)) + 2 * BAND + 1
    if same_shape or (len(left) + 1) * width > MAX_CELLS:
        return [Pair(a, b) for a, b in itertools.zip_longest(left, right)]
    return _aligned(left, right)


def _signature(text):
    """Numbers, and the first three consonants of each word (folded as above)."""
    found = set()
    for word in WORD.findall(text.lower().translate(FOLD)):
        if word.isdigit():
            found.add(word)
            continue
        consonants = "".join(ch for ch in word if ch in CONSONANTS)
        if len(consonants) >= 3:
            found.add(consonants[:3])
    return found


def _aligned(left, right):
    """Needleman–Wunsch within a band around the diagonal: the cheapest pairing."""
    n, m = len(left), len(right)
    lengths = (
        [math.log(max(len(p.element.text), 1)) for p in left],
        [math.log(max(len(p.element.text), 1)) for p in right],
    )
    # Compare each length with the other half's, scaled by how long each half runs.
    shift = sum(lengths[0]) / max(n, 1) - sum(lengths[1]) / max(m, 1)
    signatures = (
        [_signature(p.element.text) for p in left],
        [_signature(p.element.text) for p in right],
    )
    kinds = [p.element.kind for p in left], [p.element.kind for p in right]

    def pairing(i, j):
        length = min(1.0, abs(lengths[0][i] - lengths[1][j] - shift) / LENGTH_SCALE)
        ours, theirs = signatures[0][i], signatures[1][j]
        shared = len(ours & theirs) / min(len(ours), len(theirs)) if ours and theirs else 0.5
        kind = KIND if kinds[0][i] != kinds[1][j] else 0
        return kind + 0.95 * (0.2 * length + 0.8 * (1 - shared))

    low, high = min(0, m - n) - BAND, max(0, m - n) + BAND
    cost, steps = [math.inf] * (m + 1), []
    for i in range(n + 1):
        previous, cost = cost, [math.inf] * (m + 1)
        step = bytearray(m + 1)  # 0: pair, 1: a Kazakh element alone, 2: a Russian one
        for j in range(max(0, i + low), min(m, i + high) + 1):
            if i == j == 0:
                cost[0] = 0.0
                continue
            best, move = math.inf, 0
            if i and j and previous[j - 1] < math.inf:
                best = previous[j - 1] + pairing(i - 1, j - 1)
            if i and previous[j] + GAP < best:
                best, move = previous[j] + GAP, 1
            if j and cost[j - 1] + GAP < best:
                best, move = cost[j - 1] + GAP, 2
            cost[j], step[j] = best, move
        steps.append(step)
    pairs, i, j = [], n, m
    while i or j:
        move = steps[i][j]
        if move == 0:
            pairs.append(Pair(left[i - 1], right[j - 1]))
            i, j = i - 1, j - 1
        elif move == 1:
            pairs.append(Pair(left[i - 1], None))
            i -= 1
        else:
            pairs.append(Pair(None, right[j - 1]))
            j -= 1
    return pairs[::-1]


# --- What to say --------------------------------------------------------------------------


def first_words(text):
    words = text.split()
    quoted = " ".join(words[:QUOTED_WORDS])
    if len(quoted) > QUOTED_CHARACTERS:
        quoted = quoted[:QUOTED_CHARACTERS].rstrip()
    return quoted if quoted == " ".join(words) else quoted + "…"


def where(element, word):
    """Where an element is in its file, with its first words (a parenthesis's content)."""
    values = {"number": element.line, "text": first_words(element.text)}
    if word:
        return _("Word paragraph %(number)d: “%(text)s”") % values
    return _("line %(number)d: “%(text)s”") % values


def after(element, word):
    """Where a missing element belongs: after `element` of the other half, or first."""
    if element is None:
        return _("at the start of the text, after the heading")
    values = {"number": element.line, "text": first_words(element.text)}
    if word:
        return _("after Word paragraph %(number)d (“%(text)s”)") % values
    return _("after line %(number)d (“%(text)s”)") % values


def paragraphs(count):
    return ngettext("%(count)d paragraph", "%(count)d paragraphs", count) % {"count": count}


def list_items(count):
    return ngettext("%(count)d list item", "%(count)d list items", count) % {"count": count}


def _summary(kazakh, russian):
    (kp, ki), (rp, ri) = kazakh.counts(), russian.counts()
    if (kp, ki) == (rp, ri):
        return _(
            "The halves do not align: they have as many paragraphs and list items, but in a "
            "different order."
        )
    return _(
        "The halves do not align: the Kazakh half has %(kazakh_paragraphs)s and "
        "%(kazakh_items)s, the Russian half has %(russian_paragraphs)s and %(russian_items)s."
    ) % {
        "kazakh_paragraphs": paragraphs(kp),
        "kazakh_items": list_items(ki),
        "russian_paragraphs": paragraphs(rp),
        "russian_items": list_items(ri),
    }


def _unpaired(place, other_before, language, word, other_word):
    values = {
        "number": place.number,
        "where": where(place.element, word),
        "place": after(other_before, other_word),
    }
    paragraph = place.element.kind == "paragraph"
    if language == "kk" and paragraph:
        message = _(
            "Kazakh paragraph %(number)d (%(where)s) has no Russian counterpart; its "
            "Russian text belongs %(place)s."
        )
    elif language == "kk":
        message = _(
            "Kazakh list item %(number)d (%(where)s) has no Russian counterpart; its "
            "Russian text belongs %(place)s."
        )
    elif paragraph:
        message = _(
            "Russian paragraph %(number)d (%(where)s) has no Kazakh counterpart; its "
            "Kazakh text belongs %(place)s."
        )
    else:
        message = _(
            "Russian list item %(number)d (%(where)s) has no Kazakh counterpart; its "
            "Kazakh text belongs %(place)s."
        )
    return message % values


def _other_kind(pair, kazakh_word, russian_word):
    values = {
        "kazakh_number": pair.kazakh.number,
        "kazakh_where": where(pair.kazakh.element, kazakh_word),
        "russian_number": pair.russian.number,
        "russian_where": where(pair.russian.element, russian_word),
    }
    if pair.kazakh.element.kind == "paragraph":
        message = _(
            "Kazakh paragraph %(kazakh_number)d (%(kazakh_where)s) faces Russian list item "
            "%(russian_number)d (%(russian_where)s): a paragraph in one half, a list item in "
            "the other."
        )
    else:
        message = _(
            "Kazakh list item %(kazakh_number)d (%(kazakh_where)s) faces Russian paragraph "
            "%(russian_number)d (%(russian_where)s): a list item in one half, a paragraph in "
            "the other."
        )
    return message % values


def _last(pairs, side):
    return next(
        (getattr(p, side).element for p in reversed(pairs) if getattr(p, side) is not None),
        None,
    )


def first_difference(kazakh, russian, pairs, index):
    """The sentence naming the pair at `index`, which differs."""
    pair = pairs[index]
    if pair.russian is None:
        before = _last(pairs[:index], "russian")
        return _unpaired(pair.kazakh, before, "kk", kazakh.word, russian.word)
    if pair.kazakh is None:
        before = _last(pairs[:index], "kazakh")
        return _unpaired(pair.russian, before, "ru", russian.word, kazakh.word)
    return _other_kind(pair, kazakh.word, russian.word)


def misalignment(kazakh, russian):
    """Why the halves' bodies do not align, for a person, or "" when they do."""
    pairs = pair_up(kazakh.body, russian.body)
    diverging = [index for index, pair in enumerate(pairs) if pair.differs]
    if not diverging:
        return ""
    sentences = [
        _summary(kazakh, russian),
        first_difference(kazakh, russian, pairs, diverging[0]),
    ]
    more = len(diverging) - 1
    if more:
        sentences.append(
            ngettext(
                "Further on, %(count)d more pair differs.",
                "Further on, %(count)d more pairs differ.",
                more,
            )
            % {"count": more}
        )
    return " ".join(sentences)
