"""The site's icons as raster files, drawn from static/img/favicon.svg's shapes and colours.

Browsers and crawlers ask for `/favicon.ico` whatever the page links to, Apple devices for a
PNG, and structured data wants a raster logo. The files are committed; after changing the
emblem, run `python -m federation_site.icons` to draw them again.
"""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
# Served at the site's root by WhiteNoise (WHITENOISE_ROOT): /favicon.ico.
ROOT_FILES = HERE / "root_files"
STATIC_IMAGES = HERE / "static" / "img"

BLUE = "#00629b"
GOLD = "#f5c400"
# favicon.svg's viewBox is 40×40; drawn this many times larger, then scaled down smoothly.
SUPERSAMPLE = 8


def emblem(size, *, rounded=True):
    """The emblem as a square RGBA image `size` pixels wide."""
    scale = size * SUPERSAMPLE / 40
    big = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.rounded_rectangle(
        (0, 0, big.width - 1, big.height - 1), radius=8 * scale if rounded else 0, fill=BLUE
    )
    draw.polygon(
        [(8 * scale, 28 * scale), (20 * scale, 10 * scale), (32 * scale, 28 * scale)], GOLD
    )
    draw.ellipse((16 * scale, 20 * scale, 24 * scale, 28 * scale), fill=BLUE)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def write_icons():
    ROOT_FILES.mkdir(exist_ok=True)
    sizes = [16, 32, 48]
    emblem(sizes[-1]).save(
        ROOT_FILES / "favicon.ico",
        sizes=[(size, size) for size in sizes],
        append_images=[emblem(size) for size in sizes[:-1]],
    )
    # iOS rounds the corners itself and shows transparency as black.
    emblem(180, rounded=False).save(STATIC_IMAGES / "apple-touch-icon.png", optimize=True)
    emblem(512).save(STATIC_IMAGES / "logo.png", optimize=True)


if __name__ == "__main__":
    write_icons()
