"""Demo content of the candidates app: the 19 March 2023 election, a few demo parties and
unions, and 40 clearly fictional candidates ("(демо)" in every name) written in Kazakh and
translated into Russian through wagtail-localize. Idempotent; photos are drawn here.

Regions and electoral bodies are not demo data: a migration loads them everywhere.
"""

import io
import time
from dataclasses import dataclass
from datetime import date, timedelta

from anyascii import anyascii
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.models import day_as_moment
from core.operations.bulk import published_on
from core.site.setup import ensure_site_structure
from core.slugs import ascii_slug
from core.translation import translate_page

from .models import (
    Candidacy,
    CandidatePage,
    Election,
    ElectoralBody,
    MemberUnion,
    Party,
    Region,
)

DEMO = "(демо)"
COUNT = 40

ELECTION = {
    "code": "2023-03-19",
    "date": date(2023, 3, 19),
    "names": {
        "kk": "Мәжіліс пен мәслихаттар депутаттарының сайлауы, 2023",
        "ru": "Выборы депутатов Мажилиса и маслихатов, 2023",
    },
}

PARTIES = [
    ("demo-enbek", "«Еңбек» партиясы (демо)", "Партия «Енбек» (демо)"),
    ("demo-kelisim", "«Келісім» партиясы (демо)", "Партия «Келисим» (демо)"),
    ("demo-orken", "«Өркен» партиясы (демо)", "Партия «Оркен» (демо)"),
]

# (code, kk, ru, workplace kk, workplace ru, occupation kk, occupation ru)
UNIONS = [
    (
        "demo-education",
        "Білім беру қызметкерлерінің кәсіподағы (демо)",
        "Профсоюз работников образования (демо)",
        "№ 12 мектеп-гимназия (демо)",
        "Школа-гимназия № 12 (демо)",
        "мұғалім",
        "учитель",
    ),
    (
        "demo-health",
        "Денсаулық сақтау қызметкерлерінің кәсіподағы (демо)",
        "Профсоюз работников здравоохранения (демо)",
        "Қалалық аурухана (демо)",
        "Городская больница (демо)",
        "дәрігер",
        "врач",
    ),
    (
        "demo-energy",
        "Энергетиктер кәсіподағы (демо)",
        "Профсоюз энергетиков (демо)",
        "«Демо Энерго» АҚ",
        "АО «Демо Энерго»",
        "электр монтері",
        "электромонтёр",
    ),
    (
        "demo-mining",
        "Тау-кен металлургия кәсіподағы (демо)",
        "Горно-металлургический профсоюз (демо)",
        "«Демо Кен» ЖШС",
        "ТОО «Демо Кен»",
        "кен шебері",
        "горный мастер",
    ),
    (
        "demo-transport",
        "Көлік қызметкерлерінің кәсіподағы (демо)",
        "Профсоюз работников транспорта (демо)",
        "«Демо Теміржол» АҚ",
        "АО «Демо Темиржол»",
        "машинист",
        "машинист",
    ),
]

# (kk, ru) spellings.
GIVEN_NAMES = [
    [
        ("Ерлан", "Ерлан"),
        ("Нұрлан", "Нурлан"),
        ("Асқар", "Аскар"),
        ("Бауыржан", "Бауыржан"),
        ("Ғалым", "Галым"),
        ("Дәулет", "Даулет"),
        ("Қайрат", "Кайрат"),
        ("Мұрат", "Мурат"),
        ("Төлеген", "Толеген"),
        ("Жандос", "Жандос"),
    ],
    [
        ("Айгүл", "Айгуль"),
        ("Гүлнар", "Гульнар"),
        ("Әсел", "Асель"),
        ("Жанар", "Жанар"),
        ("Сәуле", "Сауле"),
        ("Динара", "Динара"),
        ("Мәдина", "Мадина"),
        ("Ләззат", "Ляззат"),
        ("Ботагөз", "Ботагоз"),
        ("Назгүл", "Назгуль"),
    ],
]
# Father's name: Kazakh patronymic -ұлы / -қызы, Russian -ович / -овна.
FATHERS = [
    ("Серік", "Серик"),
    ("Болат", "Болат"),
    ("Марат", "Марат"),
    ("Қанат", "Канат"),
    ("Ержан", "Ержан"),
    ("Тимур", "Тимур"),
    ("Нұржан", "Нуржан"),
    ("Асылбек", "Асылбек"),
]
SURNAMES = [
    ("Ахметов", "Ахметов"),
    ("Жұмабаев", "Жумабаев"),
    ("Оспанов", "Оспанов"),
    ("Сәрсенов", "Сарсенов"),
    ("Қасымов", "Касымов"),
    ("Төлеуов", "Толеуов"),
    ("Нұрпейісов", "Нурпеисов"),
    ("Әбілов", "Абилов"),
    ("Бекмағамбетов", "Бекмагамбетов"),
    ("Ысқақов", "Искаков"),
]
PRIORITIES = [
    ("Жалақының әділ өсуі", "Справедливый рост заработной платы"),
    ("Еңбек қауіпсіздігі", "Безопасность труда"),
    ("Ұжымдық шарттарды кеңейту", "Расширение коллективных договоров"),
    ("Жас мамандарға тұрғын үй", "Жильё для молодых специалистов"),
    ("Ауылдағы денсаулық сақтау", "Здравоохранение на селе"),
    (
        "Кәсіптік оқыту және біліктілікті арттыру",
        "Профессиональное обучение и повышение квалификации",
    ),
]
PHOTO_CREDIT = ("Демо-сурет", "Демо-фото")
PALETTE = ["#00507f", "#6b3fa0", "#1d6b44", "#8a4b08", "#7a1f3d", "#2f4f6f"]

