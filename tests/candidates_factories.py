"""Builders for candidate tests: reference data, candidate pages (kk source, ru translation)."""

import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from candidates.models import (
    Candidacy,
    CandidateIndexPage,
    CandidatePage,
    Election,
    ElectoralBody,
    MemberUnion,
    Party,
    Region,
)
from core.structure import ascii_slug
from core.translation import translate_page

_numbers = itertools.count(1)


def body(code):
    return ElectoralBody.objects.get(code=code)


def region(code):
    return Region.objects.get(code=code)


def election(code="2023-03-19", date="2023-03-19", kk="Сайлау 2023", ru="Выборы 2023"):
    return Election.objects.get_or_create(
        code=code, defaults={"date": date, "names": {"kk": kk, "ru": ru}}
    )[0]


def party(code="alpha", kk="Альфа партиясы", ru="Партия Альфа"):
    return Party.objects.get_or_create(code=code, defaults={"names": {"kk": kk, "ru": ru}})[0]


def union(code="energy", kk="Энергетиктер кәсіподағы", ru="Профсоюз энергетиков"):
    return MemberUnion.objects.get_or_create(code=code, defaults={"names": {"kk": kk, "ru": ru}})[0]


def photo(colour="#00507f", title=None):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (480, 600), colour).save(buffer, "JPEG")
    number = next(_numbers)
    image = get_image_model()(title=title or f"Photo {number}")
    image.file = ImageFile(buffer, name=f"test-photo-{number}.jpg")
    image.save()
    return image


def candidacy(**fields):
    """An unsaved candidacy; defaults to a single-member district maslikhat run in Almaty."""
    defaults = {
        "election": fields.pop("election", None) or election(),
        "body": body("district-maslikhat"),
        "region": region("KZ-75"),
        "nomination_type": Candidacy.Nomination.SELF_NOMINATED,
        "district_number": 1,
        "status": Candidacy.Status.REGISTERED,
    }
    defaults.update(fields)
    return Candidacy(**defaults)


def party_list(party_obj, position, *, body_code="mazhilis", region_obj=None, **fields):
    return candidacy(
        body=body(body_code),
        region=region_obj,
        nomination_type=Candidacy.Nomination.PARTY_LIST,
        party=party_obj,
        list_position=position,
        district_number=None,
        **fields,
    )


def indexes():
    """The kk and ru directories (site structure must exist)."""
    kk = CandidateIndexPage.objects.get(locale__language_code="kk")
    return kk, kk.get_translation(Locale.objects.get(language_code="ru"))


def candidate(index, title, candidacies=None, *, revision=True, **fields):
    """A live candidate page under `index`; `revision=False` skips the revision (bulk)."""
    page = CandidatePage(title=title, slug=fields.pop("slug", None) or ascii_slug(title), **fields)
    page.candidacies = candidacies if candidacies is not None else [candidacy()]
    if revision:
        page.live = False
        index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    else:
        page.live = True
        index.add_child(instance=page)
    return page


def translate(page, ru_title, texts=None, *, publish=True):
    """`page`'s Russian translation made by wagtail-localize, as an editor would get it."""
    texts = dict(texts or {})
    texts[page.title] = ru_title

    def translate_fn(path, source_text):
        if path == "slug":
            return ascii_slug(ru_title)
        return texts.get(source_text)

    return translate_page(
        page, Locale.objects.get(language_code="ru"), translate_fn, publish=publish
    )


def many_candidates(index, count, *, start=0, photos=()):
    """`count` live candidates quickly: no revisions, a handful of shared photos.

    Spread over bodies, regions and statuses like real data, so every filter has matches.
    """
    elect = election()
    bodies = list(ElectoralBody.objects.exclude(code="mazhilis"))
    regions = list(Region.objects.filter(kind=Region.Kind.OBLAST))
    statuses = list(Candidacy.Status.values)
    unions = [union(), union("health", "Денсаулық кәсіподағы", "Профсоюз здравоохранения")]
    pages = []
    for number in range(start, start + count):
        pages.append(
            candidate(
                index,
                f"Кандидат {number:04d}",
                [
                    candidacy(
                        election=elect,
                        body=bodies[number % len(bodies)]
                        if bodies[number % len(bodies)].code != "city-maslikhat"
                        else body("district-maslikhat"),
                        region=regions[number % len(regions)],
                        district_number=1 + number % 9,
                        status=statuses[number % len(statuses)],
                    )
                ],
                revision=False,
                union=unions[number % 2],
                photo=photos[number % len(photos)] if photos else None,
            )
        )
    return pages
