"""HTML written out in Python: one way to print a value as a template's `{{ value }}` does.

The cards, the map, the filters' selects, the head, the header and the footer are written out
in Python where a template cost more than what it shows (candidates/cards.py,
candidates/map.py, candidates/filters.py, core/chrome.py, home/templatetags/footer_tags.py,
news/templatetags/news_tags.py). Each prints its values
through `text`: Django's `conditional_escape` without its lazy-string checks, which cost more
than the escaping at a few hundred values a page.
"""

from html import escape

from django.utils.safestring import SafeData


def text(value):
    """`value` as a template's `{{ value }}` shows it: escaped, unless already safe HTML."""
    if isinstance(value, SafeData):
        return str(value)
    return escape(str(value), quote=True)
