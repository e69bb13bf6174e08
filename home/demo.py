"""Demo content of the home app: the About page in both languages and the footer's contacts.
Idempotent: an existing About page and footer values that editors changed are kept."""

import uuid

from wagtail.models import Locale

from core.site.setup import ensure_site_structure
from core.slugs import ascii_slug
from core.translation import translate_page

from .footer import FooterSettings
from .models import ContentPage, HomePage

ABOUT = {
    "title": ("Федерация туралы", "О Федерации"),
    "intro": (
        "Қазақстан Республикасы Кәсіподақтар федерациясы – еліміздегі ең ірі кәсіподақ "
        "бірлестігі, салалық және өңірлік кәсіподақтарды біріктіреді.",
        "Федерация профсоюзов Республики Казахстан – крупнейшее профсоюзное объединение "
        "страны, объединяющее отраслевые и региональные профсоюзы.",
    ),
}
PARAGRAPHS = [
    (
        "Федерация жұмыскерлердің еңбек және әлеуметтік-экономикалық мүдделерін қорғайды, "
        "әлеуметтік әріптестік жүйесінде олардың атынан келіссөздер жүргізеді.",
        "Федерация защищает трудовые и социально-экономические интересы работников и ведёт "
        "от их имени переговоры в системе социального партнёрства.",
    ),
    (
        "Федерацияға салалық кәсіподақтар мен облыстардың, Астана, Алматы және Шымкент "
        "қалаларының кәсіподақ бірлестіктері мүше.",
        "В Федерацию входят отраслевые профсоюзы и профсоюзные объединения областей, "
        "городов Астаны, Алматы и Шымкента.",
    ),
]

FOOTER = {
    "address": {
        "kk": "010000, Астана қаласы, Абай даңғылы, 38",
        "ru": "010000, г. Астана, проспект Абая, 38",
    },
    "phone": "+7 (7172) 21-63-40",
    "email": "info@fprk.kz",
    "social_links": [
        ("Telegram", "https://t.me/fprk_kz"),
        ("Facebook", "https://www.facebook.com/fprk.kz"),
        ("Instagram", "https://www.instagram.com/fprk.kz"),
        ("YouTube", "https://www.youtube.com/@fprk_kz"),
    ],
}


def _translator():
    by_text = dict([*ABOUT.values(), *PARAGRAPHS])

    def translate(path, source_text):
        if path == "slug":
            return ascii_slug(ABOUT["title"][1])
        return by_text.get(source_text)

    return translate


def ensure_about_page():
    """The About page under the Kazakh home, translated into Russian, both published."""
    kk = Locale.objects.get(language_code="kk")
    home = HomePage.objects.get(locale=kk)
    slug = ascii_slug(ABOUT["title"][0])
    page = ContentPage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = ContentPage(
            locale=kk,
            slug=slug,
            title=ABOUT["title"][0],
            intro=ABOUT["intro"][0],
            body=[
                {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}
                for text, _ru in PARAGRAPHS
            ],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    for locale in Locale.objects.filter(language_code="ru"):
        if page.get_translation_or_none(locale) is None:
            translate_page(page, locale, _translator(), publish=True)
    return page


def load(stdout=None):
    ensure_site_structure()
    about = ensure_about_page()
    footer = FooterSettings.load()
    if not (footer.address or footer.phone or footer.email):
        footer.address = FOOTER["address"]
        footer.phone = FOOTER["phone"]
        footer.email = FOOTER["email"]
        footer.social_links = [
            ("link", {"name": name, "url": url}) for name, url in FOOTER["social_links"]
        ]
    if footer.about_page_id is None:
        footer.about_page = about
    footer.save()
    if stdout:
        stdout.write(f"Footer and About page: {about.url_path}")
