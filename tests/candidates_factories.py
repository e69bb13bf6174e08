"""Builders for candidate tests: reference data, candidate pages (kk source, ru translation)."""

import io
import itertools
from types import SimpleNamespace

from django.core.files.images import ImageFile
from django.db.models import F
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.signal_handlers import disable_reference_index_auto_update

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
from core.slugs import ascii_slug
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
    fields.setdefault("district_number", None)
    return candidacy(
        body=body(body_code),
        region=region_obj,
        nomination_type=Candidacy.Nomination.PARTY_LIST,
        party=party_obj,
        list_position=position,
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

    ru = translate_page(page, Locale.objects.get(language_code="ru"), translate_fn, publish=publish)
    return CandidatePage.objects.get(pk=ru.pk)


def many_candidates(index, count, *, start=0, photos=()):
    """`count` live candidates, fast: for query budgets with hundreds of people.

    Pages are inserted straight into the tree (paths computed here as treebeard would, one
    numchild update at the end), without revisions or search indexing, and candidacies are
    bulk-created. Spread over bodies, regions, unions and statuses so every filter matches.
    Candidate n: body n % 3 of (oblast, district, district) maslikhat, the n % 17th oblast,
    status n % 6, union n % 2 (energy, health), self-nominated in district 1 + n % 9.
    """
    elect = election()
    oblast_maslikhat, district_maslikhat = body("oblast-maslikhat"), body("district-maslikhat")
    bodies = [oblast_maslikhat, district_maslikhat, district_maslikhat]
    regions = list(Region.objects.filter(kind=Region.Kind.OBLAST))
    statuses = list(Candidacy.Status.values)
    unions = [union(), union("health", "Денсаулық кәсіподағы", "Профсоюз здравоохранения")]
    index = CandidateIndexPage.objects.get(pk=index.pk)
    last = index.get_last_child()
    step = last._get_lastpos_in_path() if last else 0
    no_indexing = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
    pages, candidacies = [], []
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=no_indexing),
        disable_reference_index_auto_update(),
    ):
        for number in range(start, start + count):
            step += 1
            title = f"Кандидат {number:04d}"
            page = CandidatePage(
                title=title,
                slug=ascii_slug(title),
                locale_id=index.locale_id,
                path=CandidatePage._get_path(index.path, index.depth + 1, step),
                depth=index.depth + 1,
                live=True,
                union=unions[number % 2],
                photo=photos[number % len(photos)] if photos else None,
            )
            page._cached_parent_obj = index  # Page.save sets url_path from the parent
            page.save(clean=False)
            pages.append(page)
            candidacies.append(
                Candidacy(
                    page=page,
                    election=elect,
                    body=bodies[number % 3],
                    region=regions[number % len(regions)],
                    nomination_type=Candidacy.Nomination.SELF_NOMINATED,
                    district_number=1 + number % 9,
                    status=statuses[number % len(statuses)],
                )
            )
    Candidacy.objects.bulk_create(candidacies)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    return pages


def four_people():
    """Four people in kk with their ru translations, over two elections (for filter tests).

    Needs the site structure. `keys` are translation keys by short name, `ids` the ids of
    reference data by code, as used in filter links.
    """
    kk_index, ru_index = indexes()
    Nomination, Status = Candidacy.Nomination, Candidacy.Status
    e2023 = election()
    e2027 = election("2027-03-21", "2027-03-21", "Сайлау 2027", "Выборы 2027")
    alpha = party()
    beta = party("beta", "Бета партиясы", "Партия Бета")
    energy = union()
    health = union("health", "Денсаулық сақтау кәсіподағы", "Профсоюз здравоохранения")
    specs = {
        "ahmetov": (
            "Ахметов Ерлан Серікұлы",
            "Ахметов Ерлан Серикович",
            energy,
            [party_list(alpha, 1, election=e2023, status=Status.ELECTED)],
        ),
        "sarsenova": (
            "Сәрсенова Айгүл Болатқызы",
            "Сарсенова Айгуль Болатовна",
            health,
            [
                candidacy(
                    election=e2023,
                    body=body("oblast-maslikhat"),
                    region=region("KZ-10"),
                    district_number=3,
                )
            ],
        ),
        "nurlanov": (
            "Нұрланов Нұрлан Қанатұлы",
            "Нурланов Нурлан Канатович",
            energy,
            [
                candidacy(
                    election=e2023,
                    nomination_type=Nomination.PARTY_DISTRICT,
                    party=beta,
                    district_number=5,
                    status=Status.ELECTED,
                ),
                party_list(
                    beta,
                    2,
                    body_code="city-maslikhat",
                    region_obj=region("KZ-75"),
                    election=e2023,
                    status=Status.NOT_ELECTED,
                ),
            ],
        ),
        "ospanov": (
            "Оспанов Серік Маратұлы",
            "Оспанов Серик Маратович",
            None,
            [
                candidacy(
                    election=e2027,
                    region=region("KZ-10"),
                    nomination_type=Nomination.PUBLIC_ASSOCIATION,
                    district_number=7,
                    status=Status.WITHDRAWN,
                )
            ],
        ),
    }
    pages = {}
    for key, (kk_name, ru_name, backing, candidacies) in specs.items():
        page = candidate(kk_index, kk_name, candidacies, union=backing)
        translate(page, ru_name)
        pages[key] = page
    return SimpleNamespace(
        kk=kk_index,
        ru=ru_index,
        keys={key: page.translation_key for key, page in pages.items()},
        ids={
            "e2023": e2023.pk,
            "e2027": e2027.pk,
            "energy": energy.pk,
            "health": health.pk,
            **{code: ElectoralBody.objects.get(code=code).pk for code in ElectoralBody.Code},
            **{code: Region.objects.get(code=code).pk for code in ("KZ-10", "KZ-75", "KZ-71")},
        },
    )
