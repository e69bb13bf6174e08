from dataclasses import dataclass, fields

from django.conf import settings
from django.db import models
from django.db.models import F, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from appeals.models import AppealIndexPage, AppealPage
from core import structured_data
from core.blocks import BaseStreamBlock
from core.caching.fragments import card_key_only, kept_for_path
from core.descriptions import plain_text
from core.models import BasePage
from core.site.addresses import public_url
from core.site.i18n import home_sections
from core.site.visibility import public_pages
from news.models import NewsIndexPage, NewsPage, news_cards, rendered_news_cards

from .election import election_at_a_glance

LATEST_NEWS = 6


@dataclass
class CurrentAppeal:
    """What the home page shows of its current appeal (kept between renders: plain values)."""

    title: str
    url: str
    number: str
    date: object
    excerpt: str

    @classmethod
    def of(cls, appeal, request):
        return cls(
            title=appeal.title,
            url=appeal.get_url(request),
            number=appeal.number,
            date=appeal.listing_date(),
            excerpt=appeal.excerpt(),
        )


CURRENT_APPEAL_SHAPE = "-".join(field.name for field in fields(CurrentAppeal))


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

    def current_appeal(self, request, sections):
        """The featured appeal as the home page shows it, or None. Kept until the appeal
        index is purged (an appeal published, unpublished, moved or restricted there) or the
        epoch changes (this home published, with its editors' choice)."""
        index = next(
            (section for section in sections if section.specific_class is AppealIndexPage), None
        )
        parts = index.get_url_parts(request) if index is not None else None

        def find():
            appeal = self.get_featured_appeal()
            return CurrentAppeal.of(appeal, request) if appeal is not None else None

        return kept_for_path(
            parts[2] if parts else None,
            f"current-appeal:{CURRENT_APPEAL_SHAPE}:{self.locale_id}",
            find,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = home_sections(request, self)
        context["sections"] = sections
        context["news_index"] = next(
            (section for section in sections if section.specific_class is NewsIndexPage), None
        )
        context["featured_appeal"] = self.current_appeal(request, sections)
        latest = card_key_only(news_cards(NewsPage.objects.descendant_of(self)))[:LATEST_NEWS]
        context["latest_news"] = rendered_news_cards(request, latest)
        context["election"] = election_at_a_glance(self, sections)
        return context


class ContentPage(BasePage):
    """A page of prose under a home page: about the Federation, its history, contacts."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def description_text(self):
        if self.intro:
            return self.intro
        for block in self.body:
            if block.block_type == "paragraph":
                return plain_text(block.value.source)
        return ""


# The footer's setting is a model of this app (its migrations live here).
from home.footer import FooterSettings  # noqa: E402, F401
