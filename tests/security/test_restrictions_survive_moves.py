"""Restrictions hold across tree edits, and restricted pages open for the readers they are for.

A page's place in the tree (Wagtail's `path`) is renumbered by an ordinary reorder in the
explorer: moving a sibling in front of a page, the page itself, or its parent. Whether a page
is restricted must follow the page, not a path read before the move: after each move the
protected page still asks for its password (with and without a query string), is stored in no
cache, and stays out of every listing, feed, sitemap and search. The password form works in
both languages in the site's own frame, and what one reader unlocked is never served to another.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Locale, PageViewRestriction

from appeals.models import AppealIndexPage
from tests.candidates_factories import candidacy, candidate, indexes
from tests.news_factories import news_index, publish_news, translate_news

pytestmark = pytest.mark.django_db

SECRET = "Жасырын"
PASSWORD = "ashyq-sez-2024"
WRONG_PASSWORD_MESSAGE = {
    "kk": "Енгізілген құпия сөз дұрыс емес",
    "ru": "Введённый вами пароль неверный",
}
PASSWORD_HEADING = {"kk": "Құпия сөз қажет", "ru": "Требуется пароль"}


@pytest.fixture
def caches_on(settings):
    """As in production: the page cache and the kept fragments both on."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def protected(site_structure, caches_on):
    """Three news items in kk and ru; the middle one under a password in both languages."""
    index = news_index("kk")
    first = publish_news(index, "Бірінші жаңалық", slug="birinshi")
    secret = publish_news(
        index, f"{SECRET} жаңалық", slug="qupiya", body=[("paragraph", f"<p>{SECRET} мәтін.</p>")]
    )
    last = publish_news(index, "Үшінші жаңалық", slug="ushinshi")
    for page in (first, secret, last):
        translate_news(page, prefix=f"{SECRET} " if page is secret else "RU ")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return {"first": first, "secret": secret, "last": last, "index": index}


def in_language(page, language):
    return page.get_translation(Locale.objects.get(language_code=language))


def listing_urls():
    urls = ["/kk/", "/ru/", "/sitemap-kk.xml", "/sitemap-ru.xml"]
    for language in ("kk", "ru"):
        index = news_index(language).url
        urls += [index, index + "feed/", index + "feed/atom/", index + "?page=1"]
    urls += ["/kk/search/?q=жаңалық", "/ru/search/?q=жаңалық"]
    return urls


def assert_protected(client, page, language):
    """The page asks for its password and holds nothing of the page; nothing is stored."""
    url = in_language(page, language).url
    for address in (url, url + "?x=1", url + "?page=2&utm_source=share"):
        for attempt in range(2):  # the second would be the cached copy, if one were kept
            response = client.get(address)
            body = response.content.decode()
            assert response.status_code == 200, address
            assert PASSWORD_HEADING[language] in body, (address, attempt)
            assert f"{SECRET} мәтін" not in body, (address, attempt)
            assert response.get("X-Page-Cache") != "hit", (address, attempt)
            assert "private" in response["Cache-Control"], address


def assert_listed_nowhere(client):
    for url in listing_urls():
        for _attempt in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET not in response.content.decode(), url


def move_sibling_in_front(pages):
    # An ordinary reorder in the explorer: the last item dragged in front of the protected one.
    MovePageAction(pages["last"], pages["secret"], pos="left").execute()


def move_the_page_itself(pages):
    MovePageAction(pages["secret"], pages["first"], pos="left").execute()


def move_its_parent(pages):
    # The news section dragged in front of the appeals section on the home page.
    appeals = AppealIndexPage.objects.get(locale__language_code="kk")
    MovePageAction(pages["index"], appeals, pos="left").execute()


@pytest.mark.parametrize(
    "move", [move_sibling_in_front, move_the_page_itself, move_its_parent], ids=lambda f: f.__name__
)
def test_a_protected_page_stays_protected_after_a_move(
    client, protected, move, django_capture_on_commit_callbacks
):
    # Everything cached first, as on a busy site.
    for language in ("kk", "ru"):
        assert_protected(client, protected["secret"], language)
    assert_listed_nowhere(client)
    paths_before = protected["secret"].path, protected["index"].path

    with django_capture_on_commit_callbacks(execute=True):  # the purges, as after a commit
        move(protected)
    protected["secret"].refresh_from_db()
    protected["index"].refresh_from_db()
    # The move did renumber the tree (else this test would prove nothing).
    assert (protected["secret"].path, protected["index"].path) != paths_before or (
        move is move_sibling_in_front
    )

    for language in ("kk", "ru"):
        assert_protected(client, protected["secret"], language)
    assert_listed_nowhere(client)
    # The other items are still public and readable.
    for language in ("kk", "ru"):
        other = client.get(in_language(protected["first"], language).url)
        assert other.status_code == 200 and PASSWORD_HEADING[language] not in other.content.decode()


