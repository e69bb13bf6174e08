"""Browsers and crawlers find the site's icon: /favicon.ico is served from the site itself, and
every page links to it and to the SVG emblem."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PillowImage

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icon = PillowImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]


@pytest.mark.parametrize("url", ["/kk/", "/ru/", "/kk/no-such-page/"])
def test_pages_link_to_their_icons(client, site_structure, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    icons = {link["href"] for link in soup.select('link[rel="icon"]')}
    assert "/favicon.ico" in icons
    assert any(href.endswith(".svg") for href in icons)
