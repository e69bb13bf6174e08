"""The production topology without Docker, as `make rehearsal` runs it (deploy/rehearsal.py):
Debian's Varnish on loopback in front of two gunicorn servers (production settings) sharing
PostgreSQL and Redis, the scheduler, and Debian's nginx serving the media files, all from the
repository's own configuration, with the demo content.

- A page published through server A's admin (password, second factor, the page editor's form)
  is served new at once through Varnish and by server B; an unrelated page stays a Varnish hit.
- Every image on the home page loads through Varnish; document files are never served from
  /media/ (the app serves documents, checking private collections).
- PURGE is accepted from the app servers' address only.
- With both app servers down, Varnish serves the pages it has, even past their time (grace).

compose.yaml and the Varnish configuration are checked for the shape they promise: the same
services, fixed addresses, purges from the app containers only, Varnish the only proxy believed.
"""

import http.cookiejar
import ipaddress
import json
import re
import socket
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
import yaml
from bs4 import BeautifulSoup

from deploy.rehearsal import Rehearsal, executable
from tests.servers import REPO, postgres_available, postgres_copy, postgres_url, request, run

HOST = "127.0.0.1"
SETUP = """
import django, json, datetime
django.setup()
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from core.site.setup import ensure_site_structure
from news.models import NewsPage
sections = ensure_site_structure()
index = sections["news.NewsIndexPage"]
made = {}
for slug, title in (("published", "Жарияланған жаңалық"), ("unrelated", "Басқа жаңалық")):
    page = NewsPage(
        title=title, slug=slug, lead="Қысқаша.", date=datetime.date(2024, 1, 1),
        body=[("paragraph", "<p>Мәтін.</p>")],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    made[slug] = page.pk
user = get_user_model().objects.create_superuser("chief", "chief@example.invalid", "Topology-2024!")
device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
made["key"] = device.key
print(json.dumps(made))
"""
DOCUMENT = """
import django, json
django.setup()
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
document = get_document_model()(title="Protocol")
document.file.save("protocol.txt", ContentFile(b"minutes of the meeting"), save=False)
document.save()
print(json.dumps({"file": document.file.name, "url": document.url}))
"""

pytestmark = [
    pytest.mark.skipif(
        not (executable("varnishd") and executable("nginx") and postgres_available()),
        reason="needs Debian's varnish and nginx, and PostgreSQL (.ci/run installs them)",
    ),
    # One worker runs every test of the module (and the rehearsal journey): the stack is
    # started once, not once per xdist worker (two stacks cost about two minutes each).
    pytest.mark.xdist_group("servers"),
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory, postgres_template, collected_static):
    workdir = tmp_path_factory.mktemp("rehearsal")
    with (
        postgres_copy(postgres_template) as name,
        Rehearsal(
            workdir,
            database_url=postgres_url(name),
            redis_url="redis://127.0.0.1:6379/11",
            static_root=collected_static,
        ) as rehearsal,
    ):
        made = json.loads(run([sys.executable, "-c", SETUP], rehearsal.env).stdout.splitlines()[-1])
        rehearsal.made = made
        yield rehearsal


def port_of(url):
    return urllib.parse.urlsplit(url).port


def get(base, path, opener=None):
    response = (opener or urllib.request.build_opener()).open(f"{base}{path}", timeout=30)
    return response.headers, response.read()


def signed_in(base, key):
    """Server A's admin, signed in as a person would be: password, then the app's code."""
    from base64 import b32encode

    from tests.totp_codes import code_from_key

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def form_post(path, fields):
        _headers, html = get(base, path, opener)
        token = BeautifulSoup(html, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token["value"], **fields}).encode()
        return opener.open(f"{base}{path}", data, timeout=30)

    form_post("/admin/login/", {"username": "chief", "password": "Topology-2024!"})
    secret = b32encode(bytes.fromhex(key)).decode()
    form_post("/admin/two-factor/", {"code": code_from_key(secret)})
    _headers, dashboard = get(base, "/admin/", opener)
    assert b"chief" in dashboard or b"wagtail" in dashboard.lower()
    return opener


def publish_through_the_editor(base, opener, page_id, title):
    """The page editor's form as the browser would submit it, with a new title."""
    path = f"/admin/pages/{page_id}/edit/"
    _headers, html = get(base, path, opener)
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    fields = []
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file", "button"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            value = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            value = chosen["value"] if chosen else ""
        else:
            value = field.get("value", "")
        fields.append((name, value))
    fields = [(name, title if name == "title" else value) for name, value in fields]
    # The body's StreamField is drawn by the editor's JavaScript: its inputs, as it posts them.
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    body = nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Мәтін.</p>"))])})
    fields += list(body.items())
    fields.append(("action-publish", "action-publish"))
    response = opener.open(f"{base}{path}", urllib.parse.urlencode(fields).encode(), timeout=60)
    if "/edit/" in response.geturl():
        soup = BeautifulSoup(response.read().decode(), "html.parser")
        errors = [
            e.get_text(" ", strip=True)
            for e in soup.select(".error-message, .help-critical, .messages li, [class*=error]")
        ]
        raise AssertionError(f"the editor refused the form: {errors}")


