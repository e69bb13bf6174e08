from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import structured_data
from core.blocks import BaseStreamBlock
from core.caching.page_cache import declare_query
from core.descriptions import plain_text, summary
from core.models import BasePage, SectionIndexPage, day_as_moment
from core.share_images import share_image
from core.site.visibility import public_pages


class AppealIndexPage(SectionIndexPage):
    subpage_types = ["appeals.AppealPage"]

    structural_title = _("Appeals")
    default_description = _(
        "Appeals of the Federation of Trade Unions of the Republic of Kazakhstan: public "
        "statements adopted by its councils, newest first."
    )

    class Meta:
        verbose_name = _("appeal index")

    def appeals(self):
        return public_pages(AppealPage.objects.child_of(self)).order_by(
            models.F("date_adopted").desc(nulls_last=True), "-first_published_at"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["appeals"] = appeals = self.paginate(request, self.appeals())
        # Stored by the page cache only with the query this reads (core/caching/page_cache.py).
        declare_query(request, page=appeals.number)
        return context

    def route(self, request, path_components):
        appeals = AppealPage.objects.select_related("pdf")
        return self.route_to_child(request, path_components, appeals) or super().route(
            request, path_components
        )


class AppealPage(BasePage):
    """A public statement adopted by one of the Federation's councils."""

    subtitle = models.TextField(
        _("subtitle"), blank=True, help_text=_("Addressee or occasion, under the title.")
    )
    number = models.CharField(_("number"), max_length=32, blank=True, db_index=True)
    date_adopted = models.DateField(_("date adopted"), null=True, blank=True)
    adopting_body = models.CharField(
        _("adopting body"), max_length=255, blank=True, help_text=_("For example: General Council")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    closing_call = models.TextField(_("closing call"), blank=True)
    adoption_line = models.TextField(
        _("adoption line"), blank=True, help_text=_("Adopted by decision of the General Council")
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Facts are the same in every language; words are translated segment by segment.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("subtitle"),
        TranslatableField("adopting_body"),
        TranslatableField("body"),
        TranslatableField("closing_call"),
        TranslatableField("adoption_line"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("date_adopted", overridable=False),
        SynchronizedField("pdf", overridable=False),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("date_adopted")]),
        FieldPanel("adopting_body"),
        FieldPanel("body"),
        FieldPanel("closing_call"),
        MultiFieldPanel([FieldPanel("adoption_line"), FieldPanel("pdf")], heading=_("Adoption")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.SearchField("closing_call"),
        index.FilterField("number"),
        index.FilterField("date_adopted"),
    ]

    parent_page_types = ["appeals.AppealIndexPage"]
    subpage_types = []

    og_type = "article"

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        # The admin's "Import appeal" (appeals/admin_views.py): Editors and Moderators.
        permissions = [("import_appeal", _("Can import appeals from files"))]

    def listing_date(self):
        return self.date_adopted or super().listing_date()

    @property
    def kind(self):
        """What the appeal is, as listings name it: an appeal, and of which council."""
        if self.adopting_body:
            return f"{self.get_verbose_name()} · {self.adopting_body}"
        return self.get_verbose_name()

    def excerpt(self):
        """What tells this appeal apart in a listing (the titles often open alike): its meta
        description, the editors' or its first paragraph, cut between words with "…"."""
        return summary(self.search_description or self.description_text())

    def description_text(self):
        """The appeal's first paragraph."""
        for block in self.body:
            if block.block_type == "paragraph":
                return plain_text(block.value.source)
        return self.subtitle

    @property
    def published_at(self):
        """An appeal is issued on the day it is adopted."""
        if self.date_adopted:
            return day_as_moment(self.date_adopted, self.first_published_at)
        return self.first_published_at

    def structured_data(self, request):
        image = share_image(self, request)
        return super().structured_data(request) + [
            structured_data.article(self, request, "Article", image.url)
        ]
