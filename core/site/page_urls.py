"""Page URLs worked out once per request for each site root and language.

Wagtail's `Page.get_url_parts` reverses its `wagtail_serve` route for every page, with the
page's language activated around the reverse (about 30 µs a page): the head and header of
every page name a dozen pages (the navigation, the language versions, the canonical link, the
breadcrumbs). Below one site root, in one active language, Wagtail's answer is always one
prefix (`/kk/`) followed by the page's `url_path` past the root, as long as that rest is
plain (ASCII letters, digits, `-` and `_` between slashes: what the route accepts and the
reverse leaves as it is; Latin slugs are the rule here, core/slugs.py). So Wagtail works out
the first page's URL as always, its prefix is kept on the request, and the next plain pages
under the same root get that prefix and their own rest. Anything else (a slug with other
characters, a page under several sites, WAGTAIL_APPEND_SLASH off) is left to Wagtail.

Kept on the request only, never across requests: a Site's address, the script prefix or the
routes may change in between.
"""

import re

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

# A `url_path` past its site root that Wagtail's reverse gives back unchanged.
_PLAIN = re.compile(r"(?:[A-Za-z0-9_-]+/)*\Z")


def url_parts(page, request, wagtail_url_parts):
    """`page.get_url_parts(request)` as `wagtail_url_parts()` (Wagtail's own) gives it, with
    the prefix Wagtail gave for an earlier page of the same site root and language in this
    request reused (see the module's docstring)."""
    if not isinstance(request, HttpRequest) or not getattr(settings, "WAGTAIL_APPEND_SLASH", True):
        return wagtail_url_parts()
    possible = page._get_relevant_site_root_paths(request)
    if not possible or any(other[0] != possible[0][0] for other in possible[1:]):
        return wagtail_url_parts()  # not routable, or under several sites
    root = possible[0]
    rest = page.url_path[len(root.root_path) :]
    if not _PLAIN.match(rest):
        return wagtail_url_parts()
    prefixes = request.__dict__.setdefault("_page_url_prefixes", {})
    key = (root, translation.get_language())
    prefix = prefixes.get(key)
    if prefix is not None:
        return (root.site_id, root.root_url, prefix + rest)
    parts = wagtail_url_parts()
    if parts is not None and parts[0] == root.site_id and parts[2] is not None:
        if parts[2].endswith(rest) and parts[2][: len(parts[2]) - len(rest)].endswith("/"):
            prefixes[key] = parts[2][: len(parts[2]) - len(rest)]
    return parts


def page_url(page, request):
    """`page.url` (Wagtail's URL of a page asked without a request: the path on a single-site
    installation, with the site's root URL in front otherwise), worked out with this
    request's prefixes."""
    if request is None:
        return page.url
    if len({root_path[0] for root_path in page._get_relevant_site_root_paths(request)}) > 1:
        return page.url  # under several sites: Wagtail's choice without a request
    parts = page.get_url_parts(request)
    if parts is None or (parts[1] is None and parts[2] is None):
        return None
    _site_id, root_url, page_path = parts
    if len({root_path[0] for root_path in page._get_site_root_paths(request)}) == 1:
        return page_path
    return root_url + page_path
