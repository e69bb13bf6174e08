"""No off-site links from a crafted URL: a path that starts with two slashes or a backslash
("//evil.example/x") is another host to a browser; the 404 it gets links only to this site."""

import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

CRAFTED = [
    "//evil.example/x",
    "//evil.example/kk/",
    "//evil.example",
    "///evil.example/x/",
    "/\\evil.example/x",
    "/\\/evil.example/x",
    "\\\\evil.example/x",
    "/kk//evil.example/x",
    "/ru///evil.example/",
    "/kk/\\evil.example",
]
HOST = "testserver"


def get(client, path, **headers):
    """The request exactly as a browser or a crafted link sends it (Django's test client would
    parse "//evil.example/x" into a host and a path)."""
    return client.request(PATH_INFO=path, REQUEST_METHOD="GET", **headers)


def links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    found = [
        tag.get(attr)
        for attr in ("href", "src", "action")
        for tag in soup.find_all(attrs={attr: True})
    ]
    found += [
        tag["content"]
        for tag in soup.find_all("meta", attrs={"content": True})
        if re.match(r"^(og|twitter):(url|image)$", tag.get("property") or tag.get("name") or "")
    ]
    return found


def host_of(url):
    """The host a browser sends `url` to: WHATWG's URL parser reads "\\" as "/" in http URLs
    and skips any number of slashes before a host ("///evil.example" is evil.example)."""
    url = url.strip().replace("\\", "/")
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
        scheme, rest = url.split(":", 1)
        return (
            rest.lstrip("/").split("/")[0].split("?")[0]
            if scheme.lower() in ("http", "https")
            else scheme
        )
    if url.startswith("//"):
        return url.lstrip("/").split("/")[0].split("?")[0]
    return HOST


def stays_on_site(url):
    return host_of(url) == HOST


@pytest.mark.parametrize("path", CRAFTED)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_crafted_path_gets_a_404_that_links_only_to_this_site(
    client, site_structure, path, language
):
    response = get(client, path, HTTP_ACCEPT_LANGUAGE=language)
    if response.status_code in (301, 302):
        assert stays_on_site(response["Location"]), response["Location"]
        return
    assert response.status_code == 404
    found = links(response)
    soup = BeautifulSoup(response.content, "html.parser")
    # The 404 has a language switcher and og:url, and every one of its links stays here.
    assert soup.select(".language-switcher a")
    assert soup.find("meta", property="og:url")
    offsite = [url for url in found if not stays_on_site(url)]
    assert offsite == [], f"{path}: {offsite}"


def test_the_switcher_and_og_url_of_a_crafted_404_are_this_sites_paths(client, site_structure):
    soup = BeautifulSoup(get(client, "//evil.example/x").content, "html.parser")
    assert soup.find("meta", property="og:url")["content"] == f"http://{HOST}/evil.example/x"
    for link in soup.select(".language-switcher a"):
        assert link["href"].startswith("/") and not link["href"].startswith(("//", "/\\"))
