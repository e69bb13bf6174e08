"""What a candidate's profile shows besides the page fields: candidacies, links, and its
schema.org ProfilePage."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from core.images import rendition_or_none
from core.site.addresses import public_url
from core.structured_data import SCHEMA, local_iso

# One of the renditions the profile template renders (so it exists once the page was seen).
JSONLD_PHOTO_SPEC = "fill-480x600|format-webp"


@dataclass
class DirectoryLink:
    url: str
    label: str


def related_links(directory_url, candidacies):
    """The directory filtered by each of the person's regions, bodies, and body in region."""
    links = {}

    def add(label, **filters):
        key = tuple(sorted(filters.items()))
        links.setdefault(key, DirectoryLink(f"{directory_url}?{urlencode(filters)}", label))

    for candidacy in candidacies:
        body, region = candidacy.body, candidacy.region
        if region:
            add(_("Region: %(region)s") % {"region": region.name}, region=region.pk)
        add(_("Body: %(body)s") % {"body": body.name}, body=body.pk)
        if region:
            add(f"{body.name}, {region.name}", body=body.pk, region=region.pk)
    return list(links.values())


class Profile:
    """What the profile shows besides the page's own fields, each read when first asked for.
    The template asks inside fragments kept with the page (core/caching/fragments.py): on a hit,
    nothing of this is read."""

    def __init__(self, page, request):
        self.page = page
        self.request = request
        self.directory = page.get_parent()

    @cached_property
    def candidacies(self):
        return self.page.candidacy_rows()

    @cached_property
    def directory_url(self):
        return self.directory.get_url(self.request) if self.directory else ""

    def photo(self):
        """The photo, with all its existing renditions in one query (the image tags look
        there first)."""
        photo = self.page.photo
        if photo is not None and not hasattr(photo, "prefetched_renditions"):
            prefetch_related_objects(
                [photo],
                Prefetch(
                    "renditions",
                    queryset=get_image_model().get_rendition_model().objects.all(),
                    to_attr="prefetched_renditions",
                ),
            )
        return photo

    def related_links(self):
        return related_links(self.directory_url, self.candidacies) if self.directory else []


def profile_context(page, request):
    profile = Profile(page, request)
    return {
        "candidacies": lambda: profile.candidacies,
        "photo": profile.photo,
        "related_links": profile.related_links,
    }


def profile_page_jsonld(page, request):
    """schema.org ProfilePage about a Person: who the candidate is, in the page's language,
    at the page's canonical address."""
    url = page.canonical_url(request)
    data = {
        "@context": SCHEMA,
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "inLanguage": translation.get_language(),
        "mainEntity": person(page, url, page.candidacy_rows()),
    }
    if page.first_published_at:
        data["dateCreated"] = local_iso(page.first_published_at)
    if page.modified_at:
        data["dateModified"] = local_iso(page.modified_at)
    return data


def person(page, url, candidacies):
    """schema.org Person: the candidate."""
    data = {
        "@type": "Person",
        "@id": url + "#person",
        "name": page.title,
        "url": url,
    }
    photo = rendition_or_none(page.photo, JSONLD_PHOTO_SPEC)
    if photo is not None:
        data["image"] = public_url(photo.url)
    if page.birth_year:
        data["birthDate"] = str(page.birth_year)
    if page.occupation:
        data["jobTitle"] = page.occupation
    if page.workplace:
        data["worksFor"] = {"@type": "Organization", "name": page.workplace}
    if page.union_id:
        union = {"@type": "Organization", "name": page.union.name}
        if page.union.website:
            union["url"] = page.union.website
        data["memberOf"] = union
    parties = {c.party_id: c.party for c in candidacies if c.party_id}
    if parties:
        data["affiliation"] = [
            {"@type": "PoliticalParty", "name": party.name} for party in parties.values()
        ]
    if page.email:
        data["email"] = page.email
    if page.phone:
        data["telephone"] = page.phone
    if page.website:
        data["sameAs"] = [page.website]
    description = page.get_meta_description()
    if description:
        data["description"] = description
    return data
