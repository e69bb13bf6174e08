from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from appeals.models import AppealPage
from core.models import BasePage


class HomePage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    # One real home per content language.
    max_count = len(settings.WAGTAIL_CONTENT_LANGUAGES)

    structural_title = _("Home")

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def structural_strings(cls):
        return {
            "title": cls.structural_title,
            "intro": _(
                "The Federation of Trade Unions of the Republic of Kazakhstan publishes its "
                "appeals, news and the union-backed candidates in elections."
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = self.get_children().live().specific().order_by("path")
        context["sections"] = sections
        context["latest_appeals"] = (
            AppealPage.objects.live()
            .descendant_of(self)
            .order_by("-date_adopted", "-first_published_at")[:3]
        )
        return context
