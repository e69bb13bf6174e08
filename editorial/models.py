from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutdatedTranslation(models.Model):
    """A translation whose source page was published with changed text.

    Created when the source is published and its segments change; removed when the
    target page publishes a revision built from the source as it is now (see
    `editorial.translations`). While it exists, the live translated page keeps its last
    approved text: nothing here publishes anything.
    """

    translation = models.OneToOneField(
        "wagtail_localize.Translation",
        on_delete=models.CASCADE,
        related_name="editorial_outdated",
        verbose_name=_("translation"),
    )
    since = models.DateTimeField(_("outdated since"))

    class Meta:
        verbose_name = _("outdated translation")
        verbose_name_plural = _("outdated translations")

    def __str__(self):
        return f"{self.translation} outdated since {self.since:%Y-%m-%d %H:%M}"


class JointRelease(models.Model):
    """A source page and its translations going live together ("publish together").

    Requested by an editor on the source page. While it waits, an approved revision of any
    of its pages (the source or a translation) is held (`HeldRevision`) instead of going
    live; when every page has one built from the current source, all go live in one
    transaction (`editorial.releases.release`), at `go_live_at` if the source was scheduled.
    """

    WAITING = "waiting"
    RELEASED = "released"
    CANCELLED = "cancelled"
    STATUSES = [
        (WAITING, _("waiting for its translations")),
        (RELEASED, _("released")),
        (CANCELLED, _("cancelled")),
    ]

    translation_key = models.UUIDField(_("translation key"), db_index=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("source page"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    go_live_at = models.DateTimeField(_("go-live time"), null=True, blank=True)
    source_synced_at = models.DateTimeField(_("source synced at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=STATUSES, default=WAITING)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("joint release")
        verbose_name_plural = _("joint releases")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key"],
                condition=models.Q(status="waiting"),
                name="one_waiting_release_per_page",
            )
        ]

    def __str__(self):
        return f"{self.source_page_id} {self.status}"


class HeldRevision(models.Model):
    """An approved revision of one page of a joint release, waiting to go live with the rest."""

    release = models.ForeignKey(
        JointRelease, on_delete=models.CASCADE, related_name="held", verbose_name=_("release")
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("revision"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    held_at = models.DateTimeField(_("held at"), default=timezone.now)

    class Meta:
        verbose_name = _("held revision")
        verbose_name_plural = _("held revisions")
        constraints = [
            models.UniqueConstraint(fields=["release", "page"], name="one_held_revision_per_page")
        ]

    def __str__(self):
        return f"{self.page_id}: {self.revision_id}"


class Term(models.Model):
    """One pair of the Federation's term base: a Kazakh term and its approved Russian
    translation (or the other way round: the pair works in both directions). Found in a
    segment across inflections by `editorial.terms`; edited by Moderators as a snippet."""

    kk = models.CharField(_("Kazakh term"), max_length=200)
    ru = models.CharField(_("Russian term"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("term base")
        ordering = ["kk", "ru"]
        constraints = [models.UniqueConstraint(fields=["kk", "ru"], name="editorial_term_pair")]

    def __str__(self):
        return f"{self.kk} — {self.ru}"


class OutdatedSegment(models.Model):
    """One segment of an outdated translation whose source text changed: what the
    translator had translated (the previous source text and its translation), and when
    and by whom the source changed. The translation editor shows the previous and the new
    text side by side and starts the segment's box from the previous translation
    (`editorial.workbench`). Removed with its `OutdatedTranslation`."""

    outdated = models.ForeignKey(
        OutdatedTranslation,
        on_delete=models.CASCADE,
        related_name="segments",
        verbose_name=_("outdated translation"),
    )
    context = models.ForeignKey(
        "wagtail_localize.TranslationContext", on_delete=models.CASCADE, related_name="+"
    )
    string = models.ForeignKey(
        "wagtail_localize.String", on_delete=models.CASCADE, related_name="+"
    )
    old_source = models.TextField(_("previous source text"))
    old_translation = models.TextField(_("previous translation"), blank=True)
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("changed segment")
        verbose_name_plural = _("changed segments")
        constraints = [
            models.UniqueConstraint(
                fields=["outdated", "context", "string"], name="editorial_outdated_segment"
            )
        ]

    def __str__(self):
        return f"{self.context} changed at {self.changed_at:%Y-%m-%d %H:%M}"


class TranslationAssignment(models.Model):
    """The due date an editor set for a page's translation into one language (issue 21
    point 4), shown in the translator's queue and the status report. Keyed by the page's
    translation key, so that it exists before the translated page does ("missing")."""

    translation_key = models.UUIDField(_("translation key"), db_index=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("language"),
    )
    due_date = models.DateField(_("due date"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("set by"),
    )
    set_at = models.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        verbose_name = _("translation due date")
        verbose_name_plural = _("translation due dates")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"], name="editorial_one_due_date_per_language"
            )
        ]

    def __str__(self):
        return f"{self.translation_key} → {self.locale_id} due {self.due_date:%Y-%m-%d}"


class SegmentComment(models.Model):
    """A Moderator's comment on one segment of a translation (issue 21, point 6).

    The segment is named by its context (the object and content path) and its source
    string, not by a `StringSegment` row: a sync of the source replaces the segments whose
    text changed, so the current segment is looked up each time the editor opens
    (`editorial.comment_views`), and a comment whose text is gone is shown as such.

    A comment stays open until a translator of the target language or a Moderator marks it
    resolved; saving a new translation of the segment does not resolve it (the translator
    says when the point is answered). Creating and resolving are written to the target
    page's history.
    """

    translation = models.ForeignKey(
        "wagtail_localize.Translation",
        on_delete=models.CASCADE,
        related_name="editorial_segment_comments",
        verbose_name=_("translation"),
    )
    context = models.ForeignKey(
        "wagtail_localize.TranslationContext",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("segment context"),
    )
    string = models.ForeignKey(
        "wagtail_localize.String",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("source text"),
    )
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("segment comment")
        verbose_name_plural = _("segment comments")

    def __str__(self):
        return f"Comment {self.pk} on translation {self.translation_id}"

    @property
    def is_resolved(self):
        return self.resolved_at is not None


class MemoryEntry(models.Model):
    """One approved segment pair of the translation memory, in one direction.

    Every pair is stored twice, Kazakh→Russian and Russian→Kazakh (see `editorial.memory`);
    `page` is the page whose text `target_text` is, `date` when that text was approved."""

    source_language = models.CharField(_("source language"), max_length=16)
    target_language = models.CharField(_("target language"), max_length=16)
    source_text = models.TextField(_("source text"))
    target_text = models.TextField(_("target text"))
    # sha1 of the direction and the normalised source text: exact matches, by index.
    source_key = models.CharField(max_length=40, db_index=True)
    # sha1 of the direction and both normalised texts: one row per pair and page.
    pair_key = models.CharField(max_length=40)
    # The source text's words, lower case, space-separated (`editorial.memory.words`).
    source_words = models.TextField(default="")
    word_count = models.PositiveIntegerField(default=0)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page"),
    )
    date = models.DateTimeField(_("approved at"))

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory entries")
        constraints = [
            models.UniqueConstraint(fields=["pair_key", "page"], name="editorial_memory_pair_page")
        ]

    def __str__(self):
        return f"{self.source_language}>{self.target_language}: {self.source_text[:40]}"


class MemoryWord(models.Model):
    """The inverted index of the memory: one row per distinct word of an entry's source
    text (`word` is a 32-bit hash of the word), with the entry's direction and length, so
    that close matches are looked for among a few candidates only."""

    entry = models.ForeignKey(MemoryEntry, on_delete=models.CASCADE, related_name="words")
    direction = models.CharField(max_length=33)
    word = models.IntegerField()
    length = models.PositiveIntegerField()

    class Meta:
        indexes = [
            # Covering: the candidates are counted from the index alone.
            models.Index(
                fields=["direction", "word", "length", "entry"], name="editorial_memory_word"
            )
        ]

    def __str__(self):
        return f"{self.direction} {self.word} ({self.length})"
