from django.db import models
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
