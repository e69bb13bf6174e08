"""Screenshots of every public page type, in Kazakh and Russian, at 1366 and 390 px wide.

Run against a served demo (`make run` in another terminal), with the same database:
    .venv/bin/python docs/screenshots/take.py [http://127.0.0.1:8000]
Writes docs/screenshots/<language>-<page type>-<width>.jpg (first screen of each page, as a
reader lands on it) with Debian's Chromium, offline.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation_site.settings.dev")

import django  # noqa: E402

django.setup()

from playwright.sync_api import sync_playwright  # noqa: E402
from wagtail.models import Page  # noqa: E402

OUT = Path(__file__).resolve().parent
WIDTHS = {1366: 900, 390: 844}
SEARCH = {"kk": "кәсіподақ", "ru": "профсоюз"}


def page_types(language):
    by_type = {}
    pages = Page.objects.live().public().filter(locale__language_code=language, depth__gte=2)
    for page in pages.specific().order_by("path"):
        by_type.setdefault(type(page).__name__, page.url)
    by_type["SearchResults"] = f"/{language}/search/?q={SEARCH[language]}"
    return by_type


def main(base):
    urls = {language: page_types(language) for language in ("kk", "ru")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for language in ("kk", "ru"):
                for kind, path in urls[language].items():
                    page.goto(base + path, wait_until="networkidle")
                    target = OUT / f"{language}-{kind}-{width}.jpg"
                    page.screenshot(path=target, type="jpeg", quality=70)
                    print(target.relative_to(OUT.parents[1]))
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
