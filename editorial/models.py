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
