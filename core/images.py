"""Renditions that never break a page.

A missing original (lost media volume, half-finished restore) or a file Pillow cannot read
makes Wagtail raise while rendering; Wagtail's own template tags then print a broken image for
a missing file and a server error for an unreadable one. Here both leave the image out and log
a warning, so the page still serves: the `{% image %}`/`{% picture %}` tags of `media_tags` and
the JSON-LD and share-image code all go through these two functions.
"""

import logging

logger = logging.getLogger("federation_site.media")


def _warn(image, specs, error):
    logger.warning(
        "Image %s (%s) left out: rendition %s could not be made: %s: %s",
        getattr(image, "pk", None),
        getattr(getattr(image, "file", None), "name", ""),
        ", ".join(str(getattr(spec, "spec", spec)) for spec in specs),
        type(error).__name__,
        error,
    )


def rendition_or_none(image, spec):
    """`image.get_rendition(spec)`, or None (and a warning) when it cannot be made."""
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except Exception as error:  # noqa: BLE001  (any media fault: the page serves without it)
        _warn(image, [spec], error)
        return None


def renditions_or_none(image, specs):
    """`image.get_renditions(*specs)`, or None (and a warning) when any cannot be made."""
    if image is None:
        return None
    try:
        return image.get_renditions(*specs)
    except Exception as error:  # noqa: BLE001
        _warn(image, specs, error)
        return None
