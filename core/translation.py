"""Creating wagtail-localize translations from code (importers, site structure, demo).

Everything goes through wagtail-localize's own objects, so the translation editor shows
the result as translated segments and later source edits reopen only what changed.
"""

from collections.abc import Callable

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

# translate(context_path, source_plain_text) -> target plain text (or a StringValue with
# inline formatting), or None to leave it open
Translator = Callable[[str, str], str | StringValue | None]


def submit_for_translation(source_page: Page, locale: Locale) -> Translation:
    """What "Translate this page" does: freeze the source and open a translation."""
    # From the instance, not the database: a draft source is translated as written.
    source, _created = TranslationSource.update_or_create_from_instance(source_page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    return translation


def fill_translation(translation: Translation, translate: Translator, user=None) -> int:
    """Store translated strings for the translation's segments; returns how many were set."""
    done = 0
    segments = translation.source.stringsegment_set.select_related("string", "context")
    for segment in segments.order_by("order"):
        source_text = segment.string.as_value().render_text()
        target_text = translate(segment.context.path, source_text)
        if target_text is None:
            continue
        # Plain text, or a StringValue when the translation carries inline formatting.
        value = (
            target_text
            if isinstance(target_text, StringValue)
            else StringValue.from_plaintext(target_text)
        )
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": value.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
                "has_error": False,
            },
        )
        done += 1
    return done


def translate_page(
    source_page: Page, locale: Locale, translate: Translator, *, publish: bool, user=None
) -> Page:
    """Submit `source_page` for translation into `locale`, fill it and save the target."""
    translation = submit_for_translation(source_page, locale)
    fill_translation(translation, translate, user=user)
    # wagtail-localize publishes in transaction.on_commit with the in-memory page it
    # created; inside a longer transaction that stale copy overwrites tree fields
    # (numchild) of pages added since. Save a draft, then publish a fresh revision now.
    with transaction.atomic():
        translation.save_target(user=user, publish=False)
        target = source_page.get_translation(locale)
        if publish:
            target.get_latest_revision().publish(user=user)
    return target.specific
