"""Reading a page's JSON-LD in tests: every script element, parsed, by schema.org type."""

import json
import re

from bs4 import BeautifulSoup

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_items(page):
    """The JSON-LD items of `page` (HTML as text or bytes, or a BeautifulSoup)."""
    if isinstance(page, BeautifulSoup):
        page = str(page)
    if isinstance(page, bytes):
        page = page.decode()
    return [json.loads(script) for script in SCRIPT.findall(page)]


def json_ld_of_type(page, schema_type):
    """The one JSON-LD item of `schema_type` on `page`."""
    found = [item for item in json_ld_items(page) if item["@type"] == schema_type]
    assert len(found) == 1, [item["@type"] for item in json_ld_items(page)]
    return found[0]
