"""Publishing a source page together with its translations (issue 21, point 5).

An editor chooses "Publish together with translations" on a source page: the page goes to
review as usual, and a `JointRelease` waits. From then on, a revision of the source or of
one of its translated pages that would go live (a Moderator's approval, "Publish", the
translation editor's publish) is held instead (`HeldRevision`): Wagtail's
`PublishRevisionAction.execute` asks `hold` first (installed by `install`, from
`editorial/apps.py`). Holding the source syncs its translations from the held revision, so
translators see the new text while readers do not. When every page has a held revision
built from the current source (or, for a translation the change did not touch, its live
one), `release` publishes them all in one transaction and purges their addresses once,
at the source's go-live time if it was scheduled (`release_due`, run by the scheduler).
Readers never see the new source beside an outdated translation.
"""

import contextlib
import logging
from contextvars import ContextVar

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail_localize.models import TranslationLog, TranslationSource

from core.caching import invalidation

from .models import HeldRevision, JointRelease, OutdatedTranslation
from .translations import sync_source

logger = logging.getLogger(__name__)

_releasing = ContextVar("editorial_releasing", default=False)


@contextlib.contextmanager
def _publishing_for_real():
    token = _releasing.set(True)
    try:
        yield
    finally:
        _releasing.reset(token)


def waiting_release(translation_key):
    return (
        JointRelease.objects.filter(translation_key=translation_key, status=JointRelease.WAITING)
        .select_related("source_page")
        .first()
    )


def source_of(page):
    """The TranslationSource of `page` if it is a source with enabled translations."""
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None or not source.translations.filter(enabled=True).exists():
        return None
    return source


def target_pages(source):
    """The translated pages of `source` (not aliases), each language once."""
    locales = source.translations.filter(enabled=True).values("target_locale_id")
    return list(
        Page.objects.filter(
            translation_key=source.object_id, locale_id__in=locales, alias_of__isnull=True
        ).exclude(locale_id=source.locale_id)
    )


def request_release(page, user):
    """The editor's choice on the source page; the one waiting release of its pages."""
    release = waiting_release(page.translation_key)
    if release is not None:
        return release
    release = JointRelease.objects.create(
        translation_key=page.translation_key, source_page_id=page.pk, requested_by=user
    )
    log(
        instance=page,
        action="editorial.release_requested",
        user=user,
        data={"release": release.pk},
    )
    return release


# --- Holding ---------------------------------------------------------------------------


def hold(action):
    """Called before Wagtail publishes `action.revision`: True when it was held instead."""
    if _releasing.get():
        return False
    page = action.object
    if not isinstance(page, Page) or not page.pk:
        return False
    release = waiting_release(page.translation_key)
    if release is None:
        return False
    with transaction.atomic():
        release = JointRelease.objects.select_for_update().get(pk=release.pk)
        HeldRevision.objects.update_or_create(
            release=release,
            page_id=page.pk,
            defaults={
                "revision": action.revision,
                "approved_by": action.user,
                "held_at": timezone.now(),
            },
        )
        if page.pk == release.source_page_id:
            go_live_at = (
                page.go_live_at if page.go_live_at and page.go_live_at > timezone.now() else None
            )
            release.go_live_at = go_live_at
            release.source_synced_at = timezone.now()
            release.save(update_fields=["go_live_at", "source_synced_at"])
            _sync_translations_from(page, action.revision.user or action.user)
        log(
            instance=page,
            action="editorial.release_held",
            user=action.user,
            revision=action.revision,
            data={"release": release.pk},
        )
        release_if_ready(release)
    return True


def _sync_translations_from(page, user):
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is not None:
        sync_source(source, changed_by=user, instance=page)


# --- Releasing -------------------------------------------------------------------------


def missing(release):
    """What the release still waits for: [(page, reason)], reason "source" or "translation"."""
    held = {h.page_id: h for h in release.held.select_related("revision")}
    waiting = []
    if release.source_page_id not in held:
        waiting.append((release.source_page, "source"))
        return waiting
    source = TranslationSource.objects.filter(
        object_id=release.translation_key, locale_id=release.source_page.locale_id
    ).first()
    if source is None:
        return waiting
    outdated = set(
        OutdatedTranslation.objects.filter(translation__source=source).values_list(
            "translation__target_locale_id", flat=True
        )
    )
    for target in target_pages(source):
        row = held.get(target.pk)
        if (
            row is not None
            and TranslationLog.objects.filter(
                source=source, revision_id=row.revision_id, created_at__gte=release.source_synced_at
            ).exists()
        ):
            continue
        if row is None and target.live and target.locale_id not in outdated:
            continue  # the change did not touch this translation: its live text stands
        waiting.append((target, "translation"))
    return waiting


def release_if_ready(release, now=None):
    now = now or timezone.now()
    if release.status != JointRelease.WAITING or missing(release):
        return False
    if release.go_live_at and release.go_live_at > now:
        return False
    release_now(release)
    return True


def release_now(release):
    """Every held revision goes live in one transaction; their addresses are purged once."""
    with transaction.atomic():
        release = JointRelease.objects.select_for_update().get(pk=release.pk)
        if release.status != JointRelease.WAITING:
            return
        held = list(release.held.select_related("revision", "approved_by", "page"))
        pages = []
        with invalidation.paused(), _publishing_for_real():
            for row in held:
                row.revision.publish(user=row.approved_by, skip_permission_checks=True)
                row.page.refresh_from_db(fields=["live", "last_published_at", "url_path"])
                pages.append(row.page)
        release.status = JointRelease.RELEASED
        release.released_at = timezone.now()
        release.save(update_fields=["status", "released_at"])
        log(
            instance=release.source_page,
            action="editorial.released",
            data={"release": release.pk, "pages": [p.pk for p in pages]},
        )
        if pages:
            invalidation.purge_after_commit(invalidation.paths_for_pages(pages))
            if invalidation.shown_on_every_page(pages):
                transaction.on_commit(invalidation.purge_all)
    logger.info("Joint release %s: %d page(s) live", release.pk, len(pages))


def release_due(now=None):
    """The scheduler's step: waiting releases whose go-live time has come and that lack
    nothing go live. Returns how many did."""
    now = now or timezone.now()
    done = 0
    for release in JointRelease.objects.filter(
        status=JointRelease.WAITING, go_live_at__lte=now
    ).select_related("source_page"):
        done += release_if_ready(release, now)
    return done


def cancel(release, user):
    """Stop waiting: held revisions stay approved revisions, published by nobody."""
    release.status = JointRelease.CANCELLED
    release.save(update_fields=["status"])
    log(instance=release.source_page, action="editorial.release_cancelled", user=user)


def install():
    """Wagtail's publication asks `hold` first (a runtime patch, fingerprinted)."""
    from wagtail.actions.publish_revision import PublishRevisionAction

    if getattr(PublishRevisionAction.execute, "editorial_joint_release", False):
        return
    execute = PublishRevisionAction.execute

    def execute_unless_held(self, skip_permission_checks=False):
        self.check(skip_permission_checks=skip_permission_checks)
        if hold(self):
            return None
        return execute(self, skip_permission_checks=True)

    execute_unless_held.editorial_joint_release = True
    execute_unless_held.__wrapped__ = execute
    PublishRevisionAction.execute = execute_unless_held
