from django.conf import settings
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
