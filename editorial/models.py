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
