"""Saving, submitting and publishing wagtail-localize translations without leaks.

wagtail-localize 1.14.5 turns strings into a page with `Translation.save_target()`, which
writes into the target page's row (served at once if the page is live) and publishes with
source-language fallback for every untranslated string. Here, a translation becomes a new
*revision* of the target page (the live row is untouched), built only when every segment
is translated, and it is published either by a moderator directly or by the moderation
workflow when a moderator approves it.

Outdated translations: when a source page is published, its TranslationSource is synced
from the published page; if its segments changed, each translation is marked outdated
(`OutdatedTranslation`). The live translated page keeps its approved text until a
revision built from the new source is published.
"""

import contextlib
import difflib
from functools import partial

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    NoViewRestrictionsError,
    String,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from core.slugs import ascii_slug, available_slug

from . import memory, notify
from .models import HeldRevision, JointRelease, OutdatedSegment, OutdatedTranslation


class TranslationIncomplete(Exception):
    """Some segments have no translation: publishing would show source-language text."""

    def __init__(self, missing):
        super().__init__(f"{missing} segment(s) not translated")
        self.missing = missing


class AlreadyInReview(Exception):
    """The target page already has a moderation workflow in progress."""


class NoWorkflow(Exception):
    """No moderation workflow covers the target page (run `setup_editorial`)."""


def enabled_translation_for(page):
    """The synced translation whose target is `page`, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def _is_page_translation(translation):
    return issubclass(translation.source.specific_content_type.model_class(), Page)


def translated_slug(page, source_slug):
    """The slug of a translated page, in Latin letters: the translator's own slug,
    transliterated (wagtail-localize's `slugify` drops Cyrillic: "677-обращение" became a bare
    "677"), or, when they left the source's slug as it was, one made from the translated title."""
    chosen = page.slug if page.slug and page.slug != source_slug else page.title
    return available_slug(page.get_parent(), ascii_slug(chosen), page)


def _source_slug(source):
    return source.get_source_instance().slug


@transaction.atomic
def build_translation_revision(translation, user=None, *, fallback=False):
    """Save the current translated strings as a new revision of the target page.

    The live page is not touched. Without `fallback`, a missing segment raises
    TranslationIncomplete; that is the only way a revision meant for the public is built.
    Returns (page with the translated content, revision).
    """
    source = translation.source
    locale = translation.target_locale
    try:
        page = source.get_ephemeral_translated_instance(locale, fallback=fallback)
    except (MissingTranslationError, MissingRelatedObjectError) as err:
        total, done = translation.get_progress()
        raise TranslationIncomplete(max(total - done, 1)) from err
    page.slug = translated_slug(page, _source_slug(source))
    page.go_live_at, page.expire_at = source_schedule(source)
    revision = page.save_revision(user=user, log_action=True)
    with contextlib.suppress(NoViewRestrictionsError):
        source.sync_view_restrictions(source.as_instance(), page)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return page, revision


def source_schedule(source):
    """(go_live_at, expire_at) of the source page: a translation never goes live before
    the text it translates, and expires with it (wagtail-localize does not synchronise
    these fields, and its editor has no scheduling)."""
    try:
        source_page = source.get_source_instance()
    except ObjectDoesNotExist:
        return None, None
    scheduled = source_page.get_scheduled_revision_as_object()
    if scheduled is not None:
        return scheduled.go_live_at, scheduled.expire_at
    return None, source_page.expire_at


@transaction.atomic
def publish_translation(translation, user=None):
    """A moderator (or an operator, user=None) publishes the complete translation: the new
    revision and its publication happen together or not at all."""
    target = _lock_target(translation)
    if user is not None:
        permissions = target.permissions_for_user(user)
        if not permissions.can_publish() or permissions.page_locked():
            raise PermissionDenied
    _page, revision = build_translation_revision(translation, user)
    revision.publish(user=user)
    return revision


def _lock_target(translation):
    """The target page, its row locked until the transaction ends: two people submitting or
    publishing the same translation at once take turns, and the second sees the first's
    review (SQLite's IMMEDIATE transactions serialise the same way)."""
    target = translation.get_target_instance()
    Page.objects.select_for_update().filter(pk=target.pk).values_list("pk").first()
    return type(target).objects.get(pk=target.pk)


