"""Page mixins shared by the content apps."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from core import structured_data
from core.descriptions import summary
from core.forms import BasePageForm
from core.search.snippets import result_text
from core.search.stems import body_stems, title_stems
from core.site.addresses import public_url
from core.site.page_urls import url_parts
from core.site.tree import HOME_DEPTH
from core.site.visibility import restrictions_covering
from core.slugs import ascii_slug, available_slug
from core.widgets import TitleInput


class PermissionTester(PagePermissionTester):
    """Wagtail offers "Copy" to anyone who may edit a page, and its copy view then refuses
    those who may not add pages (translators): offer it only to those who may add."""

    def can_copy(self):
        return super().can_copy() and (self.user.is_superuser or "add" in self.permissions)


class TitleStems(index.SearchField):
    """A page's title words reduced to their stems in its language, indexed as part of the
    title (a second search field named "title"): a title that says the reader's word in
    another form still ranks as a title match."""

    def __init__(self, **kwargs):
        super().__init__("title", **kwargs)

    def get_value(self, obj):
        return title_stems(obj)


class BasePage(Page):
    """Every public page type derives from this: one place for shared page behaviour."""

    # Structural pages (homes, section indexes) are created by `setup_site` from these
    # gettext strings, one translation per content language.
    structural_title = None

    class Meta:
        abstract = True

    @classmethod
    def structural_strings(cls):
        return {"title": cls.structural_title}

    # Open Graph type; article pages override it.
    og_type = "website"

    # Whether the public search lists the page as a hit (core/search/public.py): not the
    # homes and section indexes, which list the pages that are.
    listed_by_search = True

    content_panels = [TitleFieldPanel("title", widget=TitleInput)]

    # A page's words reduced to their stems in its language (Kazakh or Russian:
    # core/search/stems.py), indexed beside the words themselves: the title's stems in the
    # title, the rest in the body.
    search_fields = Page.search_fields + [
        TitleStems(boost=2),
        index.SearchField("body_stems"),
    ]

    base_form_class = BasePageForm

    def body_stems(self):
        return body_stems(self)

    def search_text(self):
        """The page's words beyond its title, as a search result quotes them
        (core/search/snippets.py)."""
        return result_text(self)

    def listing_date(self):
        """The date a reader knows the page by, shown beside it in search results: page
        types with a date of their own say it (an appeal's adoption, a news item's date),
        others the day the page was first published."""
        if self.first_published_at is None:
            return None
        return timezone.localdate(self.first_published_at)

    @classmethod
    def prepare_listing(cls, pages):
        """Fetch in bulk what `listing_date` reads, for `pages` of this type about to be
        listed."""

    def get_meta_description(self):
        """What search engines and shared links show under the title: the editors' search
        description, else one made from the page's own words (`description_text`), else its
        title; plain text, cut between words with "…" when longer than a search engine
        shows."""
        return summary(self.search_description or self.description_text() or self.title)

    def description_text(self):
        """The page's own words (plain text) a description is made from when editors wrote none."""
        return ""

    def get_social_image(self):
        """The image shown when the page is shared (Open Graph / Twitter), or None: then the
        site's own share image is shown."""
        return None

    def get_social_image_alt(self):
        """What the share image shows, for readers who cannot see it."""
        return ""

    @property
    def published_at(self):
        """When the page was first published; article types say when their content was."""
        return self.first_published_at

    @property
    def modified_at(self):
        """When readers last got a new version: the latest publication (never before
        `published_at`, which for articles is the date their content carries)."""
        moments = [moment for moment in (self.last_published_at, self.published_at) if moment]
        return max(moments) if moments else None

    def get_url_parts(self, request=None):
        """Wagtail's, with the prefix of this site root and language worked out once per
        request (core/site/page_urls.py): a page names a dozen others."""
        return url_parts(self, request, lambda: super(BasePage, self).get_url_parts(request))

    def canonical_url(self, request=None):
        """The page's absolute URL at the site's public address (core/site/addresses.py)."""
        return public_url(self.get_url(request))

    def breadcrumbs(self, request=None):
        """[(title, url)] of the pages above this one, from its language's home page down to
        its parent: what the breadcrumb trail shows and BreadcrumbList says. Routing has
        already loaded those parents (`_cached_parent_obj`): no query when serving."""
        trail = []
        page = self
        while page.depth > HOME_DEPTH:
            page = page.get_parent()
            trail.insert(0, (page.title, page.get_url(request)))
        return trail

    def structured_data(self, request):
        """schema.org items for the page's JSON-LD: a BreadcrumbList on every page below a
        home page; page types add what they are (core/structured_data.py)."""
        trail = self.breadcrumbs(request)
        if not trail:
            return []
        items = [(title, public_url(url)) for title, url in trail]
        items.append((self.title, self.canonical_url(request)))
        return [structured_data.breadcrumb_list(items)]

    def permissions_for_user(self, user):
        return PermissionTester(user, self)

    def full_clean(self, *args, **kwargs):
        self._set_latin_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # What Wagtail runs instead of full_clean when a draft is saved.
        self._set_latin_slug()
        super().minimal_clean()

    def _set_latin_slug(self):
        """Slugs in Latin letters in every language: a Cyrillic slug (typed, or translated in
        wagtail-localize) is transliterated, a missing one is made from the title
        (`qazaqstan-...`, never a percent-encoded address), and either gets `-2`, `-3`... when a
        sibling has it, so an import or a translation never fails on it. Done once the
        parent is known, as Wagtail does for the slugs it makes (`_set_core_field_defaults`,
        which this runs before); a slug already in Latin letters is left to Wagtail's check."""
        if self.slug and self.slug.isascii():
            return
        if not (self.slug or self.title):
            return
        if not (self.path or getattr(self, "_cached_parent_obj", None)):
            return
        self.slug = available_slug(self.get_parent(), ascii_slug(self.slug or self.title), self)

    def get_view_restrictions(self):
        """Wagtail's check before serving, decided from the database by page id in one query
        (none on a site without restrictions): core/site/visibility.py. While a request is served,
        the answer its first check found (core/wagtail_hooks.py) is reused."""
        known = getattr(self, "_view_restrictions_this_request", None)
        if known is not None:
            return known
        if self.alias_of_id:
            return super().get_view_restrictions()
        return restrictions_covering(self)


