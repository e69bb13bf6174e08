"""The directory's card of a candidate, written out in Python from plain rows.

A directory page shows two dozen cards. Through a template each card cost as much as the rest
of the page together; through model instances (the page, its union and photo, two renditions,
each candidacy with its body and region: some two hundred objects a page) the cards were still
half of the directory's first render after a purge. Here the listing, the renditions and the
candidacies are read as rows (`CardRow`, `prepare_cards`: one query each), and each card is a
few escaped strings. The markup is the one the template had; core/caching/fragments.py keeps
each card's HTML as before (`CandidateCard` stands where a template would).

A photo whose renditions are not made yet (the first listing after an upload) goes through
Wagtail's own `get_renditions`, which makes and stores them; the next render reads rows again.

Like candidates/filters.py, the models are named through the app registry.
"""

import functools
from types import SimpleNamespace

from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from core.images import renditions_or_none
from core.localized import localized
from core.markup import text as _text

# The photo's renditions: two widths of one crop, in WebP (every current browser reads it;
# at this size AVIF would save a few hundred bytes for a second set of renditions).
PHOTO_FILTERS = [Filter("format-webp|fill-120x150"), Filter("format-webp|fill-240x300")]
PHOTO_SIZES = "(max-width: 40rem) 72px, 96px"
# A candidacy's places named on its card (reference data of candidates/filters.py).
PLACES = ("body", "region")
# The image fields a rendition's crop depends on (Wagtail's `Filter.get_cache_key`).
FOCAL_POINT_FIELDS = (
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
)


class CardRow:
    """What a card shows of a candidate's page, read as one row of the listing (`ROW_FIELDS`);
    `prepare_cards` adds the photo's renditions and the candidacies."""

    __slots__ = ("pk", "title", "url_path", "union_id", "union_names", "photo_id", "focal_point")
    __slots__ += ("renditions", "candidacies")

    def __init__(self, pk, title, url_path, union_id, union_names, photo_id, *focal_point):
        self.pk, self.title, self.url_path = pk, title, url_path
        self.union_id, self.union_names, self.photo_id = union_id, union_names, photo_id
        self.focal_point = dict(zip(FOCAL_POINT_FIELDS, focal_point, strict=True))
        self.renditions, self.candidacies = None, []

    @property
    def initials(self):
        return initials(self.title)


# The columns of a `CardRow`, in the order of its arguments.
ROW_FIELDS = (
    "pk",
    "title",
    "url_path",
    "union_id",
    "union__names",
    "photo_id",
    *(f"photo__{field}" for field in FOCAL_POINT_FIELDS),
)


def card_rows(queryset):
    """`queryset` (of candidate pages) as the values of `CardRow`s: tuples, made rows by
    `as_rows` (a paginator slices the queryset first)."""
    return queryset.values_list(*ROW_FIELDS)


def as_rows(items):
    """`CardRow`s of the tuples of `card_rows` (other items, pages that only key kept cards
    with the fragment cache on, are left as they are)."""
    return [CardRow(*item) if isinstance(item, tuple) else item for item in items]


def initials(name):
    """Up to two capital letters for the place of a missing photo: the first letters of the
    name's first two words, as the name is written (surname, then given name)."""
    words = [word for word in name.split() if word[:1].isalpha()]
    return "".join(word[0] for word in words[:2]).upper()


def seat(district_number, list_position):
    """District number or list position as a reader sees it."""
    if district_number is not None:
        return _("district No. %(number)s") % {"number": district_number}
    if list_position is not None:
        return _("list position %(number)s") % {"number": list_position}
    return ""


def _model(name):
    return apps.get_model("candidates", name)


def file_url(storage):
    """`storage.url`, kept per process for files on the server's own disk, whose URL is the
    media URL and the file's name whatever the time (not for a cloud storage's signed URLs)."""
    if storage.__class__ is not FileSystemStorage:  # (Django's default_storage is a proxy)
        return storage.url
    return _kept_urls.setdefault(storage.base_url, functools.lru_cache(maxsize=4096)(storage.url))


_kept_urls = {}


