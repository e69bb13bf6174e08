"""The translation state of every translatable page in every other language.

Computed for the whole site in a fixed number of queries (no query per page or row):
pages, locales, sources, translations with their segment counts, active workflows,
outdated marks, translation logs and the latest string edits.

States, in the order they are decided:
- missing: no page in that language (an untranslated alias counts as missing), for a page
  that has been published (a draft never published waits for nothing);
- in review: a revision of the translated page awaits a moderator;
- outdated since <date>: the source was published with changes since the live
  translation was approved; the live page still shows the approved text;
- in progress n of m: not yet approved, strings missing, or strings changed since the
  last submitted version (also: changes requested by a moderator);
- up to date.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from core.site.tree import ROOT_DEPTH

from .models import OutdatedTranslation

MISSING = "missing"
IN_PROGRESS = "in_progress"
IN_REVIEW = "in_review"
OUTDATED = "outdated"
UP_TO_DATE = "up_to_date"

STATE_CHOICES = [
    (MISSING, _("Missing")),
    (IN_PROGRESS, pgettext_lazy("translation", "In progress")),
    (IN_REVIEW, _("In review")),
    (OUTDATED, _("Outdated")),
    (UP_TO_DATE, _("Up to date")),
]
STATE_LABELS = dict(STATE_CHOICES)

PAGE_FIELDS = [
    "id",
    "title",
    "draft_title",
    "translation_key",
    "locale_id",
    "live",
    "has_unpublished_changes",
    "path",
    "depth",
    "content_type_id",
    "latest_revision_created_at",
    "first_published_at",
]


@dataclass
class TranslationStatus:
    page: Page  # the page in its source language
    language_code: str
    language_name: str
    state: str
    target: Page | None = None
    translation_id: int | None = None
    total: int = 0
    done: int = 0
    outdated_since: datetime | None = None
    changes_requested: bool = False
    source_language_name: str = ""
    due_date: date | None = None  # set by editorial.translator_queue.attach_due_dates

    @property
    def pk(self):
        return f"{self.page.pk}-{self.language_code}"

    @property
    def title(self):
        return self.page.draft_title or self.page.title

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def has_progress(self):
        return self.translation_id is not None and self.state in (IN_PROGRESS, OUTDATED)

    @property
    def edit_url(self):
        """The target's edit view: the translation editor while the translation is synced."""
        if self.target is not None:
            return reverse("wagtailadmin_pages:edit", args=[self.target.pk])
        return None

    @property
    def translate_url(self):
        url = reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])
        return f"{url}?{urlencode({'select_locale': self.language_code})}"

    @property
    def source_edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


def content_languages():
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


def _progress_by_translation(translation_ids):
    """{translation id: (total, done)} in one query (wagtail-localize's get_progress)."""
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    total = segments.values("source_id").annotate(n=Count("id")).values("n")
    translated = (
        segments.filter(
            Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=OuterRef(OuterRef("target_locale_id")),
                    has_error=False,
                )
            )
        )
        .values("source_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = (
        Translation.objects.filter(id__in=translation_ids)
        .annotate(
            total=Coalesce(Subquery(total, output_field=IntegerField()), Value(0)),
            done=Coalesce(Subquery(translated, output_field=IntegerField()), Value(0)),
        )
        .values_list("id", "total", "done")
    )
    return {pk: (total, done) for pk, total, done in rows}


def _original_page(pages_by_locale, sources, default_locale_id):
    """The page translations are made from: its TranslationSource, else the default language."""
    for source in sorted(sources, key=lambda s: (not s["has_translations"], s["created_at"])):
        if source["locale_id"] in pages_by_locale:
            return pages_by_locale[source["locale_id"]], source
    if default_locale_id in pages_by_locale:
        return pages_by_locale[default_locale_id], None
    return min(pages_by_locale.values(), key=lambda page: page.pk), None


