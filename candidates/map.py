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
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from core.caching.fragments import kept_for_path

SHAPES = Path(__file__).resolve().parent / "data" / "kz_regions.json"
# Shades of one colour for counts above zero (site.css, .candidate-map__step-1 to -4).
STEPS = 4


@functools.cache
def shapes():
    """The committed outlines (a file of the checkout, the same in every process)."""
    return json.loads(SHAPES.read_text(encoding="utf-8"))


@functools.cache
def printable_shapes():
    """The outlines with their numbers as text, ready for the template: printing a number in a
    template localises it, a dozen format lookups each, a hundred times per map."""

    def text(value):
        if isinstance(value, list):
            return [text(item) for item in value]
        return str(value) if isinstance(value, int | float) else value

    data = shapes()
    printable = {key: text(value) for key, value in data.items() if key != "regions"}
    printable["regions"] = {
        code: {key: text(value) for key, value in outline.items()}
        for code, outline in data["regions"].items()
    }
    return printable


def region_counts(candidates):
    """{region id: how many of `candidates` (pages) run there} for the regions with anyone,
    in one query whatever the number of regions or candidates."""
    counts = (
        candidates.filter(candidacies__region__isnull=False)
        .order_by()
        .values_list("candidacies__region")
        .annotate(count=Count("pk", distinct=True))
    )
    return dict(counts)


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
        count = ngettext("%(count)s candidate", "%(count)s candidates", self.count)
        return f"{self.region.name}: {count % {'count': self.count}}"


def regions_on_map(directory, directory_url, regions=None):
    """The regions in display order, with their counts, links and outlines; and the legend.
    `regions()`, when given, returns every region in display order (the directory's region
    filter has them already)."""
    Region = apps.get_model("candidates", "Region")
    regions = regions() if regions else Region.in_display_order(Region.objects.all())
    counts = region_counts(directory.candidates())
    step, legend = shading(max(counts.values(), default=0))
    outlines = printable_shapes()["regions"]
    return [
        RegionOnMap(
            region=region,
            count=counts.get(region.pk, 0),
            url=directory_url + "?" + urlencode({"region": region.pk}),
            step=step(counts.get(region.pk, 0)),
            shape=outlines.get(region.code, {}),
        )
        for region in regions
    ], legend


def svg_regions(regions, city_radius):
    """The map's links, written out here rather than in the template (two hundred values a
    map, which the template took longer to print than all the rest of the map): the oblasts,
    then the cities' markers drawn over them."""
    areas = format_html_join(
        "\n",
        '<a href="{}" class="candidate-map__region candidate-map__step-{}"><title>{}</title>'
        '<path d="{}"/><text x="{}" y="{}" aria-hidden="true">{}</text></a>',
        (
            (item.url, item.step, item.label, item.shape["path"], *item.shape["label"], item.count)
            for item in regions
            if "path" in item.shape
        ),
    )
    points = format_html_join(
        "\n",
        '<a href="{}" class="candidate-map__region candidate-map__city candidate-map__step-{}">'
        '<title>{}</title><circle cx="{}" cy="{}" r="{}"/>'
        '<text x="{}" y="{}" aria-hidden="true">{}</text></a>',
        (
            (item.url, item.step, item.label, *item.shape["point"], city_radius)
            + (*item.shape["point"], item.count)
            for item in regions
            if "point" in item.shape
        ),
    )
    return areas + mark_safe("\n") + points  # noqa: S308  (a line break)


def render_map(directory, directory_url, regions=None):
    regions, legend = regions_on_map(directory, directory_url, regions)
    if not any(region.count for region in regions):
        return ""
    data = printable_shapes()
    return render_to_string(
        "candidates/includes/candidate_map.html",
        {
            "regions": regions,
            "svg_regions": svg_regions(regions, data["city_radius"]),
            "legend": legend,
            "width": data["width"],
            "height": data["height"],
            "city_radius": data["city_radius"],
        },
    )


def candidate_map(directory, request, regions=None):
    """The map's HTML for `directory` in the active language ("" while nobody is listed),
    kept until the directory is purged. `regions`: see `regions_on_map`."""
    url = directory.get_url(request)
    parts = directory.get_url_parts(request)
    path = parts[2] if parts else None
    html = kept_for_path(
        path, "candidate-map", lambda: render_map(directory, url, regions), request
    )
    return mark_safe(html)  # noqa: S308  (our own rendering, kept as rendered)