@transaction.atomic
def submit_translation_for_review(translation, user):
    """Translator's and editor's "publish": a revision plus a moderation workflow."""
    target = _lock_target(translation)
    state = target.current_workflow_state
    # Before the lock check: a page in review is locked against its translators, and someone
    # who submitted a moment after a colleague should hear why, not "permission denied".
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise AlreadyInReview
    permissions = target.permissions_for_user(user)
    if not permissions.can_edit() or permissions.page_locked():
        raise PermissionDenied
    workflow = target.get_workflow()
    if workflow is None:
        raise NoWorkflow
    page, revision = build_translation_revision(translation, user)
    if state is not None:
        # Changes were requested: the same workflow resumes with the new revision.
        WorkflowState.objects.get(pk=state.pk).resume(user=user)
    else:
        workflow.start(Page.objects.get(pk=page.pk).specific, user)
    return revision


# --- Outdated translations ----------------------------------------------------------


def _segments_signature(source):
    return (
        set(source.stringsegment_set.values_list("context_id", "string_id")),
        set(source.relatedobjectsegment_set.values_list("context_id", "object_id")),
        set(source.overridablesegment_set.values_list("context_id", "data_json")),
    )


def _strings_by_context(source):
    """{context id: [string id, ...]} of the source's string segments, in their order (a
    rich-text block has one context and a string per paragraph)."""
    strings = {}
    rows = source.stringsegment_set.order_by("order").values_list("context_id", "string_id")
    for context_id, string_id in rows:
        strings.setdefault(context_id, []).append(string_id)
    return strings


def changed_strings(before, after):
    """[(context id, old string id, new string id)]: the strings that replaced others in the
    same place. Within a context, strings are paired by position around the unchanged ones
    (a rich-text block whose second paragraph changed pairs that paragraph only)."""
    changes = []
    for context_id, new_ids in after.items():
        old_ids = before.get(context_id, [])
        matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace":
                changes.extend(
                    (context_id, old, new)
                    for old, new in zip(old_ids[i1:i2], new_ids[j1:j2], strict=False)
                )
    return changes


def _source_author(source):
    """Who wrote the published text of the source page: its live revision's user."""
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist:
        return None
    revision = getattr(instance, "live_revision", None)
    return revision.user if revision is not None else None


def held_source_instance(source):
    """The source page as a waiting joint release holds it (`editorial/releases.py`), or
    None: its translations sync from that revision, which readers do not see yet."""
    held = (
        HeldRevision.objects.filter(
            release__translation_key=source.object_id,
            release__status=JointRelease.WAITING,
            page_id=F("release__source_page_id"),
        )
        .select_related("revision")
        .first()
    )
    return held.revision.as_object() if held else None


@transaction.atomic
def sync_source(source, changed_by=None, instance=None):
    """Refresh `source` from its (published) page; mark translations outdated on change.

    While the page waits to go live with its translations (`editorial/releases.py`), the
    source is its held revision (`instance`, or found here), which readers do not see yet.
    Translators' strings are never deleted: a changed string is a new segment, the old
    StringTranslation rows stay, and unchanged segments keep their translations. Each changed
    string is recorded (`OutdatedSegment`) with the text it replaced and that text's
    translation, when and by whom (`changed_by`, by default the published revision's
    author) it changed."""
    before = _segments_signature(source)
    strings_before = _strings_by_context(source)
    instance = instance if instance is not None else held_source_instance(source)
    if instance is not None:
        # update_from_db reads the page through this method: here, the held revision.
        source.get_source_instance = lambda: instance
    source.update_from_db()
    if _segments_signature(source) == before:
        return False
    changes = changed_strings(strings_before, _strings_by_context(source))
    if changed_by is None:
        changed_by = _source_author(source)
    mark_outdated(
        source,
        since=source.last_updated_at or timezone.now(),
        changes=changes,
        changed_by=changed_by,
    )
    return True


def mark_outdated(source, since, changes=(), changed_by=None):
    notified = []
    for translation in source.translations.filter(enabled=True):
        has_target = Page.objects.filter(
            translation_key=source.object_id,
            locale_id=translation.target_locale_id,
            alias_of__isnull=True,
        ).exists()
        if has_target:
            outdated, _created = OutdatedTranslation.objects.get_or_create(
                translation=translation, defaults={"since": since}
            )
            for context_id, old_id, new_id in changes:
                _record_change(outdated, context_id, old_id, new_id, since, changed_by)
            notified.append(translation.pk)
    # Issue 21 point 4: the translators of each language hear of it (after commit).
    if notified:
        transaction.on_commit(partial(notify.source_changed, notified))


