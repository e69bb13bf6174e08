"""The footer editors keep in the admin (home/footer.py): what every page shows of it in each
language, who may change it, and that a change reaches pages the page cache kept."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from home.demo import ensure_about_page
from home.footer import FooterSettings
from tests.editorial_helpers import login
from tests.news_factories import news_index

pytestmark = pytest.mark.django_db

ADDRESS = {"kk": "Астана қаласы, Абай даңғылы, 38", "ru": "г. Астана, проспект Абая, 38"}
SOCIAL = [("Telegram", "https://t.me/fprk_kz"), ("Facebook", "https://www.facebook.com/fprk.kz")]


@pytest.fixture
def footer(site_structure):
    about = ensure_about_page()
    setting = FooterSettings.load()
    setting.address = ADDRESS
    setting.phone = "+7 (7172) 21-63-40"
    setting.email = "info@fprk.kz"
    setting.social_links = [("link", {"name": name, "url": url}) for name, url in SOCIAL]
    setting.about_page = about
    setting.save()
    return setting


def footer_of(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return BeautifulSoup(response.content, "html.parser").select_one("footer.site-footer")


def edit_url():
    setting = FooterSettings.load()
    return reverse("wagtailsettings:edit", args=["home", "footersettings", setting.pk])


def form_data(**changes):
    """The admin form's fields as the settings page posts them (the social links are a
    StreamField: count, then each block's type, value, order and id)."""
    setting = FooterSettings.load()
    data = {
        "address_kk": setting.address.get("kk", ""),
        "address_ru": setting.address.get("ru", ""),
        "phone": setting.phone,
        "email": setting.email,
        "about_page": setting.about_page_id or "",
        "social_links-count": len(SOCIAL),
    }
    for number, (name, url) in enumerate(SOCIAL):
        prefix = f"social_links-{number}"
        data.update(
            {
                f"{prefix}-type": "link",
                f"{prefix}-value-name": name,
                f"{prefix}-value-url": url,
                f"{prefix}-deleted": "",
                f"{prefix}-order": number,
                f"{prefix}-id": str(uuid.uuid4()),
            }
        )
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_page_shows_the_footer_in_the_readers_language(client, footer, language):
    about_title = {"kk": "Федерация туралы", "ru": "О Федерации"}[language]
    index = news_index(language)
    for url in (f"/{language}/", index.url, f"/{language}/search/?q=жоқсөз"):
        found = footer_of(client, url)
        assert ADDRESS[language] in found.select_one(".site-footer__address").get_text()
        other = "ru" if language == "kk" else "kk"
        assert ADDRESS[other] not in found.get_text()
        phone = found.select_one(".site-footer__phone a")
        assert (phone.get_text(), phone["href"]) == ("+7 (7172) 21-63-40", "tel:+77172216340")
        assert found.select_one(".site-footer__email a")["href"] == "mailto:info@fprk.kz"
        social = [(a.get_text(), a["href"]) for a in found.select(".site-footer__social a")]
        assert social == SOCIAL
        about = found.select_one(".site-footer__about a")
        assert about.get_text() == about_title
        assert client.get(about["href"]).status_code == 200
        feeds = {a.get_text(): a["href"] for a in found.select(".site-footer__feeds a")}
        assert feeds == {"RSS": index.rss_url, "Atom": index.atom_url}
        assert client.get(feeds["RSS"]).status_code == 200


def test_the_labels_are_in_the_readers_language(client, footer):
    kk, ru = footer_of(client, "/kk/"), footer_of(client, "/ru/")
    assert kk.select_one(".site-footer__address .site-footer__label").get_text() == "Мекенжайы:"
    assert ru.select_one(".site-footer__address .site-footer__label").get_text() == "Адрес:"
    assert kk.select_one("#footer-feeds-heading").get_text() == "Жаңалықтар арналары"
    assert ru.select_one("#footer-feeds-heading").get_text() == "Ленты новостей"


def test_an_empty_footer_shows_the_name_and_the_feeds_only(client, site_structure):
    found = footer_of(client, "/ru/")
    assert found.select_one(".site-footer__address") is None
    assert found.select_one(".site-footer__social") is None
    assert "Федерация профсоюзов Республики Казахстан" in found.get_text()
    assert found.select_one(".site-footer__feeds a")["href"] == news_index("ru").rss_url


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_change_the_footer_and_pages_kept_by_the_cache_show_it(
    client, users, footer, role, django_capture_on_commit_callbacks
):
    urls = ["/kk/", "/ru/", news_index("ru").url]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    login(client, users[role])
    assert client.get(edit_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(),
            form_data(phone="+7 (7172) 55-00-00", address_ru="г. Астана, улица Бейбітшілік, 10"),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] != "hit", url
        assert "+7 (7172) 55-00-00" in response.content.decode(), url
    assert "улица Бейбітшілік, 10" in footer_of(client, "/ru/").get_text()
    assert ADDRESS["kk"] in footer_of(client, "/kk/").get_text()


@pytest.mark.parametrize("role", ["translator_kk", "translator_ru"])
def test_translators_may_not_change_the_footer(client, users, footer, role):
    login(client, users[role])
    assert client.get(edit_url()).status_code != 200
    client.post(edit_url(), form_data(phone="+7 000"))
    assert FooterSettings.load().phone == "+7 (7172) 21-63-40"


def test_the_footer_costs_no_query_on_a_warm_page(client, footer, caches_off):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/ru/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/ru/")
    assert not [q for q in queries.captured_queries if "home_footersettings" in q["sql"]]


def test_the_about_page_renamed_shows_in_every_footer(
    client, footer, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale

    ru_about = footer.about_page.get_translation(Locale.objects.get(language_code="ru"))
    client.get("/ru/")
    with django_capture_on_commit_callbacks(execute=True):
        ru_about.title = "О нас"
        ru_about.save_revision().publish()
    assert footer_of(client, news_index("ru").url).select_one(
        ".site-footer__about a"
    ).get_text() == ("О нас")


def test_an_about_page_deeper_in_the_tree_renamed_shows_in_every_footer(
    client, seed_appeal, footer, django_capture_on_commit_callbacks
):
    """Any page may be the About page; its publication purges every page (home/footer.py),
    not only the pages a publication of it would purge (its section, the homes)."""
    from tests.news_factories import publish_news, translate_news

    item = publish_news(news_index("kk"), "Біз туралы")
    ru_item = translate_news(item)
    with django_capture_on_commit_callbacks(execute=True):
        footer.about_page = item
        footer.save()
    appeal_url = seed_appeal[1].url
    assert footer_of(client, appeal_url).select_one(".site-footer__about a").get_text() == (
        "RU Біз туралы"
    )
    assert client.get(appeal_url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ru_item.title = "О нас"
        ru_item.save_revision().publish()
    response = client.get(appeal_url)
    assert response["X-Page-Cache"] != "hit"
    about = BeautifulSoup(response.content, "html.parser").select_one(".site-footer__about a")
    assert (about.get_text(), about["href"]) == ("О нас", ru_item.url)