def purge(stack, path, source):
    with socket.create_connection(
        (HOST, port_of(stack.varnish_url)), timeout=10, source_address=(source, 0)
    ) as s:
        s.sendall(f"PURGE {path} HTTP/1.0\r\nHost: {HOST}\r\n\r\n".encode())
        return int(s.recv(100).split(b" ")[1])


def through_varnish(stack, path, source=HOST):
    return request(port_of(stack.varnish_url), path, source=source, host=HOST)


def test_a_publication_through_server_a_reaches_readers_through_varnish_and_server_b(stack):
    server_a, server_b = stack.servers
    page_path = "/kk/zhangalyqtar/published/"
    other_path = "/kk/zhangalyqtar/unrelated/"
    for path in (page_path, other_path):
        get(stack.varnish_url, path)
        again, body = get(stack.varnish_url, path)
        assert again["X-Cache"] == "HIT", path
    assert "Басқа жаңалық" in body.decode()
    _headers, from_b = get(server_b, page_path)  # B has the old version cached (Redis)
    assert "Жарияланған жаңалық" in from_b.decode()

    opener = signed_in(server_a, stack.made["key"])
    publish_through_the_editor(server_a, opener, stack.made["published"], "Жаңа тақырып")

    headers, through = get(stack.varnish_url, page_path)
    assert headers["X-Cache"] == "MISS" and "Жаңа тақырып" in through.decode()
    _headers, from_b = get(server_b, page_path)
    assert "Жаңа тақырып" in from_b.decode()
    headers, _body = get(stack.varnish_url, other_path)
    assert headers["X-Cache"] == "HIT"
    _headers, listing = get(stack.varnish_url, "/kk/zhangalyqtar/")
    assert "Жаңа тақырып" in listing.decode()


def media_urls(html):
    """Every /media/ URL a browser might fetch for the page: src, srcset of img and source."""
    soup = BeautifulSoup(html, "html.parser")
    urls = set()
    for tag in soup.find_all(["img", "source"]):
        if tag.get("src"):
            urls.add(tag["src"])
        for candidate in (tag.get("srcset") or "").split(","):
            if candidate.strip():
                urls.add(candidate.split()[0])
    return sorted(url for url in urls if url.startswith("/media/"))


def test_every_image_on_the_home_page_loads_through_varnish(stack):
    _headers, html = get(stack.varnish_url, "/kk/")
    urls = media_urls(html)
    assert len(urls) >= 6, "the demo home page shows news with images"
    for url in urls:
        status, headers, body = through_varnish(stack, url)
        assert status == 200, url
        assert headers["content-type"].startswith("image/"), (url, headers["content-type"])
        assert int(headers["content-length"]) == len(body) > 0
        assert (
            "public" in headers["cache-control"] and "max-age=2592000" in headers["cache-control"]
        )
    _status, headers, _body = through_varnish(stack, urls[0])
    assert headers["x-cache"] == "HIT"


def test_document_files_and_listings_are_not_served_from_media(stack):
    document = json.loads(stack.manage("shell", "-c", DOCUMENT).stdout.splitlines()[-1])
    # The app serves the document at its own address (where it checks private collections)...
    status, _headers, body = through_varnish(stack, document["url"])
    assert status == 200 and body == b"minutes of the meeting"
    # ...and the file itself is never served from the media volume, nor any listing.
    for path in (f"/media/{document['file']}", "/media/documents/", "/media/images/", "/media/"):
        status, _headers, body = through_varnish(stack, path)
        assert status == 404, path
        assert b"minutes" not in body and b"news-" not in body


def test_varnish_accepts_purges_only_from_the_app(stack):
    through_varnish(stack, "/kk/")
    assert through_varnish(stack, "/kk/")[1]["x-cache"] == "HIT"

    assert purge(stack, "/kk/", "127.0.0.2") == 405
    assert through_varnish(stack, "/kk/")[1]["x-cache"] == "HIT"

    assert purge(stack, "/kk/", HOST) == 200
    assert through_varnish(stack, "/kk/")[1]["x-cache"] == "MISS"


# Every object counts as past its time, as it would be an hour after it was stored (s-maxage
# is 3600): what Varnish serves then is up to its grace rules alone.
AGED_VCL = """vcl 4.1;

sub vcl_recv {
    set req.ttl = 0s;
}

include "default.vcl";
"""


