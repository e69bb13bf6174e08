from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.caching.page_cache import declare_query
from core.models import BasePage, SectionIndexPage
from core.site.visibility import public_pages


class AppealIndexPage(SectionIndexPage):
    subpage_types = ["appeals.AppealPage"]

    structural_title = _("Appeals")

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
        SynchronizedField("number"),
        SynchronizedField("date_adopted"),
        SynchronizedField("pdf"),
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

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        # The admin's "Import appeal" (appeals/admin_views.py): Editors and Moderators.
        permissions = [("import_appeal", _("Can import appeals from files"))]

    def listing_date(self):
        return self.date_adopted or super().listing_date()

    def get_meta_description(self):
        if self.search_description:
            return self.search_description
        for block in self.body:
            if block.block_type == "paragraph":
                text = block.value.source
                return strip_tags(text)[:200]
        return ""