BODY_CYCLE = ["mazhilis", "oblast-maslikhat", "city-maslikhat", "district-maslikhat"]
SINGLE_MEMBER = [
    Candidacy.Nomination.PARTY_DISTRICT,
    Candidacy.Nomination.PUBLIC_ASSOCIATION,
    Candidacy.Nomination.SELF_NOMINATED,
]
STATUSES = [
    Candidacy.Status.ELECTED,
    Candidacy.Status.REGISTERED,
    Candidacy.Status.NOT_ELECTED,
    Candidacy.Status.ELECTED,
    Candidacy.Status.WITHDRAWN,
    Candidacy.Status.NOT_ELECTED,
    Candidacy.Status.REFUSED,
    Candidacy.Status.NOMINATED,
]


@dataclass
class Person:
    number: int
    kk: str
    ru: str
    female: bool


def person(number):
    female = bool(number % 2)
    given_kk, given_ru = GIVEN_NAMES[female][(number // 2) % 10]
    father_kk, father_ru = FATHERS[number % 8]
    surname_kk, surname_ru = SURNAMES[(number * 3 + number // 10) % 10]
    if female:
        surname_kk, surname_ru = surname_kk + "а", surname_ru + "а"
    patronymic_kk = father_kk + ("қызы" if female else "ұлы")
    patronymic_ru = father_ru + ("овна" if female else "ович")
    return Person(
        number,
        f"{surname_kk} {given_kk} {patronymic_kk} {DEMO}",
        f"{surname_ru} {given_ru} {patronymic_ru} {DEMO}",
        female,
    )


def ensure_reference_data():
    election, _ = Election.objects.update_or_create(
        code=ELECTION["code"], defaults={"date": ELECTION["date"], "names": ELECTION["names"]}
    )
    parties = [
        Party.objects.update_or_create(code=code, defaults={"names": {"kk": kk, "ru": ru}})[0]
        for code, kk, ru in PARTIES
    ]
    unions = [
        MemberUnion.objects.update_or_create(
            code=union[0], defaults={"names": {"kk": union[1], "ru": union[2]}}
        )[0]
        for union in UNIONS
    ]
    return election, parties, unions


class CandidacyPlanner:
    """Spreads candidacies over bodies, regions, nominations and statuses, deterministically,
    with list positions unique per party list."""

    def __init__(self, election, parties):
        self.election = election
        self.parties = parties
        self.bodies = {body.code: body for body in ElectoralBody.objects.all()}
        regions = list(Region.objects.order_by("code"))
        self.oblasts = [r for r in regions if r.kind == Region.Kind.OBLAST]
        self.cities = [r for r in regions if r.kind == Region.Kind.CITY]
        self.regions = regions
        self.used_regions = set()
        self.positions = {}

    def _position(self, body, region, party):
        key = (body.pk, region.pk if region else None, party.pk)
        self.positions[key] = self.positions.get(key, 0) + 1
        return self.positions[key]

    def _region(self, body, number, nationwide):
        if nationwide:
            return None
        if body.code == "oblast-maslikhat":
            region = self.oblasts[number % len(self.oblasts)]
        elif body.code == "city-maslikhat":
            region = self.cities[number % len(self.cities)]
        else:  # any region: one not used yet, else in turn
            unused = [r for r in self.regions if r.pk not in self.used_regions]
            region = unused[0] if unused else self.regions[number % len(self.regions)]
        self.used_regions.add(region.pk)
        return region

    def plan(self, number, body_code=None):
        body = self.bodies[body_code or BODY_CYCLE[number % 4]]
        party_list = body.has_party_lists and number % 3 != 2
        region = self._region(body, number, nationwide=party_list and body.code == "mazhilis")
        party = self.parties[number % len(self.parties)]
        decided = date(2023, 2, 1) + timedelta(days=number % 20)
        candidacy = Candidacy(
            election=self.election,
            body=body,
            region=region,
            status=STATUSES[number % len(STATUSES)],
            source_url=f"https://example.org/demo/election-commission/decisions/{number + 1}",
            source_date=decided,
        )
        if party_list:
            candidacy.nomination_type = Candidacy.Nomination.PARTY_LIST
            candidacy.party = party
            candidacy.list_position = self._position(body, candidacy.region, party)
        else:
            candidacy.nomination_type = SINGLE_MEMBER[number % 3]
            if candidacy.nomination_type == Candidacy.Nomination.PARTY_DISTRICT:
                candidacy.party = party
            candidacy.district_number = 1 + number % 14
        candidacy.clean()  # the demo obeys the editors' rules
        return candidacy

    def candidacies(self, number):
        planned = [self.plan(number)]
        if number % 7 == 3:  # some people run for a second body
            planned.append(self.plan(number + 1, body_code="district-maslikhat"))
        return planned


def draw_photo(number, initials):
    """A small, plainly artificial portrait: silhouette, initials and the word DEMO."""
    colour = PALETTE[number % len(PALETTE)]
    # 480x600: the largest rendition the profile asks for, so no size is upscaled.
    picture = PillowImage.new("RGB", (480, 600), colour)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((150, 100, 330, 280), fill="#e8edf2")
    draw.rounded_rectangle((80, 300, 400, 640), radius=120, fill="#e8edf2")
    draw.text((240, 430), initials, fill=colour, font=ImageFont.load_default(size=56), anchor="mm")
    draw.text((240, 560), "DEMO", fill="#ffffff", font=ImageFont.load_default(size=36), anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return buffer


def demo_photo(person):
    Image = get_image_model()
    title = f"{person.kk} — фото"
    image = Image.objects.filter(title=title).first()
    if image is None:
        initials = anyascii("".join(part[0] for part in person.ru.split()[:2]))
        image = Image(title=title)
        image.file = ImageFile(
            draw_photo(person.number, initials), name=f"demo-candidate-{person.number}.jpg"
        )
        image.save()
    return image


def texts(person):
    """The person's facts, and (kk, ru) pairs of every translatable text of the page."""
    birth_year = 1962 + (person.number * 7) % 36
    started = birth_year + 22
    born = "Родилась" if person.female else "Родился"
    began = "начала" if person.female else "начал"
    took_part = "участвовала" if person.female else "участвовал"
    _code, _union_kk, _union_ru, work_kk, work_ru, job_kk, job_ru = UNIONS[
        person.number % len(UNIONS)
    ]
    strings = {
        "title": (person.kk, person.ru),
        "occupation": (job_kk, job_ru),
        "workplace": (work_kk, work_ru),
        "photo_credit": PHOTO_CREDIT,
        "bio1": (
            f"{birth_year} жылы туған. Еңбек жолын {started} жылы бастаған.",
            f"{born} в {birth_year} году. Трудовой путь {began} в {started} году.",
        ),
        "bio2": (
            "Кәсіподақ мүшесі, ұжымдық шарт жасасуға қатысқан. "
            "Бұл демо-профиль: адам ойдан шығарылған.",
            f"Член профсоюза, {took_part} в заключении коллективного договора. "
            "Это демо-профиль: человек вымышлен.",
        ),
    }
    priorities = [PRIORITIES[(person.number + step) % len(PRIORITIES)] for step in range(3)]
    return birth_year, strings, priorities


def create_candidate(index, person, candidacies, unions):
    birth_year, strings, priorities = texts(person)
    page = CandidatePage(
        title=strings["title"][0],
        slug=ascii_slug(person.kk),
        birth_year=birth_year,
        occupation=strings["occupation"][0],
        workplace=strings["workplace"][0],
        union=unions[person.number % len(unions)],
        biography="".join(f"<p>{strings[key][0]}</p>" for key in ("bio1", "bio2")),
        priorities=[("priority", kk) for kk, _ru in priorities],
        email=f"demo{person.number + 1}@example.org" if person.number % 4 == 0 else "",
    )
    if person.number % 9 != 8:  # a few people without a photo
        page.photo = demo_photo(person)
        page.photo_credit = strings["photo_credit"][0]
    page.candidacies = candidacies
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_to_russian(page, person, ru):
    _birth_year, strings, priorities = texts(person)
    translation = dict(strings.values())
    translation.update(priorities)

    def translate(path, source_text):
        if path == "slug":
            return ascii_slug(person.ru)
        return translation.get(source_text)

    return translate_page(page, ru, translate, publish=True)


def load(stdout=None):
    started = time.monotonic()
    sections = ensure_site_structure()
    index = sections["candidates.CandidateIndexPage"]
    ru = Locale.objects.get(language_code="ru")
    election, parties, unions = ensure_reference_data()
    planner = CandidacyPlanner(election, parties)
    existing = {page.slug: page for page in CandidatePage.objects.child_of(index)}
    created = 0
    for number in range(COUNT):
        who = person(number)
        # Planned for everyone, existing or not, so list positions are the same on a re-run.
        candidacies = planner.candidacies(number)
        page = existing.get(ascii_slug(who.kk))
        if page is None:
            page = create_candidate(index, who, candidacies, unions)
            created += 1
        if page.get_translation_or_none(ru) is None:
            translated = translate_to_russian(page, who, ru)
            # Published when the latest decision it reports was taken
            # (core.operations.bulk.published_on).
            decided = max((c.source_date for c in candidacies if c.source_date), default=None)
            if decided:
                published_on([page, translated], day_as_moment(decided))
    if stdout:
        seconds = time.monotonic() - started
        stdout.write(f"Candidates: {created} of {COUNT} demo people created in {seconds:.1f} s")
    return created
