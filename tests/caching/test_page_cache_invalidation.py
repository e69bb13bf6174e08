"""Exact invalidation, table-driven: a reader who has every public URL cached sees each
publishing event on the next request of every URL that shows it, and every other URL is still
served from the cache (a hit, not re-rendered).

Each row names an event and the URLs it must purge; all the others must stay hits."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from appeals.models import AppealIndexPage, AppealPage
from candidates.models import Election, MemberUnion, Region
from news.models import NewsCategory, NewsPage
from tests.candidates_factories import candidacy, candidate, indexes, translate, union
from tests.editorial_helpers import (
    editor_publish,
    first_paragraph_segment,
    login,
    put_string,
    workflow_action,
)
from tests.news_factories import category, news_index, publish_news, tiny_image, translate_news

pytestmark = pytest.mark.django_db

COMMON = {"home_kk", "home_ru", "sitemap", "sitemap_kk", "sitemap_ru", "search_kk", "search_ru"}
NEWS_KK = {"news_kk", "news_kk_category", "feed_kk", "atom_kk"}
NEWS_RU = {"news_ru", "feed_ru"}
ITEM1 = {"item1_kk", "item1_ru"} | NEWS_KK | NEWS_RU
APPEAL = {"appeal_kk", "appeal_ru", "appeals_kk", "appeals_ru", "item1_kk", "item1_ru"}
DIRECTORIES = {"dir_kk", "dir_kk_region", "dir_ru", "csv_kk", "json_ru"}


@pytest.fixture
def site(users, seed_appeal, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    # Listing cards kept between renders too (core/caching/fragments.py): a purged listing must show
    # the change, so a stale card would fail the table below.
    settings.FRAGMENT_CACHE_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        kk_appeal, ru_appeal = seed_appeal
        pdf = get_document_model()(title="Үндеу")
        pdf.file.save("undeu-v1.pdf", ContentFile(b"%PDF-1.4 v1"), save=True)
        kk_appeal.pdf = pdf
        kk_appeal.save_revision().publish()
        appeal2 = AppealPage(
            title="Екінші үндеу",
            slug="ekinshi-undeu",
            number="2",
            date_adopted=datetime.date(2020, 1, 1),
            body=[("paragraph", "<p>Мәтін.</p>")],
            locale=kk_appeal.locale,
        )
        kk_appeal.get_parent().add_child(instance=appeal2)
        appeal2.save_revision().publish()
        elections = category()
        item1 = publish_news(
            news_index("kk"),
            "Бірінші жаңалық",
            date=datetime.date(2024, 1, 2),
            category=elections,
            main_image=tiny_image(),
            related=[kk_appeal],
        )
        translate_news(item1)
        item2 = publish_news(news_index("kk"), "Екінші жаңалық", date=datetime.date(2024, 1, 1))
        kk_dir, ru_dir = indexes()
        person1 = candidate(
            kk_dir,
            "Бірінші Адам",
            [candidacy(region=Region.objects.get(code="KZ-75"))],
            union=union(),
        )
        translate(person1, "Первый Человек")
        person2 = candidate(
            kk_dir,
            "Екінші Адам",
            [candidacy(region=Region.objects.get(code="KZ-71"), district_number=4)],
        )
    ru = Locale.objects.get(language_code="ru")
    region = Region.objects.get(code="KZ-75")
    urls = {
        "home_kk": "/kk/",
        "home_ru": "/ru/",
        "appeals_kk": kk_appeal.get_parent().url,
        "appeals_ru": ru_appeal.get_parent().url,
        "appeal_kk": kk_appeal.url,
        "appeal_ru": ru_appeal.url,
        "appeal2_kk": appeal2.url,
        "news_kk": news_index("kk").url,
        "news_kk_category": news_index("kk").url + "?category=" + elections.slug,
        "news_ru": news_index("ru").url,
        "feed_kk": news_index("kk").url + "feed/",
        "atom_kk": news_index("kk").url + "feed/atom/",
        "feed_ru": news_index("ru").url + "feed/",
        "item1_kk": item1.url,
        "item1_ru": item1.get_translation(ru).url,
        "item2_kk": item2.url,
        "dir_kk": kk_dir.url,
        "dir_kk_region": kk_dir.url + f"?region={region.pk}",
        "dir_ru": ru_dir.url,
        "csv_kk": kk_dir.url + "export.csv",
        "json_ru": ru_dir.url + "export.json",
        "person1_kk": person1.url,
        "person1_ru": person1.get_translation(ru).url,
        "person2_kk": person2.url,
        "sitemap": "/sitemap.xml",
        "sitemap_kk": "/sitemap-kk.xml",
        "sitemap_ru": "/sitemap-ru.xml",
        "search_kk": "/kk/search/?q=жаңалық",
        "search_ru": "/ru/search/?q=новость",
        "robots": "/robots.txt",
    }
    objects = {
        "kk_appeal": kk_appeal,
        "ru_appeal": ru_appeal,
        "appeal2": appeal2,
        "item1": item1,
        "item2": item2,
        "person1": person1,
        "person2": person2,
        "category": elections,
        "pdf": pdf,
        "region": region,
    }
    return {"urls": urls, **objects}


def warm(client, urls):
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    for name, url in urls.items():
        assert client.get(url)["X-Page-Cache"] == "hit", name


def edit_news_title(site, ru=None):
    page = NewsPage.objects.get(pk=site["item1"].pk)
    page.title = "Өзгертілген жаңалық"
    page.save_revision().publish()
    return {
        "item1_kk": "Өзгертілген жаңалық",
        "news_kk": "Өзгертілген жаңалық",
        "feed_kk": "Өзгертілген жаңалық",
        "home_kk": "Өзгертілген жаңалық",
    }


def edit_appeal(site):
    page = AppealPage.objects.get(pk=site["kk_appeal"].pk)
    page.title = "Жаңартылған үндеу"
    page.save_revision().publish()
    return {
        "appeal_kk": "Жаңартылған үндеу",
        "appeals_kk": "Жаңартылған үндеу",
        "item1_kk": "Жаңартылған үндеу",
    }


def unpublish_news(site):
    NewsPage.objects.get(pk=site["item2"].pk).unpublish()
    return {"news_kk": "!Екінші жаңалық", "feed_kk": "!Екінші жаңалық", "item2_kk": 404}


def delete_news(site):
    NewsPage.objects.get(pk=site["item2"].pk).delete()
    return {"news_kk": "!Екінші жаңалық", "item2_kk": 404}


def change_slug(site):
    page = NewsPage.objects.get(pk=site["item1"].pk)
    page.slug = "zhana-slug"
    page.save_revision().publish()
    # The old address redirects to the new one (Wagtail makes the redirect).
    return {"item1_kk": 301, "news_kk": "zhana-slug"}


def move_appeal(site):
    appeal2 = Page.objects.get(pk=site["appeal2"].pk)
    appeal2.move(AppealIndexPage.objects.get(locale__language_code="ru"), pos="last-child")
    # The old address redirects to the new one (Wagtail makes the redirect).
    return {"appeal2_kk": 301, "appeals_kk": "!Екінші үндеу", "appeals_ru": "Екінші үндеу"}


def scheduled_publish(site):
    draft = NewsPage(
        title="Жоспарланған жаңалық",
        slug="zhosparlangan",
        lead="L",
        date=datetime.date(2024, 2, 1),
        body=[],
        live=False,
    )
    news_index("kk").add_child(instance=draft)
    revision = draft.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    return {"news_kk": "Жоспарланған жаңалық", "feed_kk": "Жоспарланған жаңалық"}


def expiry(site):
    Page.objects.filter(translation_key=site["item1"].translation_key).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled", stdout=io.StringIO())
    return {"item1_kk": 404, "item1_ru": 404, "news_kk": "!Бірінші жаңалық"}


def approve_translation(site, client, users):
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=site["kk_appeal"].translation_key, target_locale__language_code="ru"
    )
    login(client, users["translator_ru"])
    put_string(client, translation, first_paragraph_segment(translation), "Одобренный абзац.")
    editor_publish(client, site["ru_appeal"])
    login(client, users["moderator"])
    workflow_action(client, site["ru_appeal"], "approve")
    client.logout()
    return {"appeal_ru": "Одобренный абзац."}


def rename_region(site):
    region = site["region"]
    region.names = {"kk": "Жаңа Алматы", "ru": "Новая Алматы"}
    region.save()
    return {
        "person1_kk": "Жаңа Алматы",
        "person1_ru": "Новая Алматы",
        "dir_kk": "Жаңа Алматы",
        "csv_kk": "Жаңа Алматы",
    }


def rename_union(site):
    backing = MemberUnion.objects.get(code="energy")
    backing.names = {"kk": "Жаңа кәсіподақ", "ru": "Новый профсоюз"}
    backing.save()
    return {"person1_kk": "Жаңа кәсіподақ", "dir_kk": "Жаңа кәсіподақ"}


def rename_election(site):
    election = Election.objects.get()
    election.names = {"kk": "Ұлы сайлау", "ru": "Великие выборы"}
    election.save()
    return {"home_kk": "Ұлы сайлау", "person1_kk": "Ұлы сайлау", "dir_kk": "Ұлы сайлау"}


def rename_category(site):
    elections = NewsCategory.objects.get(pk=site["category"].pk)
    elections.names = {"kk": "Жаңа санат", "ru": "Новая рубрика"}
    elections.save()
    return {"news_kk": "Жаңа санат", "item1_kk": "Жаңа санат", "item1_ru": "Новая рубрика"}


def replace_image(site):
    """What the image edit form does when a new file is chosen (wagtail/images/forms.py)."""
    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage

    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 36), "#aa0000").save(buffer, format="JPEG")
    image = NewsPage.objects.get(pk=site["item1"].pk).main_image
    image.file = ImageFile(buffer, name="replaced.jpg")
    image._set_image_file_metadata()
    image.renditions.all().delete()
    image.save()
    return {"item1_kk": "replaced", "news_kk": "replaced"}


def replace_document(site):
    pdf = get_document_model().objects.get(pk=site["pdf"].pk)
    pdf.file.save("undeu-v2.pdf", ContentFile(b"%PDF-1.4 v2"), save=True)
    return {"appeal_kk": "undeu-v2"}


def save_footer(site):
    """Every page shows the footer (home/footer.py): saving its setting purges everything."""
    from home.footer import FooterSettings

    setting = FooterSettings.load()
    setting.phone = "+7 (7172) 99-99-99"
    setting.address = {"kk": "Астана, Жаңа көше, 1", "ru": "Астана, Новая улица, 1"}
    setting.save()
    return {
        "home_kk": "+7 (7172) 99-99-99",
        "appeal_ru": "Астана, Новая улица, 1",
        "dir_kk": "Астана, Жаңа көше, 1",
        "item2_kk": "+7 (7172) 99-99-99",
        "search_ru": "Астана, Новая улица, 1",
    }


EVERYTHING = "every URL"

EVENTS = [
    ("publish an edited news item", edit_news_title, COMMON | ITEM1),
    ("publish an appeal that a news item relates to", edit_appeal, COMMON | APPEAL),
    ("unpublish", unpublish_news, COMMON | NEWS_KK | {"item2_kk"}),
    ("delete", delete_news, COMMON | NEWS_KK | {"item2_kk"}),
    ("slug change", change_slug, COMMON | ITEM1),
    ("move", move_appeal, COMMON | {"appeals_kk", "appeals_ru", "appeal2_kk"}),
    ("scheduled publishing", scheduled_publish, COMMON | NEWS_KK),
    ("expiry", expiry, COMMON | ITEM1),
    ("a moderator approves a translation", approve_translation, COMMON | APPEAL),
    ("a region renamed", rename_region, COMMON | DIRECTORIES | {"person1_kk", "person1_ru"}),
    ("a union renamed", rename_union, COMMON | DIRECTORIES | {"person1_kk", "person1_ru"}),
    (
        "an election renamed",
        rename_election,
        COMMON | DIRECTORIES | {"person1_kk", "person1_ru", "person2_kk"},
    ),
    ("a news category renamed", rename_category, COMMON | ITEM1),
    ("an image replaced", replace_image, COMMON | ITEM1),
    ("a document replaced", replace_document, COMMON | APPEAL - {"item1_kk", "item1_ru"}),
    ("the footer saved in the admin's settings", save_footer, EVERYTHING),
]


@pytest.mark.parametrize("name,event,purged", EVENTS, ids=[row[0] for row in EVENTS])
def test_each_event_purges_exactly_what_shows_it(
    client, users, site, settings, name, event, purged, django_capture_on_commit_callbacks
):
    """Then, with the page cache off (a miss, or a new query string), the pieces kept between
    renders (core/caching/fragments.py: each URL's routed page, head and header, picture and links,
    listing cards, the home page's election summary; kept while every URL was warmed) give
    the very page a render from scratch gives."""
    urls = site["urls"]
    if purged == EVERYTHING:
        purged = set(urls)
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        if event is approve_translation:
            expected = event(site, client, users)
        else:
            expected = event(site)
    for key, url in urls.items():
        response = client.get(url)
        state = response.get("X-Page-Cache")
        if key in purged:
            assert state != "hit", f"{name}: {key} ({url}) was not purged"
        else:
            assert state == "hit", f"{name}: {key} ({url}) was purged but does not show the change"
        if key in expected:
            change = expected[key]
            body = response.content.decode()
            if isinstance(change, int):
                assert response.status_code == change, f"{name}: {key}"
            elif change.startswith("!"):
                assert change[1:] not in body, f"{name}: {key} still shows {change[1:]}"
            else:
                assert change in body, f"{name}: {key} does not show {change}"
    settings.PAGE_CACHE_ENABLED = False
    for key, url in urls.items():
        settings.FRAGMENT_CACHE_ENABLED = True
        kept = client.get(url)
        settings.FRAGMENT_CACHE_ENABLED = False
        fresh = client.get(url)
        assert kept.status_code == fresh.status_code, f"{name}: {key}"
        assert kept.content.decode() == fresh.content.decode(), f"{name}: {key} ({url}) kept"


def test_a_section_renamed_purges_every_page(
    client, users, site, django_capture_on_commit_callbacks
):
    """Sections name themselves in every page's navigation: everything is purged."""
    warm(client, site["urls"])
    with django_capture_on_commit_callbacks(execute=True):
        index = news_index("kk")
        index.title = "Хабарлар"
        index.save_revision().publish()
    for key, url in site["urls"].items():
        assert client.get(url).get("X-Page-Cache") != "hit", key
    assert "Хабарлар" in client.get("/kk/").content.decode()


def test_a_listing_renders_again_only_the_cards_that_changed(
    client, site, settings, django_capture_on_commit_callbacks, monkeypatch
):
    """Cards are kept between renders of a listing (core/caching/fragments.py) and retired with
    their page: after a region is renamed, the directory renders again the card of the candidate
    standing there, not the other one; after a news item is edited, only its card."""
    from django.test.signals import template_rendered

    settings.PAGE_CACHE_ENABLED = False
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    # The directory's cards are written out in Python (candidates/cards.py): counted here.
    from candidates.cards import CandidateCard

    card_render = CandidateCard.render

    def counted(self, context):
        rendered.append(self.name)
        return card_render(self, context)

    monkeypatch.setattr(CandidateCard, "render", counted)

    def cards(url, template_name):
        rendered.clear()
        template_rendered.connect(record)
        try:
            body = client.get(url).content.decode()
        finally:
            template_rendered.disconnect(record)
        return body, rendered.count(template_name)

    directory, news = site["urls"]["dir_kk"], site["urls"]["news_kk"]
    candidate_card = CandidateCard.name
    news_card = "news/includes/news_card.html"
    assert cards(directory, candidate_card)[1] == 2
    assert cards(news, news_card)[1] == 2
    assert cards(directory, candidate_card)[1] == 0
    assert cards(news, news_card)[1] == 0
    with django_capture_on_commit_callbacks(execute=True):
        rename_region(site)
        edit_news_title(site)
    body, count = cards(directory, candidate_card)
    assert count == 1
    assert "Жаңа Алматы" in body
    body, count = cards(news, news_card)
    assert count == 1
    assert "Өзгертілген жаңалық" in body and "Екінші жаңалық" in body
    # The other language keeps its own cards: the Russian listing renders its own once.
    assert cards(site["urls"]["news_ru"], news_card)[1] == 1
    assert cards(site["urls"]["news_ru"], news_card)[1] == 0
