"""The directory's card of a candidate, written out in Python.

A directory page shows two dozen cards; through a template each card cost as much as the rest
of the page together, and on a render with nothing kept (the first after a purge) the cards
were two thirds of the directory's server time. Here each card is a few escaped strings over
what `prepare_cards` fetched for all of them at once (renditions and candidacies, one
query each). The markup is the one the template had; core/caching/fragments.py keeps each
card's HTML as before (`CandidateCard` stands where a template would).

Like candidates/filters.py, the models are named through the app registry.
"""

from html import escape as escape_html

from django.apps import apps
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from core.images import renditions_or_none

# The photo's renditions: two widths of one crop, in WebP (every current browser reads it;
# at this size AVIF would save a few hundred bytes for a second set of renditions).
PHOTO_FILTERS = [Filter("format-webp|fill-120x150"), Filter("format-webp|fill-240x300")]
PHOTO_SIZES = "(max-width: 40rem) 72px, 96px"
CANDIDACY_FIELDS = (
    "page_id",
    "sort_order",
    "status",
    "district_number",
    "list_position",
    "body__names",
    "region__names",
)


def _model(name):
    return apps.get_model("candidates", name)


def prepare_cards(candidates):
    """Photo renditions and candidacies of the candidates about to be rendered, in two queries,
    each reading only what a card shows. Wagtail's `get_renditions` looks in
    `prefetched_renditions` first; only the card's own renditions are loaded, not the
    profile's and share images' of the same photo."""
    photos = {candidate.photo_id: candidate.photo for candidate in candidates if candidate.photo}
    for image in photos.values():
        image.prefetched_renditions = []
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in=photos, filter_spec__in=[spec.spec for spec in PHOTO_FILTERS])
    )
    for rendition in renditions.only(
        "image_id", "filter_spec", "focal_point_key", "file", "width", "height"
    ):
        rendition.image = photos[rendition.image_id]
        rendition.image.prefetched_renditions.append(rendition)
    by_page = {candidate.pk: [] for candidate in candidates}
    candidacies = (
        _model("Candidacy")
        .objects.filter(page_id__in=by_page)
        .select_related("body", "region")
        .only(*CANDIDACY_FIELDS)
        .order_by("page_id", "sort_order")
    )
    # The statuses' labels in the active language, translated once for all the cards.
    labels = {value: str(label) for value, label in _model("Candidacy").Status.choices}
    for item in candidacies:
        item.status_label = labels.get(item.status, item.status)
        by_page[item.page_id].append(item)
    for candidate in candidates:
        candidate.card_candidacies = by_page[candidate.pk]


def _text(value):
    """`value` as HTML text: what `format_html` does to each of its arguments (Django's
    `escape`), without its lazy-string checks, at two dozen cards of ten values each."""
    return escape_html(str(value), quote=True)


def photo(candidate):
    """The photo in two widths, decorative (the name is next to it); a placeholder with the
    person's initials when there is no photo or it cannot be shown."""
    renditions = renditions_or_none(candidate.photo, PHOTO_FILTERS)
    if not renditions:
        return (
            '<span class="candidate-card__photo candidate-card__photo--none" aria-hidden="true">'
            f"{_text(candidate.initials)}</span>"
        )
    small, large = renditions.values()
    small_url = _text(small.url)
    return (
        f'<img alt="" class="candidate-card__photo" height="{small.height}" loading="lazy" '
        f'sizes="{PHOTO_SIZES}" src="{small_url}" '
        f'srcset="{small_url} {small.width}w, {_text(large.url)} {large.width}w" '
        f'width="{small.width}">'
    )


def candidacy(item):
    where = [item.body.name, item.region.name if item.region else "", str(item.seat)]
    return (
        f"<li>{_text(', '.join(part for part in where if part))} · "
        f'<span class="candidacy-status candidacy-status--{_text(item.status)}">'
        f"{_text(item.status_label)}</span></li>"
    )


def card_url(candidate, request):
    """`candidate.get_url(request)`, worked out once per directory and request: a directory's
    candidates are siblings, so their URLs differ only in their own last segment (Wagtail's
    routing of each page cost as much as the rest of its card)."""
    if request is None:
        return candidate.get_url(request)
    parent, segment = candidate.url_path.rstrip("/").rsplit("/", 1)
    segment += "/"
    bases = request.__dict__.setdefault("_candidate_card_url_bases", {})
    base = bases.get(parent)
    if base is None:
        url = candidate.get_url(request)
        if url is None or not url.endswith("/" + segment):
            return url
        bases[parent] = url[: -len(segment)]
        return url
    return base + segment


class CandidateCard:
    """Renders like a template: `render({"request": ..., "candidate": ...})`."""

    name = "candidates/cards.py"

    def render(self, context):
        candidate, request = context["candidate"], context.get("request")
        union = (
            f'<p class="candidate-card__union">{_text(candidate.union.name)}</p>'
            if candidate.union
            else ""
        )
        candidacies = "".join(candidacy(item) for item in candidate.card_candidacies)
        return mark_safe(  # noqa: S308  (every value above is escaped)
            f'<article class="candidate-card">{photo(candidate)}'
            '<div class="candidate-card__text"><h3 class="candidate-card__name">'
            f'<a href="{_text(card_url(candidate, request))}">{_text(candidate.title)}</a></h3>'
            f'{union}<ul class="candidate-card__candidacies">{candidacies}</ul></div></article>'
        )


CARD = CandidateCard()
