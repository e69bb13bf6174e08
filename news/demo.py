"""Demo news: twelve items written in Kazakh and translated into Russian with wagtail-localize,
with small images drawn by Pillow (no files, no network). Idempotent: existing items are kept.
"""

import datetime
import io
import uuid

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.models import day_as_moment
from core.operations.bulk import published_on
from core.site.setup import ensure_site_structure
from core.slugs import ascii_slug
from core.translation import translate_page

from .models import NewsCategory, NewsIndexPage, NewsPage, NewsPageRelatedPage

CATEGORIES = [
    ("elections", "Сайлау", "Выборы"),
    ("union-life", "Кәсіподақ өмірі", "Жизнь профсоюзов"),
    ("labour-rights", "Еңбек құқықтары", "Трудовые права"),
    ("youth", "Жастар", "Молодёжь"),
]

CREDIT = ("Фото: ҚРКФ баспасөз қызметі", "Фото: пресс-служба ФПРК")

# (date, category, tags, related to the seed appeal, {field: (kk, ru)}, [(kk, ru) paragraphs],
#  quote (kk, ru) or None)
ITEMS = [
    (
        "2023-01-20",
        "elections",
        ["сайлау-2023"],
        True,
        {
            "title": (
                "Федерация 2023 жылғы сайлауға дайындықты бастады",
                "Федерация начала подготовку к выборам 2023 года",
            ),
            "lead": (
                "Кәсіподақтар Мәжіліс пен мәслихаттарға сайлауда өз кандидаттарын қолдайды.",
                "Профсоюзы поддержат своих кандидатов на выборах в Мажилис и маслихаты.",
            ),
        },
        [
            (
                "Федерация төралқасы сайлау науқанына дайындық жоспарын бекітті.",
                "Президиум Федерации утвердил план подготовки к избирательной кампании.",
            ),
            (
                "Өңірлік бірлестіктер кандидаттарды ұсыну туралы ұсыныстарын жібереді.",
                "Региональные объединения направят предложения о выдвижении кандидатов.",
            ),
        ],
        None,
    ),
    (
        "2023-02-03",
        "elections",
        ["сайлау-2023", "мәжіліс"],
        False,
        {
            "title": (
                "Кәсіподақтар Мәжіліс депутаттығына кандидаттарды қолдайды",
                "Профсоюзы поддерживают кандидатов в депутаты Мажилиса",
            ),
            "lead": (
                "Бас кеңес кәсіподақ қолдайтын кандидаттардың тізімін талқылады.",
                "Генеральный совет обсудил список кандидатов, поддерживаемых профсоюзами.",
            ),
        },
        [
            (
                "Кандидаттар бір мандатты округтерде де, партиялық тізімдерде де бар.",
                "Кандидаты есть и в одномандатных округах, и в партийных списках.",
            ),
            (
                "Әр кандидат еңбек адамдарының мүддесін қорғауға міндеттеме алды.",
                "Каждый кандидат обязался защищать интересы людей труда.",
            ),
        ],
        (
            "Парламентте жұмысшылардың дауысы естілуі керек.",
            "Голос работников должен звучать в Парламенте.",
        ),
    ),
    (
        "2023-02-15",
        "union-life",
        ["бас-кеңес"],
        False,
        {
            "title": (
                "Бас кеңестің кезекті отырысы өтті",
                "Состоялось очередное заседание Генерального совета",
            ),
            "lead": (
                "Отырыста ұжымдық шарттар мен әлеуметтік әріптестік мәселелері қаралды.",
                "На заседании рассмотрены коллективные договоры и социальное партнёрство.",
            ),
        },
        [
            (
                "Бас кеңес мүшелері өңірлердегі жағдай туралы баяндамаларды тыңдады.",
                "Члены Генерального совета заслушали доклады о положении в регионах.",
            ),
            (
                "Отырыстың шешімдері барлық мүшелік ұйымдарға жіберілді.",
                "Решения заседания направлены всем членским организациям.",
            ),
        ],
        None,
    ),
    (
        "2023-02-28",
        "labour-rights",
        ["еңбек-инспекциясы"],
        False,
        {
            "title": (
                "Еңбек инспекторларымен бірлескен тексерулер",
                "Совместные проверки с трудовыми инспекторами",
            ),
            "lead": (
                "Кәсіподақ инспекторлары отыз кәсіпорында еңбек жағдайын тексерді.",
                "Профсоюзные инспекторы проверили условия труда на тридцати предприятиях.",
            ),
        },
        [
            (
                "Тексерулер барысында жалақыны кешіктіру жағдайлары анықталды.",
                "В ходе проверок выявлены случаи задержки заработной платы.",
            ),
            (
                "Жұмыс берушілерге бұзушылықтарды жою туралы ұсынымдар берілді.",
                "Работодателям выданы представления об устранении нарушений.",
            ),
        ],
        None,
    ),
    (
        "2023-03-06",
        "youth",
        ["жастар", "сайлау-2023"],
        False,
        {
            "title": (
                "Жастар кеңесі сайлаушыларға арналған акция өткізді",
                "Молодёжный совет провёл акцию для избирателей",
            ),
            "lead": (
                "Жас кәсіподақ белсенділері алғаш рет дауыс беретіндерге сайлау туралы айтты.",
                "Молодые профсоюзные активисты рассказали о выборах тем, кто голосует впервые.",
            ),
        },
        [
            (
                "Акция бес қалада өтіп, оған мыңнан астам адам қатысты.",
                "Акция прошла в пяти городах, в ней участвовали более тысячи человек.",
            ),
        ],
        None,
    ),
    (
        "2023-03-10",
        "elections",
        ["сайлау-2023"],
        True,
        {
            "title": (
                "Кәсіподақ мүшелері сайлауға белсене қатысуға шақырылды",
                "Членов профсоюзов призвали активно участвовать в выборах",
            ),
            "lead": (
                "Федерация 19 наурыздағы сайлауға байланысты үндеу қабылдады.",
                "Федерация приняла обращение в связи с выборами 19 марта.",
            ),
        },
        [
            (
                "Үндеуде кәсіподақтардың сайлаудағы міндеттері атап өтілген.",
                "В обращении названы задачи профсоюзов на выборах.",
            ),
            (
                "Үндеудің толық мәтіні сайттың үндеулер бөлімінде жарияланды.",
                "Полный текст обращения опубликован в разделе обращений сайта.",
            ),
        ],
        (
            "Әрбір дауыс еңбек адамдарының болашағына әсер етеді.",
            "Каждый голос влияет на будущее людей труда.",
        ),
    ),
    (
        "2023-03-14",
        "labour-rights",
        ["жалақы"],
        False,
        {
            "title": (
                "Ең төменгі жалақы туралы ұсыныстар Үкіметке жолданды",
                "Предложения о минимальной заработной плате направлены в Правительство",
            ),
            "lead": (
                "Федерация ең төменгі жалақыны есептеу әдістемесін өзгертуді ұсынады.",
                "Федерация предлагает изменить методику расчёта минимальной заработной платы.",
            ),
        },
        [
            (
                "Ұсыныстар мүшелік ұйымдардың пікірлерін ескере отырып дайындалды.",
                "Предложения подготовлены с учётом мнений членских организаций.",
            ),
        ],
        None,
    ),
    (
        "2023-03-17",
        "union-life",
        ["өңірлер"],
        False,
        {
            "title": (
                "Өңірлік кәсіподақ бірлестіктерінің кеңесі",
                "Совет региональных профсоюзных объединений",
            ),
            "lead": (
                "Өңірлік бірлестіктердің басшылары тәжірибе алмасты.",
                "Руководители региональных объединений обменялись опытом.",
            ),
        },
        [
            (
                "Кеңесте кәсіподақ мүшелігін арттыру жолдары талқыланды.",
                "На совете обсуждались пути роста профсоюзного членства.",
            ),
        ],
        None,
    ),
    (
        "2023-03-20",
        "elections",
        ["сайлау-2023", "мәжіліс"],
        True,
        {
            "title": (
                "Сайлау қорытындылары: кәсіподақтар қолдаған кандидаттар",
                "Итоги выборов: кандидаты, поддержанные профсоюзами",
            ),
            "lead": (
                "Кәсіподақтар қолдаған кандидаттардың бірқатары депутат болып сайланды.",
                "Ряд кандидатов, поддержанных профсоюзами, избраны депутатами.",
            ),
        },
        [
            (
                "Федерация сайлаушыларға сенім білдіргені үшін алғыс айтады.",
                "Федерация благодарит избирателей за оказанное доверие.",
            ),
            (
                "Сайланған депутаттармен тұрақты жұмыс тобы құрылады.",
                "С избранными депутатами будет создана постоянная рабочая группа.",
            ),
        ],
        None,
    ),
    (
        "2023-04-05",
        "labour-rights",
        ["еңбекті-қорғау"],
        False,
        {
            "title": ("Еңбекті қорғау айлығы басталды", "Начался месячник охраны труда"),
            "lead": (
                "Айлық барысында кәсіпорындарда қауіпсіздік бойынша сабақтар өтеді.",
                "В течение месячника на предприятиях пройдут занятия по безопасности.",
            ),
        },
        [
            (
                "Кәсіподақтар өндірістік жарақаттың алдын алуға ерекше назар аударады.",
                "Профсоюзы уделят особое внимание профилактике производственного травматизма.",
            ),
        ],
        None,
    ),
    (
        "2023-04-18",
        "youth",
        ["жастар"],
        False,
        {
            "title": (
                "Жас кәсіподақ көшбасшыларының мектебі",
                "Школа молодых профсоюзных лидеров",
            ),
            "lead": (
                "Мектепке елдің барлық өңірінен қырық жас белсенді қатысты.",
                "В школе приняли участие сорок молодых активистов из всех регионов страны.",
            ),
        },
        [
            (
                "Қатысушылар ұжымдық келіссөздер жүргізуді үйренді.",
                "Участники учились вести коллективные переговоры.",
            ),
        ],
        None,
    ),
    (
        "2023-05-01",
        "union-life",
        ["мереке"],
        False,
        {
            "title": (
                "Қазақстан халқының бірлігі күні атап өтілді",
                "Отмечен День единства народа Казахстана",
            ),
            "lead": (
                "Кәсіподақтар мерекелік іс-шараларға белсене қатысты.",
                "Профсоюзы активно участвовали в праздничных мероприятиях.",
            ),
        },
        [
            (
                "Мерекелік шаралар барлық облыс орталықтарында өтті.",
                "Праздничные мероприятия прошли во всех областных центрах.",
            ),
        ],
        None,
    ),
]

