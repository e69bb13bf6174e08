"""Slugs in Latin letters for every language (Kazakh and Russian titles transliterated)."""

from anyascii import anyascii
from django.utils.text import slugify


def ascii_slug(text, max_length=80):
    return slugify(anyascii(str(text)))[:max_length].strip("-") or "page"
