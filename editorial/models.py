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
