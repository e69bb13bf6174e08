"""The site's typeface is served by the site itself: every page preloads the regular face,
site.css declares the three faces of Noto Sans from our static files (and print.css prints in
the same family), each file is a small WOFF2, and the font's licence is served beside them."""

import re
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FACES = {
    "noto-sans-regular.woff2": ("400", "normal"),
    "noto-sans-bold.woff2": ("700", "normal"),
    "noto-sans-italic.woff2": ("400", "italic"),
}


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the test server)
        return response.status, response.headers.get_content_type(), response.read()


def font_faces(css):
    """{font file name: its @font-face declarations} from a stylesheet."""
    faces = {}
    for block in re.findall(r"@font-face\s*{([^}]*)}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, value in (d.split(":", 1) for d in block.split(";") if d.strip())
        )
        url = re.fullmatch(r'url\("([^"]+)"\) format\("woff2"\)', declarations["src"])
        assert url, declarations["src"]
        faces[url.group(1)] = declarations
    return faces


@pytest.mark.parametrize("path", ["/kk/", "/ru/"])
def test_pages_use_the_fonts_and_licence_served_by_the_site(live_server, path):
    page_url = live_server.url + path
    status, _type, html = fetch(page_url)
    assert status == 200
    head = BeautifulSoup(html, "html.parser").head
    stylesheet = urljoin(page_url, head.select_one('link[rel="stylesheet"]')["href"])
    preload = head.select_one('link[rel="preload"][as="font"]')
    assert preload is not None and preload["type"] == "font/woff2"
    assert preload.has_attr("crossorigin")  # else the browser downloads the font twice

    _status, css_type, css = fetch(stylesheet)
    assert css_type == "text/css"
    css = css.decode()
    faces = font_faces(css)
    fonts = {urljoin(stylesheet, url): face for url, face in faces.items()}
    assert {url.rsplit("/", 1)[1] for url in fonts} == set(FACES)
    assert urljoin(page_url, preload["href"]) in fonts
    assert urlsplit(urljoin(page_url, preload["href"])).path.endswith("/noto-sans-regular.woff2")
    for url, face in fonts.items():
        assert urlsplit(url).netloc == urlsplit(page_url).netloc  # served by the site itself
        assert face["font-family"] == '"Noto Sans"'
        assert face["font-display"] == "swap"
        assert (face["font-weight"], face["font-style"]) == FACES[url.rsplit("/", 1)[1]]
        status, content_type, data = fetch(url)
        assert status == 200 and content_type == "font/woff2"
        assert data[:4] == b"wOF2"
        assert 10_000 < len(data) < 40_000  # a subset, not the 500 KB font
    assert re.search(r':root\s*{\s*font-family:\s*"Noto Sans",', css)

    status, licence_type, licence = fetch(urljoin(stylesheet, "../fonts/OFL.txt"))
    assert status == 200 and licence_type == "text/plain"
    assert "../fonts/OFL.txt" in css  # the stylesheet names its font's licence
    licence = licence.decode()
    assert "SIL OPEN FONT LICENSE" in licence and "Version 1.1" in licence
    assert "Copyright 2015 Google LLC" in licence


def test_an_appeal_prints_in_the_same_family(live_server, seed_appeal):
    kk, _ru = seed_appeal
    page_url = live_server.url + kk.url
    _status, _type, html = fetch(page_url)
    head = BeautifulSoup(html, "html.parser").head
    link = head.select_one('link[rel="stylesheet"][media="print"]')
    _status, _type, css = fetch(urljoin(page_url, link["href"]))
    body = re.search(r"\bbody\s*{([^}]*)}", css.decode()).group(1)
    assert re.search(r'font-family:\s*"Noto Sans",', body)
    assert "Times" not in css.decode()
