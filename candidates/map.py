"""The directory's map of candidates: each region shaded by how many of the directory's
candidates run there, and a link to the directory filtered to it.

Drawn on the server as inline SVG: no script, no tiles or fonts from another site, no style
attributes (the public pages' Content-Security-Policy allows none); the shading and the focus
style are classes of the site's stylesheet. The outlines come from candidates/data/
kz_regions.json, which candidates/map_build.py writes at build time from an openly licensed
source; the site reads nothing else.

A region's count is what the directory's own region filter finds: the people (pages in the
directory's language, as the reader may see them) with a candidacy in that region. One
person running in two regions counts in both; the nationwide Mazhilis party list has no
region. The counts of all regions come in one query (from the people, joined to their
candidacies), and the rendered map is kept with the
directory's path (`kept_for_path`): every change that purges the directory (a candidate
published, unpublished, moved or deleted, a region renamed) retires it.

Like candidates/filters.py, this module names the models through the app registry
(candidates/models.py imports it).
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.db.models import Count
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from core.caching.fragments import kept_for_path
from core.markup import text

SHAPES = Path(__file__).resolve().parent / "data" / "kz_regions.json"
# Shades of one colour for counts above zero (site.css, .candidate-map__step-1 to -4).
STEPS = 4


@functools.cache
def shapes():
    """The committed outlines (a file of the checkout, the same in every process)."""
    return json.loads(SHAPES.read_text(encoding="utf-8"))


@functools.cache
def printable_shapes():
    """The outlines with their numbers as text, escaped for HTML once per process, ready to be
    written into the map (printing a number in a template localised it, a dozen format lookups
    each, a hundred times per map)."""

    def printable(value):
        if isinstance(value, list):
            return [printable(item) for item in value]
        return text(value)

    data = shapes()
    result = {key: printable(value) for key, value in data.items() if key != "regions"}
    result["regions"] = {
        code: {key: printable(value) for key, value in outline.items()}
        for code, outline in data["regions"].items()
    }
    return result


def region_counts(candidates):
    """{region id: how many of `candidates` (pages) run there} for the regions with anyone,
    in one query whatever the number of regions or candidates."""
    counts = dict(
        candidates.order_by()
        .values_list("candidacies__region")
        .annotate(count=Count("pk", distinct=True))
    )
    # The people without a region (the party list only, or no candidacy) are grouped under
    # None: dropped here rather than filtered out in the query, whose filter cost more to
    # build than the database spends on the group.
    counts.pop(None, None)
    return counts


@dataclass
class Shade:
    """One step of the legend: counts from `low` to `high`."""

    step: int
    low: int
    high: int

    def __str__(self):
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


def shading(largest):
    """(step of a count, legend) for counts up to `largest`: zero has a step of its own, and
    the counts from 1 to `largest` are cut into at most `STEPS` ranges as even as they go."""
    highs = sorted({math.ceil(step * largest / STEPS) for step in range(1, STEPS + 1)} - {0})
    lows = [1, *(high + 1 for high in highs)][: len(highs)]
    legend = [Shade(0, 0, 0)] + [
        Shade(step, low, high)
        for step, (low, high) in enumerate(zip(lows, highs, strict=True), start=1)
    ]
    return (lambda count: next(shade.step for shade in legend if count <= shade.high)), legend


def counted(count):
    """The count in words in the active language (2 candidates), the noun agreeing with it."""
    return ngettext("%(count)s candidate", "%(count)s candidates", count) % {"count": count}


@dataclass
class RegionOnMap:
    region: object
    count: int
    url: str
    step: int
    shape: dict

    @property
    def label(self):
        """The link's accessible name: the region and its count."""
        return f"{self.region.name}: {counted(self.count)}"


def regions_on_map(directory, directory_url, regions=None, candidates=None):
    """The regions in display order, with their counts, links and outlines; and the legend.
    `regions()`, when given, returns every region in display order (the directory's region
    filter has them already); `candidates`, when given, is `directory.candidates()` (the
    filter's unfiltered queryset), saving the map from building it again."""
    Region = apps.get_model("candidates", "Region")
    regions = regions() if regions else Region.in_display_order(Region.objects.all())
    counts = region_counts(directory.candidates() if candidates is None else candidates)
    step, legend = shading(max(counts.values(), default=0))
    steps = {}  # one lookup per count, not per region
    outlines = printable_shapes()["regions"]
    no_shape = {}
    on_map = []
    for region in regions:
        count = counts.get(region.pk, 0)
        if count not in steps:
            steps[count] = step(count)
        on_map.append(
            RegionOnMap(
                region=region,
                count=count,
                url=f"{directory_url}?region={region.pk}",  # the pk is an int: nothing to quote
                step=steps[count],
                shape=outlines.get(region.code, no_shape),
            )
        )
    return on_map, legend


