"""Slugs in Latin letters for every language (Kazakh and Russian titles transliterated).

One rule everywhere: `ascii_slug` (anyascii, then Django's `slugify`, cut at a word). The
admin's slug field shows the same slug while the editor types the title: `slug_formatters`
hands the rule to Wagtail's own slug script (its `formatters`), so what the Promote tab shows
is what the page gets. A slug made from a title never fails a save because a sibling has it:
`available_slug` adds `-2`, `-3`, as Wagtail does for the slugs it makes.
"""

import functools
import re

from anyascii import anyascii
from django.utils.text import slugify

# Slugs made from titles are cut at a word within this length.
TITLE_SLUG_LENGTH = 80
# Page.slug's column.
SLUG_MAX_LENGTH = 255


def ascii_slug(text, max_length=TITLE_SLUG_LENGTH):
    """`text` transliterated and slugified; a longer slug is cut at its last hyphen that
    fits (a single word longer than `max_length` is cut where it must)."""
    slug = slugify(anyascii(str(text)))
    if len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[:cut] if cut > 0 else slug[:max_length]
    return slug or "page"


def available_slug(parent, slug, page=None):
    """`slug`, or the first of `slug-2`, `slug-3`... that no other child of `parent` has."""
    stem = slug[: SLUG_MAX_LENGTH - 10].rstrip("-")
    siblings = parent.get_children().filter(slug__startswith=stem)
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


# The letters and signs whose transliteration the admin's script must know: Latin-1 and
# Latin Extended-A, Cyrillic (Kazakh and Russian), general punctuation (dashes, spaces) and
# letter-like symbols (№). Anything else is dropped in the browser.
_TRANSLITERATED = [(0x00A0, 0x017F), (0x0400, 0x04FF), (0x2000, 0x206F), (0x2100, 0x214F)]


@functools.cache
def slug_formatters():
    """`ascii_slug` for titles as regular expressions that Wagtail's slug script
    (`SlugInput(formatters=...)`, the `w-slug` controller) applies before its own
    slugify: anyascii's transliteration, character class by character class, then
    `slugify`'s clean-up and the cut at a word. The script lowercases afterwards."""
    by_output = {}
    for first, last in _TRANSLITERATED:
        for code in range(first, last + 1):
            output = anyascii(chr(code)).lower()
            # What slugify removes anyway (quotes, brackets...) needs no rule.
            if re.search(r"[a-z0-9_\s-]", output):
                by_output.setdefault(output, []).append(chr(code))
    rules = [
        (f"[{''.join(chars)}]", output.replace("$", "$$"))
        for output, chars in sorted(by_output.items())
    ]
    length = TITLE_SLUG_LENGTH
    return rules + [
        (r"[^-\w\s]", ""),
        (r"[-\s]+", "-"),
        (r"^[-_]+|[-_]+$", ""),
        (rf"^(?=.{{{length + 1}}})(.{{1,{length}}})-.*$", "$1"),
        (rf"^(.{{{length}}}).+$", "$1"),
    ]
