"""The translation editor in a fixed number of queries, whatever the page's length.

wagtail-localize's editor view (``wagtail_localize.views.edit_translation.edit_translation``)
reads each segment's string and context, each translation's segment id and translator one
row at a time: about three queries per segment, 800 for a 360-paragraph appeal. While
:func:`batched_editor_queries` is active (``editorial.wagtail_hooks.guard_translation_editor``
wraps the editor's GET in it), the same querysets join what they read and the serializers
look segment ids up in one dictionary. Outside it nothing changes. Installed by
``editorial.apps.EditorialConfig.ready``; fingerprinted in
``tests/editorial/test_localize_source_tripwire.py``.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_active = ContextVar("batched_editor_queries", default=False)


@contextmanager
def batched_editor_queries():
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)


def _joined(manager_cls, *related):
    original = manager_cls.get_queryset

    def get_queryset(self):
        queryset = original(self)
        return queryset.select_related(*related) if _active.get() else queryset

    get_queryset.__wrapped__ = original
    manager_cls.get_queryset = get_queryset


def _segment_ids(serializer, key, rows):
    """One dictionary per serializer context: (string id, context id) or context id → the
    segment's id, the lowest id first as upstream's ``.first()`` gives."""
    ids = serializer.context.get(key)
    if ids is None:
        ids = {}
        for lookup, segment_id in rows():
            ids.setdefault(lookup, segment_id)
        serializer.context[key] = ids
    return ids


def install():
    from wagtail_localize.models import (
        OverridableSegment,
        StringSegment,
        StringSegmentQuerySet,
    )
    from wagtail_localize.views import edit_translation as views

    if getattr(StringSegmentQuerySet.get_translations, "__wrapped__", None):
        return

    _joined(StringSegment._default_manager.__class__, "string", "context")
    _joined(OverridableSegment._default_manager.__class__, "context")

    get_translations = StringSegmentQuerySet.get_translations

    def get_translations_with_translators(self, locale):
        translations = get_translations(self, locale)
        if _active.get():
            translations = translations.select_related("last_translated_by__wagtail_userprofile")
        return translations

    get_translations_with_translators.__wrapped__ = get_translations
    StringSegmentQuerySet.get_translations = get_translations_with_translators

    string_segment_id = views.StringTranslationSerializer.get_segment_id

    def get_string_segment_id(self, translation):
        source = self.context.get("translation_source")
        if not _active.get() or source is None:
            return string_segment_id(self, translation)

        def rows():
            segments = source.stringsegment_set.order_by("id").select_related(None)
            for string_id, context_id, pk in segments.values_list("string_id", "context_id", "id"):
                yield (string_id, context_id), pk

        ids = _segment_ids(self, "_editorial_string_segment_ids", rows)
        return ids.get((translation.translation_of_id, translation.context_id))

    views.StringTranslationSerializer.get_segment_id = get_string_segment_id

    override_segment_id = views.SegmentOverrideSerializer.get_segment_id

    def get_override_segment_id(self, override):
        source = self.context.get("translation_source")
        if not _active.get() or source is None:
            return override_segment_id(self, override)

        def rows():
            segments = source.overridablesegment_set.order_by("id").select_related(None)
            yield from segments.values_list("context_id", "id")

        return _segment_ids(self, "_editorial_override_segment_ids", rows).get(override.context_id)

    views.SegmentOverrideSerializer.get_segment_id = get_override_segment_id
