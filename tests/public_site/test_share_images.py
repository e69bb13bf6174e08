"""A shared link shows a 1200×630 picture with a text alternative: the page's own picture
(cropped around its focal point, or a portrait shown whole on the site's blue), else the site's
card; appeals and news are shared as articles."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from PIL import Image as PillowImage

from core.share_images import BACKGROUND

pytestmark = pytest.mark.django_db


def share_tags(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        (tag.get("property") or tag.get("name")): tag["content"]
        for tag in soup.select("meta[property^='og:'], meta[name^='twitter:']")
    }


def picture_at(url):
    """The file a share image URL points to, opened."""
    path = urlsplit(url).path
    if path.startswith(settings.MEDIA_URL):
        return PillowImage.open(default_storage.open(path.removeprefix(settings.MEDIA_URL)))
    return PillowImage.open(finders.find(path.removeprefix(settings.STATIC_URL)))


def test_every_page_shares_a_1200_by_630_picture_with_a_text_alternative(client, every_page_type):
    for kind, pages in every_page_type.items():
        for page in pages:
            tags = share_tags(client, page)
            assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630"), kind
            assert picture_at(tags["og:image"]).size == (1200, 630), kind
            assert tags["og:image:alt"] and tags["twitter:image:alt"] == tags["og:image:alt"]
            assert tags["twitter:card"] == "summary_large_image"
            assert tags["og:type"] == {"appeal": "article", "news": "article"}.get(
                kind, "profile" if kind == "candidate" else "website"
            ), kind


def test_a_news_picture_is_cropped_to_the_card_and_described(client, every_page_type):
    """960×540 (Wagtail's fill-1200x630 would give 960×504: it never enlarges)."""
    kk, ru = every_page_type["news"]
    tags = share_tags(client, ru)
    assert ".share-1200x630" in tags["og:image"]
    assert tags["og:image:alt"] == "RU Жиналыс залы"
    assert share_tags(client, kk)["og:image:alt"] == "Жиналыс залы"


def test_a_portrait_is_shown_whole_on_the_sites_blue(client, every_page_type):
    _kk, ru = every_page_type["candidate"]
    tags = share_tags(client, ru)
    assert tags["og:image:alt"] == "Фото: Ахметов Ерлан Серикович"
    card = picture_at(tags["og:image"]).convert("RGB")
    # The 480×600 photo scaled to 504×630 in the middle; the sides are the background.
    for x in (10, 1190):
        assert all(
            abs(a - b) <= 8 for a, b in zip(card.getpixel((x, 315)), BACKGROUND, strict=True)
        ), x
    assert card.getpixel((600, 315)) != BACKGROUND


def test_pages_without_a_picture_share_the_sites_card(client, every_page_type):
    kk, _ru = every_page_type["appeal"]
    tags = share_tags(client, kk)
    assert tags["og:image"] == "http://testserver/static/img/share.png"
    assert tags["og:image:alt"] == "Қазақстан Республикасы Кәсіподақтар федерациясы"
