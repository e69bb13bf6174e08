from urllib.parse import urlencode

from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import TranslationSource

from core import structured_data
from core.blocks import RichStreamBlock
from core.caching.fragments import card_key_only
from core.caching.page_cache import declare_query
from core.localized import LocalizedNamesMixin, sort_key
from core.models import BasePage, SectionIndexPage, day_as_moment
from core.share_images import share_image
from core.site.visibility import public_pages

# Renditions the listing card asks for; prefetched so a page of cards costs one query.
CARD_RENDITIONS = [
    f"fill-{size}|format-{fmt}"
    for size in ("400x225", "800x450")
    for fmt in ("avif", "webp", "jpeg")
]


def news_cards(queryset):
    """Live news newest first, with the category and image a card shows joined in."""
    return (
        public_pages(queryset)
        .select_related("category", "main_image")
        .order_by("-date", "-first_published_at", "-pk")
    )


def prepare_news_cards(items):
    """The card renditions of the images of the news about to be rendered, in one query
    (Wagtail looks for an image's renditions in `prefetched_renditions` first)."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_RENDITIONS)
    )
    prefetch_related_objects(
        items,
        Prefetch("main_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )


def rendered_news_cards(request, items, **extra):
    """Cards for `items`, news fetched with `core.caching.fragments.card_key_only`."""
    from core.caching.fragments import render_cards

    def load(pks):
        return NewsPage.objects.filter(pk__in=pks).select_related("category", "main_image")

    return render_cards(
        request, "news/includes/news_card.html", items, "item", prepare_news_cards, load, **extra
    )


class NewsCategory(LocalizedNamesMixin):
    """Reference data entered once, named in every content language (see `core/localized.py`):
    a news item and its translations point at the same row, each shows the name in its language."""

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Latin letters; used in addresses.")
    )

    panels = [FieldPanel("names"), FieldPanel("slug")]

    class Meta:
        # A stable order for the database; readers get them alphabetically (`in_display_order`).
        ordering = ["slug"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    @staticmethod
    def in_display_order(categories):
        """Alphabetically in the active language."""
        return sorted(categories, key=lambda category: sort_key(category.name))


register_snippet(NewsCategory)


class NewsIndexPage(RoutablePageMixin, SectionIndexPage):
    subpage_types = ["news.NewsPage"]

    structural_title = _("News")
    default_description = _(
        "News of the Federation of Trade Unions of the Republic of Kazakhstan and its member "
        "unions: elections, labour rights, union life."
    )
    # What else lists the news: purged with the index (core/caching/invalidation.py).
    listing_subpaths = ["feed/", "feed/atom/"]

    class Meta:
        verbose_name = _("news index")

    def news(self):
        """Live news of this index, newest first, with what a card shows."""
        return news_cards(NewsPage.objects.child_of(self))

    def route(self, request, path_components):
        if self.live and path_components and not self._is_feed_route(path_components):
            items = NewsPage.objects.select_related("category", "main_image")
            routed = self.route_to_child(request, path_components, items)
            if routed is not None:
                return routed
        return super().route(request, path_components)

    def _is_feed_route(self, path_components):
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    @property
    def rss_url(self):
        return self.url + self.reverse_subpage("rss_feed")

    @property
    def atom_url(self):
        return self.url + self.reverse_subpage("atom_feed")

    @path("")
    def index_view(self, request):
        news = self.news()
        categories = NewsCategory.in_display_order(NewsCategory.objects.all())
        filters = {}
        category = None
        if slug := request.GET.get("category"):
            category = next((c for c in categories if c.slug == slug), None)
            if category is None:
                raise Http404
            news = news.filter(category=category)
            filters["category"] = category.slug
        tag = None
        if slug := request.GET.get("tag"):
            tag = get_object_or_404(Tag, slug=slug)
            news = news.filter(tags=tag)
            filters["tag"] = tag.slug
        news = self.paginate(request, card_key_only(news))
        # Stored by the page cache only with the query this reads, as read
        # (core/caching/page_cache.py).
        declare_query(request, category=filters.get("category", ""), tag=filters.get("tag", ""))
        declare_query(request, page=news.number)
        return self.render(
            request,
            context_overrides={
                "news": news,
                "news_cards": rendered_news_cards(request, news.object_list, heading="h2"),
                "categories": categories,
                "current_category": category,
                "current_tag": tag,
                "query_prefix": urlencode(filters) + "&" if filters else "",
            },
        )

    @path("feed/", name="rss_feed")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(BasePage):
    date = models.DateField(
        pgettext_lazy("news item", "date"), default=timezone.localdate, db_index=True
    )
    lead = models.TextField(_("lead"), help_text=_("One or two sentences shown in lists."))
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    image_caption = models.CharField(_("caption"), max_length=255, blank=True)
    image_credit = models.CharField(_("credit"), max_length=255, blank=True)
    body = StreamField(RichStreamBlock(), verbose_name=_("body"))
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    # Words are translated; facts (date, image, category) are the same in every language.
    # Tags and related pages are synchronised child relations (wagtail-localize's default):
    # tags are words of the source language, so only the source-language page shows them
    # (`shown_tags`); wagtail-localize cannot translate a tag.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("lead"),
        TranslatableField("image_alt"),
        TranslatableField("image_caption"),
        TranslatableField("image_credit"),
        TranslatableField("body"),
        SynchronizedField("date", overridable=False),
        SynchronizedField("main_image", overridable=False),
        SynchronizedField("category", overridable=False),
    ]

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("main_image"),
                FieldPanel("image_alt"),
                FieldRowPanel([FieldPanel("image_caption"), FieldPanel("image_credit")]),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("related_pages", heading=_("Related appeals and candidates"), label=_("page")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead", boost=1.5),
        index.SearchField("body"),
        index.SearchField("image_caption"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    og_type = "article"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = self.get_parent()
        context["index_url"] = index.get_url(request)
        # Called by the template only where it renders them: inside fragments kept with the
        # page's cached head and links (core/caching/fragments.py), nothing is asked on a hit.
        context["tags"] = self.shown_tags
        context["related_pages"] = self.related_pages_localized
        return context

    def description_text(self):
        return self.lead

    def listing_date(self):
        return self.date

    def shown_tags(self):
        """The tags, on the page in the language they were written in; none on translations."""
        if "_shown_tags" not in self.__dict__:
            self._shown_tags = self._find_shown_tags()
        return self._shown_tags

    def _find_shown_tags(self):
        source_locale = (
            TranslationSource.objects.filter(object_id=self.translation_key)
            .values_list("locale_id", flat=True)
            .first()
        )
        if source_locale is not None and source_locale != self.locale_id:
            return []
        return list(self.tags.all())

    def get_social_image(self):
        return self.main_image

    def get_social_image_alt(self):
        return self.image_alt

    @property
    def published_at(self):
        """The news date as a moment: the first publication if it fell that day, else noon."""
        return day_as_moment(self.date, self.first_published_at)

    def related_pages_localized(self):
        """[(page, kind)]: the related pages in this page's language, in the editors' order."""
        if "_related_pages_localized" not in self.__dict__:
            self._related_pages_localized = self._find_related_pages()
        return self._related_pages_localized

    def _find_related_pages(self):
        """See `related_pages_localized`.

        The links are synchronised across translations, so they point at the source
        language's pages; their translations are looked up by translation key.
        """
        rows = self.related_pages.all()
        if isinstance(rows, models.QuerySet):
            # One query for the lot.
            position = rows.filter(target__translation_key=OuterRef("translation_key"))
            pages = (
                public_pages(Page.objects)
                .filter(
                    locale_id=self.locale_id,
                    translation_key__in=rows.values("target__translation_key"),
                )
                .annotate(position=Subquery(position.values("sort_order")[:1]))
                .order_by("position")
            )
        else:
            # A preview: the rows are unsaved, in memory.
            keys = [row.target.translation_key for row in rows]
            found = {
                page.translation_key: page
                for page in public_pages(Page.objects).filter(
                    locale_id=self.locale_id, translation_key__in=keys
                )
            }
            pages = [found[key] for key in keys if key in found]
        return [(page, page.specific_class.get_verbose_name()) for page in pages]

    def structured_data(self, request):
        """A NewsArticle by the Federation, after the breadcrumbs."""
        image = share_image(self, request)
        article = structured_data.article(self, request, "NewsArticle", image.url)
        if self.category:
            article["articleSection"] = self.category.name
        keywords = [tag.name for tag in self.shown_tags()]
        if keywords:
            article["keywords"] = keywords
        return super().structured_data(request) + [article]


class NewsPageRelatedPage(Orderable):
    """An appeal or a candidate the news item is about."""

    news_page = ParentalKey(NewsPage, related_name="related_pages", on_delete=models.CASCADE)
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        PageChooserPanel("target", page_type=["appeals.AppealPage", "candidates.CandidatePage"])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
