"""Security headers on every response: a Content-Security-Policy without inline script on the
public site and its own policy on the admin, Permissions-Policy and Cross-Origin-Opener-Policy;
public pages hold no inline script to need one. (The browser tests fail on any CSP violation
in the console, which proves the admin policy keeps every admin screen working.)"""

import pytest
from bs4 import BeautifulSoup

from tests.news_factories import news_index, publish_news

pytestmark = pytest.mark.django_db


def directives(header):
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.fixture
def public_urls(seed_appeal):
    kk_appeal, ru_appeal = seed_appeal
    item = publish_news(news_index("kk"), "Жаңалық")
    return [
        "/kk/",
        "/ru/",
        kk_appeal.url,
        ru_appeal.url,
        kk_appeal.get_parent().url,
        item.url,
        news_index("kk").url,
        "/kk/search/?q=сайлау",
        "/kk/no-such-page/",
    ]


def test_public_pages_have_a_strict_policy_and_no_inline_script(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        soup = BeautifulSoup(response.content, "html.parser")
        inline = [
            script
            for script in soup.find_all("script")
            if not script.get("src") and script.get("type") != "application/ld+json"
        ]
        assert inline == [], url
        handlers = [
            (tag.name, attr)
            for tag in soup.find_all(True)
            for attr in tag.attrs
            if attr.startswith("on")
        ]
        assert handlers == [], url
        assert not soup.find_all(style=True), url


def test_the_admin_has_its_own_policy(admin_client, site_structure):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    # Wagtail's inline scripts and styles, but from no other origin.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["object-src"] == ["'none'"]
    assert "gravatar" not in response.content.decode()
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