# The map's HTML, written here rather than by a template: a template took longer to print the
# map's three hundred values than the rest of the map took to make. Every value put in is
# escaped (core.markup's `text`; the outlines' numbers once per process, in `printable_shapes`).
MAP = """<section class="candidate-map" aria-labelledby="candidate-map-heading">
    <h2 id="candidate-map-heading">{heading}</h2>
    <p class="candidate-map__note">{note}</p>
    <svg class="candidate-map__svg" viewBox="0 0 {width} {height}" role="group" \
aria-labelledby="candidate-map-heading">
        {areas}
{points}
    </svg>
    <p class="candidate-map__legend-title" id="candidate-map-legend">{legend_title}</p>
    <ul class="candidate-map__legend" aria-labelledby="candidate-map-legend">
        {legend}<li><span class="candidate-map__swatch candidate-map__swatch--city"></span>\
{city}</li>
    </ul>
    <details class="candidate-map__details">
        <summary>{summary}</summary>
        <table class="candidate-map__table" aria-labelledby="candidate-map-heading">
            <thead><tr><th scope="col">{region}</th><th scope="col">{candidates}</th></tr></thead>
            <tbody>
                {rows}
            </tbody>
        </table>
    </details>
</section>
"""


def map_html(regions, legend, data):
    """The map (the oblasts, then the cities' markers drawn over them), its legend and the same
    counts as a table, for `regions_on_map`'s regions and legend and `printable_shapes()`."""
    labels = {}  # the number's words, translated once per count
    areas, points, rows = [], [], []
    radius = data["city_radius"]
    for item in regions:
        count = item.count
        if count not in labels:
            labels[count] = text(counted(count))
        name, url, shape = text(item.region.name), text(item.url), item.shape
        link = (
            f'<a href="{url}" class="candidate-map__region candidate-map__step-{item.step}">'
            f"<title>{name}: {labels[count]}</title>"
        )
        if "path" in shape:
            x, y = shape["label"]
            areas.append(
                f'{link}<path d="{shape["path"]}"/>'
                f'<text x="{x}" y="{y}" aria-hidden="true">{count}</text></a>'
            )
        if "point" in shape:
            x, y = shape["point"]
            points.append(
                f'<a href="{url}" class="candidate-map__region candidate-map__city '
                f'candidate-map__step-{item.step}"><title>{name}: {labels[count]}</title>'
                f'<circle cx="{x}" cy="{y}" r="{radius}"/>'
                f'<text x="{x}" y="{y}" aria-hidden="true">{count}</text></a>'
            )
        # A count prints as the template printed it: the site groups no thousands.
        rows.append(
            f'<tr><th scope="row"><a href="{url}">{name}</a></th><td>{count}</td></tr>\n'
            "                "
        )
    return MAP.format(
        heading=text(gettext("Candidates by region")),
        note=text(
            gettext(
                "Choose a region to see its candidates. A person who runs in two regions is "
                "counted in both; the nationwide party list of the Mazhilis is not on the map."
            )
        ),
        width=data["width"],
        height=data["height"],
        areas="\n".join(areas),
        points="\n".join(points),
        legend_title=text(gettext("Number of candidates")),
        legend="".join(
            f'<li><span class="candidate-map__swatch candidate-map__step-{shade.step}"></span>'
            f"{text(shade)}</li>\n        "
            for shade in legend
        ),
        city=text(gettext("City of republican significance")),
        summary=text(gettext("The same counts as a table")),
        region=text(gettext("Region")),
        candidates=text(gettext("Candidates")),
        rows="".join(rows),
    )


def render_map(directory, directory_url, regions=None, candidates=None):
    regions, legend = regions_on_map(directory, directory_url, regions, candidates)
    if not any(region.count for region in regions):
        return ""
    return map_html(regions, legend, printable_shapes())


def candidate_map(directory, request, regions=None, candidates=None):
    """The map's HTML for `directory` in the active language ("" while nobody is listed),
    kept until the directory is purged. `regions`, `candidates`: see `regions_on_map`."""
    url = directory.get_url(request)
    # The path of the URL (Wagtail's get_url adds only a scheme and host to it): asking
    # get_url_parts for it as well cost as much again.
    path = url if not url or url.startswith("/") else urlsplit(url).path
    html = kept_for_path(
        path, "candidate-map", lambda: render_map(directory, url, regions, candidates), request
    )
    return mark_safe(html)  # noqa: S308  (our own rendering, every value escaped)
