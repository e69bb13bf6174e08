"""Private stays private: a page under a view restriction (password, login or groups) never
shows, in either language, in any listing, feed, sitemap, search result, export, related block
or JSON-LD, and a restriction set on one language version holds on the other."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import Locale, PageViewRestriction

from appeals.models import AppealIndexPage, AppealPage
from core.translation import translate_page
from tests.candidates_factories import candidacy, candidate, indexes, translate
from tests.news_factories import news_index, publish_news, translate_news

pytestmark = pytest.mark.django_db

SECRET = "Құпия"  # in every private title, in both languages
RESTRICTIONS = [
    PageViewRestriction.PASSWORD,
    PageViewRestriction.LOGIN,
    PageViewRestriction.GROUPS,
]


def restrict(page, restriction_type):
    """As the admin's privacy dialog does it: committed, so the purges of the pages that
    list it run (with every cache on, as in production)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=restriction_type, password="letmein"
        )
        if restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.set([Group.objects.get_or_create(name="Insiders")[0]])
    return restriction


def appeal(title, number):
    """A published kk appeal and its published ru translation."""
    parent = AppealIndexPage.objects.get(locale__language_code="kk")
    page = AppealPage(
        title=title,
        slug=f"appeal-{number}",
        number=str(number),
        date_adopted=datetime.date(2030, 1, number),
        body=[("paragraph", f"<p>{title} мәтіні.</p>")],
        locale=parent.locale,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    translate_page(
        page,
        Locale.objects.get(language_code="ru"),
        lambda path, text: f"appeal-{number}-ru" if path == "slug" else f"RU {text}",
        publish=True,
    )
    return page


@pytest.fixture
def site(site_structure):
    """A public and a private appeal, news item and candidate, each in kk and ru; a public
    news item relates to every private page."""
    public_appeal = appeal("Ашық үндеу", 1)
    private_appeal = appeal(f"{SECRET} үндеу", 2)  # the newest: would be featured
    kk_news = news_index("kk")
    private_news = publish_news(kk_news, f"{SECRET} жаңалық", date=datetime.date(2030, 1, 9))
    translate_news(private_news)
    kk_dir, _ru_dir = indexes()
    public_person = candidate(kk_dir, "Ашық Адам", [candidacy()])
    translate(public_person, "Открытый Человек")
    private_person = candidate(kk_dir, f"{SECRET} Адам", [candidacy(district_number=2)])
    translate(private_person, f"{SECRET} Человек")
    related_news = publish_news(
        kk_news,
        "Ашық жаңалық",
        date=datetime.date(2030, 1, 1),
        related=[private_appeal, private_person, public_appeal, public_person],
    )
    translate_news(related_news)
    return {
        "private": [private_appeal, private_news, private_person],
        "public": [public_appeal, public_person],
        "related_news": related_news,
    }


def in_language(page, language):
    return page.get_translation(Locale.objects.get(language_code=language))


def public_urls(site):
    """Every public URL that lists pages, in both languages."""
    urls = ["/kk/", "/ru/", "/sitemap-kk.xml", "/sitemap-ru.xml"]
    for language, directory in zip(("kk", "ru"), indexes(), strict=True):
        news = news_index(language).url
        urls += [news, news + "feed/", news + "feed/atom/"]
        urls.append(AppealIndexPage.objects.get(locale__language_code=language).url)
        urls += [directory.url, directory.url + "export.csv", directory.url + "export.json"]
        urls.append(in_language(site["related_news"], language).url)
    # Words of the private titles (searching for the secret word itself would echo it).
    urls += [f"/kk/search/?q={word}" for word in ("үндеу", "жаңалық", "Адам")]
    urls += [f"/ru/search/?q={word}" for word in ("RU", "Человек")]
    return urls


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_restricted_pages_appear_nowhere_in_either_language(client, site, restriction_type):
    urls = public_urls(site)
    before = {url: client.get(url).content.decode() for url in urls}
    # Before: every private page is listed somewhere (the test would see a leak).
    assert any(SECRET in body for body in before.values())

    for page in site["private"]:
        restrict(page, restriction_type)

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body, f"{url} lists a restricted page"
    # Public pages are still listed.
    kk_directory = client.get(indexes()[0].url).content.decode()
    assert "Ашық Адам" in kk_directory
    related = client.get(site["related_news"].url).content.decode()
    assert "Ашық үндеу" in related and "Ашық Адам" in related


def test_the_private_appeal_is_not_featured_and_the_election_counts_only_public_people(
    client, site
):
    from bs4 import BeautifulSoup

    def home():
        soup = BeautifulSoup(client.get("/kk/").content, "html.parser")
        featured = soup.select_one(".home-featured__title a").get_text()
        counts = [int(c.get_text()) for c in soup.select(".election-bodies__count")]
        return featured, counts

    assert home() == (f"{SECRET} үндеу", [2])
    restrict(site["private"][0], PageViewRestriction.PASSWORD)
    restrict(site["private"][2], PageViewRestriction.LOGIN)
    assert home() == ("Ашық үндеу", [1])


def test_a_restriction_set_on_one_language_holds_on_every_translation(client, site):
    private_appeal = site["private"][0]
    ru = in_language(private_appeal, "ru")
    assert client.get(ru.url).status_code == 200
    restriction = restrict(private_appeal, PageViewRestriction.GROUPS)
    copy = PageViewRestriction.objects.get(page=ru)
    assert copy.restriction_type == PageViewRestriction.GROUPS
    assert list(copy.groups.all()) == list(restriction.groups.all())
    # Anonymous readers are sent to log in, in both languages.
    assert client.get(private_appeal.url).status_code == 302
    assert client.get(ru.url).status_code == 302

    restriction.delete()
    assert not PageViewRestriction.objects.filter(page=ru).exists()
    assert client.get(ru.url).status_code == 200


def test_exports_hold_no_private_person(client, site):
    restrict(site["private"][2], PageViewRestriction.PASSWORD)
    for directory in indexes():
        text = client.get(directory.url + "export.csv").content.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows and all(SECRET not in row["name"] for row in rows)
        data = json.loads(client.get(directory.url + "export.json").content)
        assert data["count"] == 1
        assert SECRET not in json.dumps(data, ensure_ascii=False)
