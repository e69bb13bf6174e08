"""Meta descriptions: the short text search engines and shared links show under a title."""

import html

from django.utils.html import strip_tags

# Search engines show about this much; longer text is cut by them mid-word.
DESCRIPTION_LIMIT = 160
ELLIPSIS = "…"
# Left at the end of a cut text, these would read as a sentence that goes on.
_DANGLING = " ,;:.–—-(«\"'"


def plain_text(markup):
    """HTML (a rich text paragraph) as plain text."""
    return html.unescape(strip_tags(markup or ""))


def summary(text, limit=DESCRIPTION_LIMIT):
    """Plain `text` on one line, at most `limit` characters. A longer text is cut after the
    last whole word that fits and ends with "…"; a single word longer than that is cut."""
    plain = " ".join((text or "").split())
    if len(plain) <= limit:
        return plain
    room = limit - len(ELLIPSIS)
    if plain[room] == " ":
        head = plain[:room]
    else:
        head = plain[:room].rpartition(" ")[0] or plain[:room]
    return head.rstrip(_DANGLING) + ELLIPSIS