def test_with_both_app_servers_down_varnish_serves_the_pages_it_has(stack):
    # Varnish's own default grace (10 s) off: only what default.vcl grants counts.
    stack.varnishadm("param.set", "default_grace", "0s")
    assert purge(stack, "/ru/", HOST) == 200
    assert through_varnish(stack, "/ru/")[1]["x-cache"] == "MISS"
    assert purge(stack, "/kk/", HOST) == 200  # and not stored again until the end
    aged = stack.workdir / "varnish-conf" / "aged.vcl"
    aged.write_text(AGED_VCL)
    stack.kill_server(0)
    stack.kill_server(1)
    try:
        status, _headers, _body = through_varnish(stack, "/kk/")
        assert status == 503  # nothing stored for it, and nobody to ask

        stack.varnishadm("vcl.load", "aged", str(aged))
        stack.varnishadm("vcl.use", "aged")
        # At once (the new configuration's probes have not run: it tries the servers first)...
        status, headers, body = through_varnish(stack, "/ru/")
        assert status == 200 and headers["x-cache"] == "HIT"
        assert 'lang="ru"' in body.decode()
        # ...and once Varnish knows both servers are down.
        stack.wait_for_backend("web_a", healthy=False)
        stack.wait_for_backend("web_b", healthy=False)
        status, headers, body = through_varnish(stack, "/ru/")
        assert status == 200 and headers["x-cache"] == "HIT"
        assert 'lang="ru"' in body.decode()
    finally:
        stack.varnishadm("vcl.use", "boot")
        stack.varnishadm("param.set", "default_grace", "10s")
        stack.start_server(0)
        stack.start_server(1)
    # Back to normal: the servers answer again through Varnish.
    assert through_varnish(stack, "/kk/")[0] == 200


# --- the shipped configuration ---------------------------------------------------------------


def compose():
    return yaml.safe_load((REPO / "compose.yaml").read_text())


def address(service):
    return compose()["services"][service]["networks"]["backend"]["ipv4_address"]


def test_compose_runs_the_promised_topology():
    services = compose()["services"]
    web = [name for name, service in services.items() if "command" not in service]
    assert {"web-a", "web-b"} <= set(web)
    assert {"db", "redis", "varnish", "scheduler", "release", "media"} <= set(services)
    app = services["web-a"]["environment"]
    for variable in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "FRONTEND_CACHE_URL",
        "FORWARDED_ALLOW_IPS",
    ):
        assert variable in app, variable
    assert services["scheduler"]["environment"]["CONTAINER_ROLE"] == "scheduler"
    assert "run_scheduler" in services["scheduler"]["command"]
    assert "./deploy/varnish:/etc/varnish:ro" in services["varnish"]["volumes"]
    # The media server reads the app's media volume, and only reads it.
    assert "media:/app/media" in services["web-a"]["volumes"]
    assert app["MEDIA_ROOT"] == "/app/media"
    media = services["media"]
    assert f"media:{media['environment']['MEDIA_PARENT']}/media:ro" in media["volumes"]
    assert any(v.startswith("./deploy/nginx/media.conf.template:") for v in media["volumes"])


def test_only_the_app_containers_purge_and_only_varnish_is_believed():
    network = ipaddress.ip_network(compose()["networks"]["backend"]["ipam"]["config"][0]["subnet"])
    dynamic = ipaddress.ip_network(
        compose()["networks"]["backend"]["ipam"]["config"][0]["ip_range"]
    )
    fixed = {name: address(name) for name in ("web-a", "web-b", "scheduler", "varnish", "media")}
    for name, ip in fixed.items():
        assert ipaddress.ip_address(ip) in network, name
        assert ipaddress.ip_address(ip) not in dynamic, name  # never handed to another
        assert ipaddress.ip_address(ip) != next(network.hosts()), name  # the gateway's

    vcl = (REPO / "deploy" / "varnish" / "backends.vcl").read_text()
    acl = re.search(r"acl purgers \{(.*?)\}", vcl, re.S).group(1)
    purgers = re.findall(r'"([^"]+)"\s*(/\s*\d+)?\s*;', acl)
    assert all(not mask for _ip, mask in purgers), "purgers are addresses, not networks"
    assert {ip for ip, _mask in purgers} == {fixed["web-a"], fixed["web-b"], fixed["scheduler"]}

    backends = dict(re.findall(r'backend (\w+) \{ \.host = "([^"]+)"', vcl))
    assert backends == {"web_a": fixed["web-a"], "web_b": fixed["web-b"], "media": fixed["media"]}

    environment = compose()["services"]["web-a"]["environment"]
    assert environment["FORWARDED_ALLOW_IPS"] == fixed["varnish"]


def test_the_shipped_varnish_configuration_compiles(tmp_path):
    """deploy/varnish as compose mounts it."""
    result = subprocess.run(
        [
            executable("varnishd"),
            "-C",
            "-f",
            str(REPO / "deploy" / "varnish" / "default.vcl"),
            "-p",
            f"vcl_path={REPO / 'deploy' / 'varnish'}",
            "-n",
            str(tmp_path / "n"),
            "-j",
            "none",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
