"""Writes the site's typeface: Noto Sans in three WOFF2 files under federation_site/static/fonts/.

The site sets every page, on screen and in print, in Noto Sans (Google, SIL Open Font License
1.1, no Reserved Font Name; the licence is committed beside the fonts as
federation_site/static/fonts/OFL.txt). The fonts are served from the site itself (CSP
`font-src 'self'`), never from a font service. Noto Sans has every letter of the Kazakh and
Russian alphabets (ә ғ қ ң ө ұ ү һ і and their capitals among them); the whole font is about
500 KB a face, so this script, run once at build time and never by the site, keeps only what
the site writes (`UNICODES`):

- Latin: Basic Latin, Latin-1 and Latin Extended-A (the Kazakh Latin alphabet: ä ğ ñ ö ş ū ü
  ı İ), and the few signs Google's own "latin" subset adds;
- the whole Cyrillic block, U+0400-04FF (Kazakh, Russian and the other Cyrillic languages
  of Kazakhstan), and the combining acute accent (stress marks);
- punctuation (dashes, quotation marks, ellipsis, U+2000-206F), № (U+2116), ₸ (U+20B8), €,
  the minus sign (appeals' task lists start with it).

It drops the hinting (screens today do not need it; it was a third of each file) and the
OpenType features a text of ours never asks for (small capitals, old-style figures...), and
keeps fontTools' default set (kerning, ligatures, marks, `locl`), the names and the licence
fields. The faces are regular,
bold and italic; a bold italic is synthesised by the browser from the bold.

Source: Debian's `fonts-noto-core` 20201225-1 (Noto Sans 2.004), in
/usr/share/fonts/truetype/noto/. Build-time dependencies: pyproject.toml's extra `fonts`
(fontTools, and brotli for WOFF2). Run `python -m federation_site.fonts_build [source dir]`.
"""

import sys
from pathlib import Path

SOURCE = Path("/usr/share/fonts/truetype/noto")
OUTPUT = Path(__file__).resolve().parent / "static" / "fonts"
FACES = {
    "noto-sans-regular.woff2": "NotoSans-Regular.ttf",
    "noto-sans-bold.woff2": "NotoSans-Bold.ttf",
    "noto-sans-italic.woff2": "NotoSans-Italic.ttf",
}
UNICODES = (
    "U+0000-00FF,U+0100-017F,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,"
    "U+0300-0301,U+0304,U+0306,U+0308,U+0329,U+0400-04FF,U+2000-206F,U+20AC,U+20B8,"
    "U+2116,U+2122,U+2212,U+2215,U+FEFF,U+FFFD"
)
KAZAKH_AND_RUSSIAN = "әғқңөұүһіӘҒҚҢӨҰҮҺІ" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
OFL = "SIL Open Font License, Version 1.1"


def subset(source: Path, target: Path):
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)  # the same bytes on every run
    licence = font["name"].getDebugName(13) or ""
    if OFL not in licence:
        raise SystemExit(f"{source}: not under the {OFL} ({licence!r})")
    options = ft_subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=ft_subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    cmap = font.getBestCmap()
    letters = KAZAKH_AND_RUSSIAN + KAZAKH_AND_RUSSIAN.upper()
    missing = [letter for letter in letters if ord(letter) not in cmap]
    if missing:
        raise SystemExit(f"{source}: no glyph for {''.join(missing)}")
    font.flavor = "woff2"
    font.save(target)


def main(source=SOURCE):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, ttf in FACES.items():
        subset(Path(source) / ttf, OUTPUT / name)
        print(f"{OUTPUT / name}: {(OUTPUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:])
