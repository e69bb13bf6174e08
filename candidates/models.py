"""Union-backed candidates in elections to the Mazhilis and the maslikhats.

Reference data (elections, bodies, regions, parties, member unions) is plain models named in
every language (see `core/localized.py`): a candidacy points at the same rows from the Kazakh and
the Russian page, and each page shows the names in its own language.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.caching.page_cache import declare_query
from core.localized import LocalizedNamesMixin, sort_key
from core.models import BasePage, SectionIndexPage
from core.site.page_urls import page_url
from core.site.visibility import public_pages

from .cards import as_rows, initials, seat
from .exports import EXPORTS
from .filters import CandidateFilter, for_listing, rendered_cards
from .forms import CandidatePageForm
from .map import candidate_map
from .profile import profile_context, profile_page_jsonld

# --- Reference data -------------------------------------------------------------------------

CODE_HELP = _("Stable identifier used in links and exports; do not change it once published.")


class Election(LocalizedNamesMixin):
    code = models.SlugField(_("code"), max_length=64, unique=True, help_text=CODE_HELP)
    date = models.DateField(_("election day"))

    panels = [FieldPanel("names"), FieldRowPanel([FieldPanel("date"), FieldPanel("code")])]

    class Meta:
        ordering = ["-date", "code"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")


class ElectoralBody(LocalizedNamesMixin):
    """The four kinds of elected body; rows come from a data migration."""

    class Code(models.TextChoices):
        MAZHILIS = "mazhilis", _("Mazhilis")
        OBLAST_MASLIKHAT = "oblast-maslikhat", _("Oblast maslikhat")
        CITY_MASLIKHAT = "city-maslikhat", _("Maslikhat of a city of republican significance")
        DISTRICT_MASLIKHAT = "district-maslikhat", _("District or city maslikhat")

    code = models.SlugField(_("code"), max_length=32, unique=True, choices=Code.choices)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("names"), FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")])]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("electoral body")
        verbose_name_plural = _("electoral bodies")

    @property
    def has_party_lists(self):
        # District and city maslikhats are elected only in single-member districts.
        return self.code != self.Code.DISTRICT_MASLIKHAT


class Region(LocalizedNamesMixin):
    """The 17 oblasts and the 3 cities of republican significance (data migration)."""

    class Kind(models.TextChoices):
        CITY = "city", _("City of republican significance")
        OBLAST = "oblast", _("Oblast")

    code = models.SlugField(
        _("code"), max_length=16, unique=True, help_text=_("ISO 3166-2 code, for example KZ-75.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    panels = [FieldPanel("names"), FieldRowPanel([FieldPanel("code"), FieldPanel("kind")])]

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    @staticmethod
    def in_display_order(regions):
        """Cities of republican significance first, then the oblasts, each alphabetically."""
        return sorted(regions, key=lambda region: (region.kind, sort_key(region.name)))


class Party(LocalizedNamesMixin):
    code = models.SlugField(_("code"), max_length=64, unique=True, help_text=CODE_HELP)

    panels = [FieldPanel("names"), FieldPanel("code")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")


class MemberUnion(LocalizedNamesMixin):
    """A trade union that is a member organisation of the Federation."""

    code = models.SlugField(_("code"), max_length=64, unique=True, help_text=CODE_HELP)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("names"), FieldRowPanel([FieldPanel("code"), FieldPanel("website")])]

    class Meta:
        ordering = ["code"]
        verbose_name = _("member trade union")
        verbose_name_plural = _("member trade unions")


# --- The directory --------------------------------------------------------------------------


class CandidateIndexPage(RoutablePageMixin, SectionIndexPage):
    """The candidate directory: filters, pagination and CSV/JSON export of the filtered list.

    The exports are routes of this page (`export`, at `<directory URL>export.csv|json`, public
    URLs without the slash: candidates/urls.py); candidates/exports.py builds their responses.
    """

    subpage_types = ["candidates.CandidatePage"]

    structural_title = _("Candidates")
    default_description = _(
        "Candidates backed by the trade unions in elections to the Mazhilis and the "
        "maslikhats: find them by region, body, union, nomination and status."
    )
    paginate_by = 24
    # The exports list the same people: purged with the directory (core/caching/invalidation.py).
    listing_subpaths = ["export.csv", "export.json"]

    class Meta:
        verbose_name = _("candidate directory")

    def candidates(self):
        return public_pages(CandidatePage.objects.child_of(self)).order_by("title", "pk")

    def filter_candidates(self, request):
        filterset = CandidateFilter(request.GET or None, queryset=self.candidates())
        # Stored by the page cache (the directory and its exports) only with the filters as
        # the form cleaned them, and no other parameter but the page (core/caching/page_cache.py).
        values = filterset.cleaned_values()
        declare_query(request, **{name: values.get(name, "") for name in filterset.filters})
        return filterset

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filterset = self.filter_candidates(request)
        query = filterset.query_string()
        candidates = self.paginate(request, for_listing(filterset.qs))
        candidates.object_list = as_rows(candidates.object_list)
        declare_query(request, page=candidates.number)
        url = page_url(self, request)
        context.update(
            filter=filterset,
            candidates=candidates,
            candidate_cards=rendered_cards(request, candidates.object_list, self, filterset),
            query_prefix=f"{query}&" if query else "",
            export_csv_url=url + "export.csv" + _query(query),
            export_json_url=url + "export.json" + _query(query),
            candidate_map=candidate_map(
                self, request, regions=filterset.regions, candidates=filterset.queryset
            ),
        )
        return context

    def route(self, request, path_components):
        # This page's own routes (the exports) first, then a candidate's profile in one query.
        if self.live and path_components and not self._is_own_route(path_components):
            profiles = CandidatePage.objects.select_related("union", "photo")
            routed = self.route_to_child(request, path_components, profiles)
            if routed is not None:
                return routed
        return super().route(request, path_components)

    def _is_own_route(self, path_components):
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    @re_path(r"^export\.(?P<file_format>csv|json)/$", name="export")
    def export(self, request, file_format):
        """The filtered list as CSV or JSON (candidates/exports.py)."""
        return EXPORTS[file_format](self, request, self.filter_candidates(request))


def _query(query):
    return f"?{query}" if query else ""


# --- A candidate ----------------------------------------------------------------------------


class CandidatePage(BasePage):
    """One person. The page title is the name as spelled in the page's language."""

    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_credit = models.CharField(_("photo credit"), max_length=255, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    occupation = models.CharField(_("occupation"), max_length=255, blank=True)
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    union = models.ForeignKey(
        MemberUnion,
        verbose_name=_("backing trade union"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidates",
    )
    biography = RichTextField(
        _("biography"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    priorities = StreamField(
        [("priority", blocks.CharBlock(label=_("Priority"), max_length=400))],
        verbose_name=_("priorities"),
        blank=True,
    )
    email = models.EmailField(_("public email"), blank=True)
    phone = models.CharField(_("public phone"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)

    # Words are translated segment by segment; facts are copied to every language and are
    # not offered to translators for overriding. The candidacies (an inline model that is not
    # TranslatableMixin) are copied whole on every translation and sync, foreign keys included.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("photo_credit"),
        TranslatableField("occupation"),
        TranslatableField("workplace"),
        TranslatableField("biography"),
        TranslatableField("priorities"),
        SynchronizedField("photo", overridable=False),
        SynchronizedField("birth_year", overridable=False),
        SynchronizedField("union", overridable=False),
        SynchronizedField("email", overridable=False),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("website", overridable=False),
        SynchronizedField("candidacies", overridable=False),
    ]

    content_panels = [
        TitleFieldPanel(
            "title",
            heading=_("Full name"),
            help_text=_("As spelled in this page's language."),
            placeholder=False,
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_credit")]),
                FieldRowPanel([FieldPanel("birth_year"), FieldPanel("union", widget=forms.Select)]),
                FieldRowPanel([FieldPanel("occupation"), FieldPanel("workplace")]),
            ],
            heading=_("Person"),
        ),
        FieldPanel("biography"),
        FieldPanel("priorities"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")])],
            heading=_("Public contacts"),
        ),
        InlinePanel("candidacies", heading=_("Candidacies"), label=_("Candidacy"), min_num=1),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("occupation"),
        index.SearchField("workplace"),
        index.SearchField("biography"),
    ]

    base_form_class = CandidatePageForm

    parent_page_types = ["candidates.CandidateIndexPage"]
    subpage_types = []

    og_type = "profile"

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def get_social_image(self):
        return self.photo

    @property
    def initials(self):
        """Up to two capital letters for the place of a missing photo (as on its card)."""
        return initials(self.title)

    def listing_date(self):
        """The day of the latest election the person ran in."""
        days = [candidacy.election.date for candidacy in self.candidacies.all()]
        return max(days) if days else super().listing_date()

    @classmethod
    def prepare_listing(cls, pages):
        prefetch_related_objects(
            pages,
            Prefetch("candidacies", queryset=Candidacy.objects.select_related("election")),
        )

    def get_social_image_alt(self):
        return gettext("Photo: %(name)s") % {"name": self.title}

    def candidacy_rows(self):
        """The candidacies with what the profile shows of them, read once per page object
        (the description, the table and the JSON-LD all ask)."""
        if "_candidacy_rows" not in self.__dict__:
            self._candidacy_rows = list(
                self.candidacies.select_related("election", "body", "region", "party")
            )
        return self._candidacy_rows

    def description_text(self):
        """Who, where they stand and what they do: the name, the first candidacy's body,
        region and district (or list position), the occupation and workplace. Every
        profile's own, where the biographies may start alike."""
        sentences = [self.title.rstrip(".") + "."]
        candidacies = self.candidacy_rows()
        if candidacies:
            first = candidacies[0]
            where = [first.body.name, first.region.name if first.region else "", first.seat]
            sentences.append(
                gettext("Union-backed candidate: %(candidacy)s.")
                % {"candidacy": ", ".join(str(part) for part in where if part)}
            )
        work = ", ".join(part for part in (self.occupation, self.workplace) if part)
        if work:
            sentences.append(work[:1].upper() + work[1:].rstrip(".") + ".")
        return " ".join(sentences)

    def structured_data(self, request):
        return super().structured_data(request) + [profile_page_jsonld(self, request)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(profile_context(self, request))
        return context


class Candidacy(Orderable):
    """One run for one seat. Facts only (no translated text): copied as is to translations."""

    class Nomination(models.TextChoices):
        PARTY_LIST = "party-list", _("Party list")
        PARTY_DISTRICT = "party-district", _("Nominated by a party in a single-member district")
        PUBLIC_ASSOCIATION = "public-association", _("Nominated by a public association")
        SELF_NOMINATED = "self-nominated", _("Self-nominated")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        REGISTERED = "registered", _("Registered")
        REFUSED = "refused", _("Refused registration")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ELECTED = "elected", _("Elected")
        NOT_ELECTED = "not-elected", _("Not elected")

    page = ParentalKey(CandidatePage, on_delete=models.CASCADE, related_name="candidacies")
    # The same on the page and on its translations (copied with the row); rows themselves
    # get new primary keys on every translation sync, so exports identify candidacies by this.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        Election, verbose_name=_("election"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        ElectoralBody, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty only for the nationwide Mazhilis party list."),
    )
    nomination_type = models.CharField(_("nomination"), max_length=32, choices=Nomination.choices)
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The nominating party."),
    )
    district_number = models.PositiveSmallIntegerField(
        _("district number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    list_position = models.PositiveSmallIntegerField(
        _("list position"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        pgettext_lazy("candidacy", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.NOMINATED,
    )
    source_url = models.URLField(
        _("source"), blank=True, help_text=_("The election commission's decision.")
    )
    source_date = models.DateField(_("date of the decision"), null=True, blank=True)

    # Short reference lists: plain selects rather than chooser pop-ups.
    panels = [
        FieldRowPanel(
            [
                FieldPanel("election", widget=forms.Select),
                FieldPanel("body", widget=forms.Select),
                FieldPanel("region", widget=forms.Select),
            ]
        ),
        FieldRowPanel([FieldPanel("nomination_type"), FieldPanel("party", widget=forms.Select)]),
        FieldRowPanel([FieldPanel("district_number"), FieldPanel("list_position")]),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("source_url"), FieldPanel("source_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        indexes = [models.Index(fields=["election", "body", "region", "party", "list_position"])]

    def __str__(self):
        return f"{self.election} · {self.body}"

    @property
    def is_party_list(self):
        return self.nomination_type == self.Nomination.PARTY_LIST

    @property
    def party_list_key(self):
        """What a list position is unique within: one party's list for one body and election."""
        return (self.election_id, self.body_id, self.region_id, self.party_id)

    def clean(self):
        errors = {}
        body = self.body if self.body_id else None
        region = self.region if self.region_id else None
        if self.is_party_list:
            if not self.party_id:
                errors["party"] = _("A party-list candidacy needs a party.")
            if self.list_position is None:
                errors["list_position"] = _("A party-list candidacy needs a list position.")
            if self.district_number is not None:
                errors["district_number"] = _(
                    "A party-list candidacy has no district number; leave it empty."
                )
            if body is not None and not body.has_party_lists:
                errors["nomination_type"] = _(
                    "%(body)s is elected only in single-member districts."
                ) % {"body": body.name}
        elif self.nomination_type:
            if self.district_number is None:
                errors["district_number"] = _("A single-member candidacy needs a district number.")
            if self.list_position is not None:
                errors["list_position"] = _(
                    "A single-member candidacy has no list position; leave it empty."
                )
            if self.nomination_type == self.Nomination.PARTY_DISTRICT and not self.party_id:
                errors["party"] = _("Choose the party that nominated the candidate.")
            elif self.nomination_type != self.Nomination.PARTY_DISTRICT and self.party_id:
                errors["party"] = _(
                    "Leave the party empty: this candidate was not nominated by one."
                )
        nationwide = (
            body is not None and body.code == ElectoralBody.Code.MAZHILIS and self.is_party_list
        )
        if nationwide and region is not None:
            errors["region"] = _("The Mazhilis party list is nationwide: leave the region empty.")
        elif body is not None and not nationwide and region is None:
            errors["region"] = _("Choose the region.")
        elif region is not None and body is not None:
            expected = {
                ElectoralBody.Code.OBLAST_MASLIKHAT: Region.Kind.OBLAST,
                ElectoralBody.Code.CITY_MASLIKHAT: Region.Kind.CITY,
            }.get(body.code)
            if expected and region.kind != expected:
                errors["region"] = _("%(body)s is not elected in %(region)s.") % {
                    "body": body.name,
                    "region": region.name,
                }
        if errors:
            raise ValidationError(errors)

    def list_position_taken_by(self, translation_key):
        """Another person's candidacy at this list position, or None.

        Translations of the same person (same `translation_key`) hold copies of the same
        candidacies and do not count.
        """
        if not self.is_party_list or self.list_position is None or not self.party_id:
            return None
        return (
            Candidacy.objects.filter(
                election_id=self.election_id,
                body_id=self.body_id,
                region_id=self.region_id,
                party_id=self.party_id,
                list_position=self.list_position,
            )
            .exclude(page__translation_key=translation_key)
            .select_related("page")
            .first()
        )

    # Display helpers used by the templates and the exports.

    @property
    def seat(self):
        """District number or list position as a reader sees it (as on the cards)."""
        return seat(self.district_number, self.list_position)
