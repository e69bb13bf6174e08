"""A candidate's profile: photo renditions, candidacies table, links to the directory, and
schema.org ProfilePage JSON-LD about the Person."""

import html
import re

import pytest

from tests import candidates_factories as make
from tests.structured_data import json_ld_of_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles(site_structure):
    kk_index, _ru_index = make.indexes()
    page = make.candidate(
        kk_index,
        "Ахметов Ерлан Серікұлы",
        [
            make.party_list(make.party(), 3),
            make.candidacy(
                body=make.body("oblast-maslikhat"),
                region=make.region("KZ-10"),
                district_number=9,
                source_url="https://example.org/decision/9",
                source_date="2023-02-10",
            ),
        ],
        union=make.union(),
        photo=make.photo(),
        photo_credit="Сурет: баспасөз қызметі",
        birth_year=1975,
        occupation="Электр монтері",
        workplace="«Демо Энерго» АҚ",
        biography="<p>1975 жылы туған.</p>",
        priorities=[("priority", "Еңбек қауіпсіздігі")],
        email="ahmetov@example.org",
        website="https://ahmetov.example.org/",
    )
    ru = make.translate(
        page,
        "Ахметов Ерлан Серикович",
        {"Электр монтері": "Электромонтёр", "«Демо Энерго» АҚ": "АО «Демо Энерго»"},
    )
    return page, ru


def json_ld(content):
    """The Person the profile page is about."""
    profile = json_ld_of_type(content, "ProfilePage")
    assert profile["@context"] == "https://schema.org"
    return profile["mainEntity"]


def test_json_ld_describes_the_person_in_the_page_language(client, profiles):
    kk, ru = profiles
    profile = json_ld_of_type(client.get(ru.url).content, "ProfilePage")
    # The canonical address, not the Site record's http://localhost.
    assert profile["url"] == profile["@id"] == f"http://testserver{ru.url}"
    assert profile["inLanguage"] == "ru"
    data = profile["mainEntity"]
    assert data["@type"] == "Person"
    assert data["name"] == "Ахметов Ерлан Серикович"
    assert data["url"] == f"http://testserver{ru.url}"
    assert data["@id"] == f"http://testserver{ru.url}#person"
    assert data["birthDate"] == "1975"
    assert data["jobTitle"] == "Электромонтёр"
    assert data["worksFor"] == {"@type": "Organization", "name": "АО «Демо Энерго»"}
    assert data["memberOf"] == {"@type": "Organization", "name": "Профсоюз энергетиков"}
    assert data["affiliation"] == [{"@type": "PoliticalParty", "name": "Партия Альфа"}]
    assert data["email"] == "ahmetov@example.org"
    assert data["sameAs"] == ["https://ahmetov.example.org/"]
    assert data["image"].startswith("http") and data["image"].endswith(".webp")
    assert json_ld(client.get(kk.url).content.decode())["name"] == "Ахметов Ерлан Серікұлы"


def test_json_ld_cannot_be_broken_out_of(client, site_structure):
    kk_index, _ru = make.indexes()
    page = make.candidate(kk_index, "Тест", occupation="</script><script>alert(1)</script>")
    content = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in content
    assert json_ld(content)["jobTitle"] == "</script><script>alert(1)</script>"


def test_photo_is_served_as_modern_renditions_with_srcset(client, profiles):
    _kk, ru = profiles
    content = client.get(ru.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", content, re.S).group(0)
    assert 'type="image/avif"' in picture
    srcsets = re.findall(r'srcset="([^"]+)"', picture)
    assert any(".avif 240w" in s and ".avif 480w" in s for s in srcsets)
    assert re.search(r'<img alt="Фото: Ахметов Ерлан Серикович"[^>]*src="[^"]+\.webp"', picture)
    assert "<figcaption>Сурет: баспасөз қызметі</figcaption>" in content


def test_candidacies_table_has_a_caption_and_scoped_headers(client, profiles):
    _kk, ru = profiles
    content = client.get(ru.url).content.decode()
    table = re.search(r'<table class="candidacies">.*?</table>', content, re.S).group(0)
    assert "<caption" in table
    assert table.count('<th scope="col">') == 8
    assert table.count('<th scope="row"') == 2
    # On a phone each row is a block whose cells are labelled with their column's heading.
    assert table.count('data-label="Регион"') == 2 and table.count('data-label="Статус"') == 2
    assert "Общереспубликанский" in table  # the Mazhilis list has no region
    assert "позиция в списке: 3" in table and "округ № 9" in table
    assert 'href="https://example.org/decision/9"' in table and "10 февраля 2023" in table


def test_profile_links_to_the_directory_filtered_by_region_and_body(client, profiles):
    _kk, ru = profiles
    content = client.get(ru.url).content.decode()
    directory = ru.get_parent().url
    links = dict(
        (html.unescape(href), text)
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', content)
    )
    region = make.region("KZ-10")
    oblast = make.body("oblast-maslikhat")
    mazhilis = make.body("mazhilis")
    assert links[f"{directory}?region={region.pk}"] == "Регион: область Абай"
    assert links[f"{directory}?body={oblast.pk}"] == "Орган: Областной маслихат"
    assert links[f"{directory}?body={mazhilis.pk}"] == "Орган: Мажилис"
    assert links[f"{directory}?body={oblast.pk}&region={region.pk}"] == (
        "Областной маслихат, область Абай"
    )
    # And the directory shows this person for those filters.
    listed = client.get(directory, {"body": oblast.pk, "region": region.pk}).context["candidates"]
    assert [c.pk for c in listed] == [ru.pk]


def test_the_photo_is_the_share_image(client, profiles):
    for page in profiles:
        content = client.get(page.url).content.decode()
        og_image = re.search(r'<meta property="og:image" content="([^"]+)"', content).group(1)
        assert "test-photo-" in og_image and og_image.startswith("http://testserver/")
