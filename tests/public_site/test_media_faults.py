"""Media faults never break a page: with an image's original missing, or a file no rendition
can be made from, every page that shows it answers 200 without the image (no broken <img>),
its JSON-LD and share image leave it out (the site's own card stands in), and a warning is
logged."""

import json
import logging

import pytest
from bs4 import BeautifulSoup

from tests.candidates_factories import candidacy, candidate, indexes, photo
from tests.news_factories import news_index, publish_news, tiny_image

pytestmark = pytest.mark.django_db


def lose_original(image):
    image.file.storage.delete(image.file.name)


def corrupt_original(image):
    storage, name = image.file.storage, image.file.name
    storage.delete(name)
    with storage.open(name, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n not an image at all")


@pytest.fixture
def illustrated(site_structure):
    news_image, body_image, portrait = tiny_image(), tiny_image(), photo()
    item = publish_news(
        news_index("kk"),
        "Суретті жаңалық",
        main_image=news_image,
        body=[
            ("paragraph", "<p>Мәтін.</p>"),
            ("image", {"image": body_image, "alt_text": "Сурет", "caption": "", "credit": ""}),
        ],
    )
    person = candidate(indexes()[0], "Суретті Адам", [candidacy()], photo=portrait)
    return {"images": [news_image, body_image, portrait], "news": item, "person": person}


def pages_showing_images(illustrated):
    return [
        illustrated["news"].url,
        news_index("kk").url,
        "/kk/",
        illustrated["person"].url,
        indexes()[0].url,
    ]


def images_in(data):
    """Every "image" URL anywhere in a JSON-LD item (a Person sits inside its ProfilePage)."""
    if isinstance(data, list):
        return [url for item in data for url in images_in(item)]
    if not isinstance(data, dict):
        return []
    found = []
    for key, value in data.items():
        if key == "image":
            found += value if isinstance(value, list) else [value]
        else:
            found += images_in(value)
    return found


@pytest.mark.parametrize("fault", [lose_original, corrupt_original])
def test_pages_serve_without_the_image_and_log_a_warning(client, illustrated, fault, caplog):
    for image in illustrated["images"]:
        image.renditions.all().delete()  # renditions must be made afresh
        fault(image)

    with caplog.at_level(logging.WARNING, logger="federation_site.media"):
        for url in pages_showing_images(illustrated):
            response = client.get(url)
            assert response.status_code == 200, url
            soup = BeautifulSoup(response.content, "html.parser")
            sources = [img.get("src", "") for img in soup.find_all("img")]
            sources += [s.get("srcset", "") for s in soup.find_all("source")]
            assert not any("not-found" in src or "/images/" in src for src in sources), url
            share = soup.find("meta", property="og:image")["content"]
            assert share.endswith("share.png"), url
            for script in soup.find_all("script", type="application/ld+json"):
                for image in images_in(json.loads(script.string)):
                    assert image.endswith("share.png"), url

    warnings = [r for r in caplog.records if r.name == "federation_site.media"]
    assert warnings and all(r.levelno == logging.WARNING for r in warnings)
    assert any(str(illustrated["images"][0].pk) in r.getMessage() for r in warnings)


def test_a_healthy_image_is_still_shown(client, illustrated):
    soup = BeautifulSoup(client.get(illustrated["news"].url).content, "html.parser")
    assert soup.select("figure picture img")
    assert not soup.find("meta", property="og:image")["content"].endswith("share.png")