def _record_change(outdated, context_id, old_id, new_id, changed_at, changed_by):
    """The segment (context, new string) replaced (context, old string): keep the text the
    translator last translated there. When the old string had no translation of its own (it
    changed twice before anyone translated it), the earlier record carries on."""
    locale_id = outdated.translation.target_locale_id
    earlier = OutdatedSegment.objects.filter(
        outdated=outdated, context_id=context_id, string_id=old_id
    ).first()
    translated = (
        StringTranslation.objects.filter(
            translation_of_id=old_id, context_id=context_id, locale_id=locale_id, has_error=False
        )
        .values_list("data", flat=True)
        .first()
    )
    if translated is not None:
        old_source = String.objects.filter(pk=old_id).values_list("data", flat=True).first()
        old_translation = translated
    elif earlier is not None:
        old_source, old_translation = earlier.old_source, earlier.old_translation
    else:
        return None  # never translated: nothing to compare with
    if earlier is not None:
        earlier.delete()
    record, _created = OutdatedSegment.objects.update_or_create(
        outdated=outdated,
        context_id=context_id,
        string_id=new_id,
        defaults={
            "old_source": old_source or "",
            "old_translation": old_translation,
            "changed_at": changed_at,
            "changed_by": changed_by,
        },
    )
    return record


def source_published(page, revision=None):
    """The page was published: if it is a translation source, sync its translations.

    Its expiry date applies to the translated pages at once (a moderator approved it on
    the source); their text changes only through review."""
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None:
        return False
    target_locales = source.translations.filter(enabled=True).values("target_locale_id")
    if not target_locales:
        return False
    Page.objects.filter(
        translation_key=page.translation_key, locale_id__in=target_locales, alias_of__isnull=True
    ).exclude(expire_at=page.expire_at).update(expire_at=page.expire_at)
    return sync_source(source, changed_by=getattr(revision, "user", None))


def target_published(page, revision):
    """A translated page was published: up to date if built from the current source, and
    its segment pairs are approved, so they enter the translation memory."""
    memory.record_published(page, revision)
    outdated = OutdatedTranslation.objects.filter(
        translation__source__object_id=page.translation_key,
        translation__target_locale_id=page.locale_id,
    ).select_related("translation")
    for row in outdated:
        built = TranslationLog.objects.filter(
            revision_id=getattr(revision, "pk", None),
            source_id=row.translation.source_id,
            created_at__gte=row.since,
        ).exists()
        if built:
            row.delete()


def _transliterate_new_target_slug(translation):
    """A target page wagtail-localize has just created carries its `slugify`d slug; give it
    the Latin slug of the translation (the translated slug or title, transliterated)."""
    source = translation.source
    try:
        target = translation.get_target_instance()
        raw = source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    except ObjectDoesNotExist:
        return
    raw.pk, raw.path, raw.depth = target.pk, target.path, target.depth
    slug = translated_slug(raw, _source_slug(source))
    if slug != target.slug:
        target.slug = slug
        target.set_url_path(target.get_parent())
        target.save(update_fields=["slug", "url_path"], clean=False)
        latest = target.get_latest_revision()
        if latest is not None:
            latest.content["slug"] = slug
            latest.save(update_fields=["content"])


# --- wagtail-localize's Translation.save_target, made safe -----------------------------


def safe_save_target(translation, user=None, publish=True, *, stock_save_target):
    """Replacement for `Translation.save_target` (installed in EditorialConfig.ready).

    - A new target page (or an alias turned into a page) is created by wagtail-localize
      as before: not live (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False).
    - An existing target page is never written into: a draft is a new revision, and not
      even that while a revision of it is under review (approval publishes the latest
      revision, which must stay the reviewed one).
    - Publishing requires every segment (no source-language fallback) and the user's
      publish permission.
    """
    if not _is_page_translation(translation):
        return stock_save_target(translation, user=user, publish=publish)
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        target = None
    if target is None or target.alias_of_id:
        if publish:
            try:
                translation.source.create_or_update_translation(
                    translation.target_locale,
                    user=user,
                    publish=True,
                    fallback=False,
                    copy_parent_pages=True,
                )
            except (MissingTranslationError, MissingRelatedObjectError) as err:
                total, done = translation.get_progress()
                raise TranslationIncomplete(max(total - done, 1)) from err
            return None
        result = stock_save_target(translation, user=user, publish=False)
        _transliterate_new_target_slug(translation)
        return result
    if publish:
        publish_translation(translation, user)
        return None
    if target.workflow_in_progress:
        return None
    build_translation_revision(translation, user, fallback=True)
    return None