def test_a_sibling_moved_in_front_renumbers_the_protected_page(protected):
    """The premise of the reorder case: the protected page's own path changes."""
    before = protected["secret"].path
    move_sibling_in_front(protected)
    protected["secret"].refresh_from_db()
    assert protected["secret"].path != before


def test_a_new_page_under_a_restricted_parent_is_private_at_once(client, protected):
    """A page added below a protected page is covered by its parent's restriction."""
    PageViewRestriction.objects.create(
        page=protected["index"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    child = publish_news(protected["index"], f"{SECRET} жаңа", slug="qupiya-zhana")
    response = client.get(child.url)
    assert PASSWORD_HEADING["kk"] in response.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_password_form_opens_the_page_in_the_readers_language(client, protected, language):
    page = in_language(protected["secret"], language)
    form_page = client.get(page.url)
    html = BeautifulSoup(form_page.content, "html.parser")
    # The site's own frame: header, navigation, language switcher; nothing of the page.
    assert html.select_one("header.site-header") and html.select_one("nav.language-switcher")
    assert html.find("html")["lang"] == language
    assert html.find("meta", {"name": "robots"})["content"] == "noindex"
    assert SECRET not in html.title.text
    form = html.select_one("form.restricted-access__form")
    action = form["action"]
    assert action.startswith(f"/{language}/_util/authenticate_with_password/")
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input")}

    wrong = client.post(action, {**fields, "password": "not-it"})
    assert wrong.status_code == 200
    wrong_html = wrong.content.decode()
    assert WRONG_PASSWORD_MESSAGE[language] in wrong_html
    assert f"{SECRET} мәтін" not in wrong_html
    assert "site-header" in wrong_html  # still the site's frame

    right = client.post(action, {**fields, "password": PASSWORD})
    assert right.status_code == 302 and right["Location"] == page.url
    opened = client.get(page.url)
    assert f"{SECRET} мәтін" in opened.content.decode()
    assert "private" in opened["Cache-Control"]

    # Another reader, anonymous, never gets what the first one unlocked.
    stranger = Client()
    for _attempt in range(2):
        other = stranger.get(page.url)
        assert f"{SECRET} мәтін" not in other.content.decode()
        assert PASSWORD_HEADING[language] in other.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_login_restricted_page_sends_readers_to_the_sites_sign_in(client, protected, language):
    page = in_language(protected["first"], language)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/{language}/_util/login/?next=")
    sign_in = client.get(response["Location"])
    assert sign_in.status_code == 200
    html = BeautifulSoup(sign_in.content, "html.parser")
    assert html.select_one("header.site-header")
    assert html.select_one("form.restricted-access__form input[name=username]")


def test_a_restricted_directory_exports_nothing(client, site_structure, caches_on):
    kk_dir, _ru_dir = indexes()
    candidate(kk_dir, f"{SECRET} Адам", [candidacy()])
    PageViewRestriction.objects.create(
        page=kk_dir, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    for suffix in ("export.csv", "export.json"):
        response = client.get(kk_dir.url + suffix)
        assert SECRET not in response.content.decode(), suffix
        assert PASSWORD_HEADING["kk"] in response.content.decode(), suffix


def test_a_copy_of_a_protected_page_is_protected_too(
    client, protected, django_capture_on_commit_callbacks
):
    """Copying (with the copy published at once) keeps the restriction on the copy, and the
    copy stays out of every listing."""
    with django_capture_on_commit_callbacks(execute=True):
        copy = protected["secret"].copy(
            to=protected["index"],
            update_attrs={"slug": "qupiya-koshirme", "title": f"{SECRET} көшірме"},
            keep_live=True,
        )
    assert copy.live
    for address in (copy.url, copy.url + "?x=1"):
        body = client.get(address).content.decode()
        assert PASSWORD_HEADING["kk"] in body and f"{SECRET} мәтін" not in body, address
    assert_listed_nowhere(client)