PALETTE = ["#00507f", "#0b7a75", "#7a4b00", "#5b2a86", "#8a1c1c", "#2f5d1a"]


def demo_image_bytes(number, size=(960, 540)):
    """A small JPEG drawn from `number`: a coloured field with a few shapes."""
    width, height = size
    colour = PALETTE[number % len(PALETTE)]
    image = PillowImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 3 // 4, width, height], fill="#f5c400")
    for step in range(3 + number % 4):
        x = (step * 97 + number * 53) % width
        y = (step * 61 + number * 29) % (height * 3 // 4)
        radius = 20 + (step * 13 + number * 7) % 50
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline="#ffffff", width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def demo_image(number, titles, part=""):
    """The picture of a news item, titled in the admin's image library after the item, in
    both languages (the library is shared by Kazakh and Russian editors)."""
    Image = get_image_model()
    title = f"{titles[0]} / {titles[1]}{part}"[:255]
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(demo_image_bytes(number)), name=f"news-{number:02d}.jpg")
        image.save()
    return image


def ensure_categories():
    categories = {}
    for slug, name_kk, name_ru in CATEGORIES:
        category, _ = NewsCategory.objects.get_or_create(
            slug=slug, defaults={"names": {"kk": name_kk, "ru": name_ru}}
        )
        categories[slug] = category
    return categories