def day_as_moment(day, first_published_at=None):
    """A date as a moment: the first publication if it fell that day, else noon of that day
    in the site's time zone (a news item's date, an appeal's date of adoption)."""
    if first_published_at and timezone.localtime(first_published_at).date() == day:
        return first_published_at
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class SectionIndexMixin:
    """Index pages list their live children in the current language."""

    paginate_by = 12

    def paginate(self, request, queryset):
        from core.paging import ListingPaginator

        paginator = ListingPaginator(queryset, self.paginate_by)
        return paginator.get_page(request.GET.get("page"))

    def route_to_child(self, request, path_components, queryset):
        """Route to a child page fetched by `queryset` in one query, with the rows its page
        shows joined in (Wagtail's routing takes the page, then the specific page, then one
        query per related row). None when the path is not one child of this index."""
        if len(path_components) != 1:
            return None
        from core.caching.fragments import kept_for_request

        # Kept like the page's cached response (under its path's generation, which every
        # change to the page or what it joins in renews), for anonymous readers only.
        child = kept_for_request(
            request,
            "routed-child",
            lambda: queryset.child_of(self).filter(slug=path_components[0]).first(),
        )
        if child is None:
            return None
        child._cached_parent_obj = self
        return child.route(request, [])


class SectionIndexPage(SectionIndexMixin, BasePage):
    """A section's index under each language's home page (appeals, candidates, news)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    listed_by_search = False

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    # The description of a section whose editors wrote neither an introduction nor a search
    # description (gettext, so it reads in the page's language).
    default_description = ""

    def description_text(self):
        return self.intro or str(self.default_description)

    class Meta:
        abstract = True