def collect_statuses(languages=None):
    """Every (translatable page, other language) pair with its state; `languages` limits
    the target languages (codes)."""
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    code_by_locale = {pk: locale.language_code for pk, locale in locales.items()}
    locale_by_code = {code: pk for pk, code in code_by_locale.items()}
    names = dict(content_languages())
    wanted = [code for code, _name in content_languages() if languages is None or code in languages]

    pages = list(
        Page.objects.filter(depth__gt=ROOT_DEPTH, alias_of__isnull=True)
        .only(*PAGE_FIELDS)
        .order_by("path")
    )
    by_key = defaultdict(dict)
    for page in pages:
        by_key[page.translation_key][page.locale_id] = page

    sources_by_key = defaultdict(list)
    source_rows = TranslationSource.objects.annotate(
        has_translations=Exists(Translation.objects.filter(source_id=OuterRef("pk"), enabled=True))
    ).values("id", "object_id", "locale_id", "created_at", "has_translations")
    for row in source_rows:
        if row["object_id"] in by_key:
            sources_by_key[row["object_id"]].append(row)

    translations = {
        (row["source_id"], row["target_locale_id"]): row
        for row in Translation.objects.values("id", "source_id", "target_locale_id", "enabled")
    }
    progress = _progress_by_translation(
        [row["id"] for row in translations.values() if row["enabled"]]
    )
    workflow_status = dict(
        WorkflowState.objects.active()
        .filter(base_content_type__app_label="wagtailcore", base_content_type__model="page")
        .values_list("object_id", "status")
    )
    outdated = dict(OutdatedTranslation.objects.values_list("translation_id", "since"))
    last_built = {
        (row["source_id"], row["locale_id"]): row["last"]
        for row in TranslationLog.objects.values("source_id", "locale_id").annotate(
            last=Max("created_at")
        )
    }
    last_edited = {
        (row["context__object_id"], row["locale_id"]): row["last"]
        for row in StringTranslation.objects.values("context__object_id", "locale_id").annotate(
            last=Max("updated_at")
        )
    }

    default_locale_id = locale_by_code.get(settings.LANGUAGE_CODE)
    statuses = []
    for key, pages_by_locale in by_key.items():
        original, source = _original_page(pages_by_locale, sources_by_key[key], default_locale_id)
        original_code = code_by_locale[original.locale_id]
        for code in wanted:
            if code == original_code or code not in locale_by_code:
                continue
            locale_id = locale_by_code[code]
            status = TranslationStatus(
                page=original,
                language_code=code,
                language_name=names.get(code, code),
                state=MISSING,
                target=pages_by_locale.get(locale_id),
                source_language_name=names.get(original_code, original_code),
            )
            if status.target is None and original.first_published_at is None:
                # A draft that was never published: nothing is missing yet.
                continue
            translation = translations.get((source["id"], locale_id)) if source else None
            _decide(
                status,
                translation,
                progress,
                workflow_status,
                outdated,
                last_built.get((source["id"], locale_id)) if source else None,
                last_edited.get((key, locale_id)),
            )
            statuses.append(status)
    return statuses


def _decide(status, translation, progress, workflow_status, outdated, last_built, last_edited):
    target = status.target
    if target is None:
        return
    synced = translation is not None and translation["enabled"]
    if synced:
        status.translation_id = translation["id"]
        status.total, status.done = progress.get(translation["id"], (0, 0))
        status.outdated_since = outdated.get(translation["id"])
    workflow = workflow_status.get(str(target.pk))
    status.changes_requested = workflow == WorkflowState.STATUS_NEEDS_CHANGES
    if workflow == WorkflowState.STATUS_IN_PROGRESS:
        status.state = IN_REVIEW
    elif not synced:
        # Maintained by hand (translation stopped or never synced).
        live_and_clean = target.live and not target.has_unpublished_changes
        status.state = UP_TO_DATE if live_and_clean else IN_PROGRESS
    elif status.outdated_since and target.live:
        status.state = OUTDATED
    elif (
        not target.live
        or status.changes_requested
        or status.done < status.total
        or (last_edited and (last_built is None or last_edited > last_built))
    ):
        status.state = IN_PROGRESS
    else:
        status.state = UP_TO_DATE


def count_by_state(statuses):
    counts = {state: 0 for state, _label in STATE_CHOICES}
    for status in statuses:
        counts[status.state] += 1
    return counts
