"""The home page of each language: featured appeal, latest news, the election at a glance,
links to the sections; within its query budget."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appeals.models import AppealPage
from home.models import HomePage
from tests.news_factories import news_index, publish_news, tiny_image, translate_news

pytestmark = pytest.mark.django_db

HOME_BUDGET = 10


def home_soup(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def homes():
    return (
        HomePage.objects.get(locale__language_code="kk"),
        HomePage.objects.get(locale__language_code="ru"),
    )


@pytest.fixture
def newer_appeal(seed_appeal):
    kk_seed, _ru_seed = seed_appeal
    appeal = AppealPage(
        title="Жаңа үндеу",
        slug="zhana-undeu",
        number="700",
        date_adopted=datetime.date(2024, 5, 1),
        body=[("paragraph", "<p>Мәтін.</p>")],
        locale=kk_seed.locale,
    )
    kk_seed.get_parent().add_child(instance=appeal)
    appeal.save_revision().publish()
    return appeal


def featured_title(soup):
    return soup.select_one(".home-featured__title a").get_text()


def test_without_a_choice_the_latest_appeal_of_the_language_is_featured(
    client, seed_appeal, newer_appeal
):
    _kk_seed, ru_seed = seed_appeal
    assert featured_title(home_soup(client, "kk")) == "Жаңа үндеу"
    # The newer appeal has no Russian translation: the Russian home features its latest.
    assert featured_title(home_soup(client, "ru")) == ru_seed.title


def test_the_editors_choice_is_featured_in_the_readers_language(client, seed_appeal, newer_appeal):
    kk_seed, ru_seed = seed_appeal
    kk_home, ru_home = homes()
    # The choice is synchronised to translations: both homes point at the Kazakh page.
    for home in (kk_home, ru_home):
        home.featured_appeal = kk_seed
        home.save_revision().publish()
    kk, ru = home_soup(client, "kk"), home_soup(client, "ru")
    assert featured_title(kk) == kk_seed.title
    assert featured_title(ru) == ru_seed.title
    assert ru.select_one(".home-featured__title a")["href"] == ru_seed.url


def test_latest_six_news_of_the_language_newest_first(client, site_structure):
    index = news_index("kk")
    image = tiny_image()
    for day in range(1, 9):
        page = publish_news(
            index, f"Жаңалық {day}", date=datetime.date(2023, 4, day), main_image=image
        )
        if day % 2:
            translate_news(page)
    kk = home_soup(client, "kk")
    assert [a.get_text() for a in kk.select(".home-news .news-card__title a")] == [
        f"Жаңалық {day}" for day in range(8, 2, -1)
    ]
    assert kk.select_one(".home-news picture source[type='image/avif']")
    ru = home_soup(client, "ru")
    assert [a.get_text() for a in ru.select(".home-news .news-card__title a")] == [
        f"RU Жаңалық {day}" for day in (7, 5, 3, 1)
    ]
    assert ru.select_one(".home-news p > a")["href"] == news_index("ru").url


FEDERATION = {
    "kk": "Қазақстан Республикасы Кәсіподақтар федерациясы",
    "ru": "Федерация профсоюзов Республики Казахстан",
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_heading_names_the_federation_and_the_current_appeal_comes_first(
    client, seed_appeal, language
):
    from tests.candidates_factories import four_people

    four_people()
    translate_news(publish_news(news_index("kk"), "Жаңалық", date=datetime.date(2023, 4, 1)))
    appeal = seed_appeal[0] if language == "kk" else seed_appeal[1]
    soup = home_soup(client, language)
    assert [h1.get_text() for h1 in soup.select("h1")] == [FEDERATION[language]]
    featured = soup.select_one(".home-featured")
    title = featured.select_one(".home-featured__title a")
    assert (title.get_text(), title["href"]) == (appeal.title, appeal.url)
    assert featured.select_one(".home-featured__more a")["href"] == appeal.url
    assert (
        featured.select_one(".home-featured__more a").get_text()
        == {
            "kk": "Үндеуді оқу",
            "ru": "Читать обращение",
        }[language]
    )
    assert (
        featured.select_one("h2").get_text()
        == {
            "kk": "Өзекті үндеу",
            "ru": "Актуальное обращение",
        }[language]
    )
    date = featured.select_one(".home-featured__meta time")
    assert date["datetime"] == appeal.listing_date().isoformat()
    # The excerpt is the appeal's own first paragraph, cut between words.
    excerpt = featured.select_one(".home-featured__excerpt").get_text()
    assert excerpt == appeal.excerpt() != ""
    assert excerpt.endswith("…") and len(excerpt) <= 160
    assert appeal.description_text().startswith(excerpt[:-1].rstrip())
    # Up top: the appeal, then the election at a glance; then the news.
    order = [
        section["class"][0]
        for section in soup.select("main section[class]")
        if section["class"][0] in {"home-featured", "home-election", "home-news"}
    ]
    assert order == ["home-featured", "home-election", "home-news"]
    assert soup.select_one(".home-top .home-election")


def test_a_newer_appeal_replaces_the_kept_current_appeal(
    client, seed_appeal, django_capture_on_commit_callbacks
):
    """The current appeal is kept between renders (core.caching.fragments.kept_for_path
    under the appeal index): an appeal published there retires it."""
    kk_seed, _ru_seed = seed_appeal
    assert featured_title(home_soup(client, "kk")) == kk_seed.title
    with django_capture_on_commit_callbacks(execute=True):
        appeal = AppealPage(
            title="Жаңа үндеу",
            slug="zhana-undeu",
            number="701",
            date_adopted=datetime.date(2024, 5, 1),
            body=[("paragraph", "<p>Жаңа үндеудің мәтіні.</p>")],
            locale=kk_seed.locale,
        )
        kk_seed.get_parent().add_child(instance=appeal)
        appeal.save_revision().publish()
    soup = home_soup(client, "kk")
    assert featured_title(soup) == "Жаңа үндеу"
    assert soup.select_one(".home-featured__excerpt").get_text() == "Жаңа үндеудің мәтіні."
    assert soup.select_one(".home-featured__meta time")["datetime"] == "2024-05-01"


def test_links_to_every_section(client, site_structure):
    for language, home in zip(("kk", "ru"), homes(), strict=True):
        links = [a["href"] for a in home_soup(client, language).select(".section-links a")]
        assert links == [section.url for section in home.get_children().live()]
        assert news_index(language).url in links


def test_no_election_section_without_candidates(client, site_structure):
    assert home_soup(client, "kk").select_one(".home-election") is None


def test_the_election_at_a_glance_links_to_the_filtered_directory(client, site_structure):
    from tests.candidates_factories import four_people

    people = four_people()
    names = {"kk": "Аудандық (қалалық) мәслихат", "ru": "Районный (городской) маслихат"}
    for language, directory in (("kk", people.kk), ("ru", people.ru)):
        section = home_soup(client, language).select_one(".home-election")
        # The latest election (2027) has one candidate, for a district maslikhat.
        links = section.select(".election-bodies a")
        assert len(links) == 1
        assert links[0].select_one(".election-bodies__count").get_text() == "1"
        assert links[0].select_one(".election-bodies__name").get_text() == names[language]
        href = links[0]["href"]
        e2027, body = people.ids["e2027"], people.ids["district-maslikhat"]
        assert href == f"{directory.url}?election={e2027}&body={body}"
        listed = client.get(href).context["candidates"].paginator.count
        assert listed == 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_home_stays_within_budget(client, seed_appeal, language, caches_off):
    from tests.candidates_factories import four_people

    four_people()
    index = news_index("kk")
    image = tiny_image()
    for day in range(1, 9):
        translate_news(
            publish_news(
                index, f"Жаңалық {day}", date=datetime.date(2023, 4, day), main_image=image
            )
        )
    url = f"/{language}/"
    assert client.get(url).status_code == 200  # warm: renditions, site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["latest_news"]) == 6
    assert response.context["election"].bodies
    print(f"home /{language}/: {len(queries)} queries")
    assert len(queries) <= HOME_BUDGET