def _seed_appeal():
    from django.apps import apps

    AppealPage = apps.get_model("appeals", "AppealPage")
    return AppealPage.objects.filter(locale__language_code="kk").live().first()


def _body(paragraphs, quote, image):
    body = [
        {"type": "paragraph", "value": f"<p>{kk}</p>", "id": str(uuid.uuid4())}
        for kk, _ru in paragraphs
    ]
    if quote:
        body.append(
            {
                "type": "quote",
                "value": {"text": quote[0], "attribution": ""},
                "id": str(uuid.uuid4()),
            }
        )
    if image is not None:
        body.append(
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Кәсіподақ белсенділері жиналыста",
                    "caption": "Жиналыс сәті",
                    "credit": CREDIT[0],
                },
                "id": str(uuid.uuid4()),
            }
        )
    return body


def _translator(fields, paragraphs, quote):
    pairs = list(fields.values()) + list(paragraphs) + [CREDIT]
    if quote:
        pairs.append(quote)
    pairs += [
        ("Кәсіподақ белсенділері жиналыста", "Профсоюзные активисты на собрании"),
        ("Жиналыс сәті", "Во время собрания"),
        ("Жиналыстан көрініс", "Сцена с собрания"),
    ]
    by_text = dict(pairs)
    ru_title = fields["title"][1]

    def translate(path, source_text):
        if path == "slug":
            return ascii_slug(ru_title, 60)
        return by_text.get(source_text)

    return translate


def load(stdout=None):
    ensure_site_structure()
    categories = ensure_categories()
    kk = Locale.objects.get(language_code="kk")
    ru = Locale.objects.get(language_code="ru")
    index = NewsIndexPage.objects.get(locale=kk)
    appeal = _seed_appeal()
    created = 0
    for number, (day, category, tags, related, fields, paragraphs, quote) in enumerate(ITEMS, 1):
        slug = ascii_slug(fields["title"][0], 60)
        page = NewsPage.objects.child_of(index).filter(slug=slug).first()
        body_image = (
            demo_image(number + 100, fields["title"], part=" (2)") if number % 3 == 0 else None
        )
        if page is None:
            page = NewsPage(
                locale=kk,
                slug=slug,
                title=fields["title"][0],
                lead=fields["lead"][0],
                date=datetime.date.fromisoformat(day),
                category=categories[category],
                main_image=demo_image(number, fields["title"]),
                image_alt="Жиналыстан көрініс",
                image_credit=CREDIT[0],
                body=_body(paragraphs, quote, body_image),
            )
            page.tags.add(*tags)
            if related and appeal is not None:
                page.related_pages.add(NewsPageRelatedPage(target=appeal))
            index.add_child(instance=page)
            page.save_revision().publish()
            created += 1
        translated = page.get_translation_or_none(ru)
        if translated is None:
            translated = translate_page(
                page,
                ru,
                _translator(fields, paragraphs, quote),
                publish=True,
            )
            # Published on its date, as the item says (core.operations.bulk.published_on).
            published_on([page, translated], day_as_moment(page.date))
    if stdout:
        stdout.write(f"News: {created} new item(s), {len(ITEMS)} in each language.")