def _renditions(rows):
    """{photo id: [(url, width, height) of each of PHOTO_FILTERS]} for the photos of `rows`, or
    None for a photo that cannot be shown. Existing renditions are read as rows in one
    query, matched as Wagtail matches them (filter spec and the focal point's key)."""
    photos = {row.photo_id: row.focal_point for row in rows if row.photo_id is not None}
    if not photos:
        return {}
    Rendition = get_image_model().get_rendition_model()
    url = file_url(Rendition._meta.get_field("file").storage)
    found = {
        (image_id, spec, key): (url(name), width, height)
        for image_id, spec, key, name, width, height in Rendition.objects.filter(
            image_id__in=photos, filter_spec__in=[spec.spec for spec in PHOTO_FILTERS]
        ).values_list("image_id", "filter_spec", "focal_point_key", "file", "width", "height")
    }
    renditions, missing = {}, []
    for image_id, focal_point in photos.items():
        image = SimpleNamespace(**focal_point)
        keys = [(image_id, spec.spec, spec.get_cache_key(image)) for spec in PHOTO_FILTERS]
        if all(key in found for key in keys):
            renditions[image_id] = [found[key] for key in keys]
        else:
            missing.append(image_id)
    # Renditions not made yet (rare: the first listing after an upload) are made by Wagtail.
    for image in get_image_model().objects.filter(pk__in=missing) if missing else ():
        made = renditions_or_none(image, PHOTO_FILTERS)
        renditions[image.pk] = made and [
            (rendition.url, rendition.width, rendition.height) for rendition in made.values()
        ]
    return renditions


def prepare_cards(rows, reference_data):
    """The photo renditions and candidacies of the rows about to be rendered, one query each,
    reading only what a card shows. `reference_data`: the directory filters' rows of every
    body and region (candidates/filters.py), for their names."""
    renditions = _renditions(rows)
    by_page = {row.pk: row for row in rows}
    for row in rows:
        row.renditions = renditions.get(row.photo_id)
        row.candidacies = []
    names = {name: {row.pk: row.name for row in reference_data[name]} for name in PLACES}
    Candidacy = _model("Candidacy")
    # The statuses' labels in the active language, translated once for all the cards.
    labels = {value: str(label) for value, label in Candidacy.Status.choices}
    candidacies = (
        Candidacy.objects.filter(page_id__in=by_page)
        .order_by("page_id", "sort_order")
        .values_list("page_id", "status", "district_number", "list_position", "body", "region")
    )
    for page_id, status, district, position, body, region in candidacies:
        where = [names["body"][body], names["region"].get(region), seat(district, position)]
        by_page[page_id].candidacies.append(
            (", ".join(part for part in where if part), status, labels.get(status, status))
        )


def photo(row):
    """The photo in two widths, decorative (the name is next to it); a placeholder with the
    person's initials when there is no photo or it cannot be shown."""
    if not row.renditions:
        return (
            '<span class="candidate-card__photo candidate-card__photo--none" aria-hidden="true">'
            f"{_text(row.initials)}</span>"
        )
    (small_url, small_width, small_height), (large_url, large_width, _height) = row.renditions
    small_url = _text(small_url)
    return (
        f'<img alt="" class="candidate-card__photo" height="{small_height}" loading="lazy" '
        f'sizes="{PHOTO_SIZES}" src="{small_url}" '
        f'srcset="{small_url} {small_width}w, {_text(large_url)} {large_width}w" '
        f'width="{small_width}">'
    )


def candidacy(where, status, label):
    return (
        f"<li>{_text(where)} · "
        f'<span class="candidacy-status candidacy-status--{_text(status)}">'
        f"{_text(label)}</span></li>"
    )


def card_url(row, directory):
    """The candidate's URL: the directory's (worked out once per request) and the rest of the
    candidate's own path (Wagtail's routing of each page cost as much as the rest of its
    card). `directory`: (the directory's URL path, its URL)."""
    directory_path, directory_url = directory
    if directory_url is not None and row.url_path.startswith(directory_path):
        return directory_url + row.url_path[len(directory_path) :]
    return _model("CandidatePage").objects.get(pk=row.pk).url


class CandidateCard:
    """Renders like a template: `render({"candidate": ..., "directory": ...})`."""

    name = "candidates/cards.py"

    def render(self, context):
        row = context["candidate"]
        union = (
            f'<p class="candidate-card__union">{_text(localized(row.union_names))}</p>'
            if row.union_id is not None
            else ""
        )
        candidacies = "".join(candidacy(*item) for item in row.candidacies)
        return mark_safe(  # noqa: S308  (every value above is escaped)
            f'<article class="candidate-card">{photo(row)}'
            '<div class="candidate-card__text"><h3 class="candidate-card__name">'
            f'<a href="{_text(card_url(row, context["directory"]))}">{_text(row.title)}</a></h3>'
            f'{union}<ul class="candidate-card__candidacies">{candidacies}</ul></div></article>'
        )


CARD = CandidateCard()
