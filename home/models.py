from django.conf import settings
from django.db import models
from django.db.models import F, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Page
from wagtail.search import index

from appeals.models import AppealPage
from core import structured_data
from core.caching.fragments import card_key_only
from core.models import BasePage
from core.site.addresses import public_url
from core.site.i18n import home_sections
from core.site.visibility import public_pages
from news.models import NewsIndexPage, NewsPage, news_cards, rendered_news_cards

from .election import election_at_a_glance

LATEST_NEWS = 6


class HomePage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    featured_appeal = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("featured appeal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown first on the home page. Empty: the latest appeal."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        PageChooserPanel("featured_appeal", page_type="appeals.AppealPage"),
    ]

    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    listed_by_search = False

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

    def description_text(self):
        return self.intro or str(self.structural_strings()["intro"])

    def structured_data(self, request):
        """The Federation (Organization) and this language's site (WebSite), with how to
        search it."""
        home_url = self.canonical_url(request)
        search_url = public_url(reverse("search"))
        return [
            structured_data.organization(home_url),
            structured_data.website(home_url, search_url),
        ]

    def get_featured_appeal(self):
        """The editors' choice in this home's language, else the latest appeal.

        The choice is synchronised across translations, so it names the source language's
        page; its translation here is found by translation key, in the same query.
        """
        appeals = public_pages(AppealPage.objects.descendant_of(self))
        if self.featured_appeal_id:
            chosen_key = Page.objects.filter(pk=self.featured_appeal_id).values("translation_key")
            chosen = appeals.filter(translation_key=Subquery(chosen_key)).first()
            if chosen is not None:
                return chosen
        return appeals.order_by(
            F("date_adopted").desc(nulls_last=True), "-first_published_at"
        ).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = home_sections(request, self)
        context["sections"] = sections
        context["news_index"] = next(
            (section for section in sections if section.specific_class is NewsIndexPage), None
        )
        context["featured_appeal"] = self.get_featured_appeal()
        latest = card_key_only(news_cards(NewsPage.objects.descendant_of(self)))[:LATEST_NEWS]
        context["latest_news"] = rendered_news_cards(request, latest)
        context["election"] = election_at_a_glance(self, sections)
        return context
