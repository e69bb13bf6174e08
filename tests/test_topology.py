"""The production topology without Docker: Debian's varnish on loopback in front of two
gunicorn servers (production settings) sharing PostgreSQL and Redis, as compose.yaml runs
them. A page is published through the admin of server A (password, second factor, the page
editor's form); through Varnish the new version is served at once, server B serves it too,
and an unrelated page is still a Varnish hit. compose.yaml and the Varnish configuration are
checked for the shape they promise."""

import contextlib
import http.cookiejar
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.servers import (
    REPO,
    free_port,
    gunicorn,
    postgres_available,
    postgres_copy,
    postgres_url,
    production_env,
    run,
    wait_for_health,
)

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
HOST = "127.0.0.1"
SETUP = """
import django, json, datetime
django.setup()
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from core.structure import ensure_site_structure
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

pytestmark = pytest.mark.skipif(
    not (Path(VARNISHD).exists() and postgres_available()),
    reason="needs Debian's varnish and PostgreSQL (.ci/run installs varnish)",
)


@pytest.fixture(scope="module")
def stack(tmp_path_factory, postgres_template, collected_static):
    import json

    tmp = tmp_path_factory.mktemp("topology")
    with contextlib.ExitStack() as running, postgres_copy(postgres_template) as name:
        varnish_port = free_port()
        env = production_env(
            tmp,
            ALLOWED_HOSTS=HOST,
            DATABASE_URL=postgres_url(name),
            REDIS_URL="redis://127.0.0.1:6379/11",
            CACHE_KEY_PREFIX=name,
            STATIC_ROOT=str(collected_static),
            FRONTEND_CACHE_URL=f"http://{HOST}:{varnish_port}",
            WAGTAILADMIN_BASE_URL=f"http://{HOST}",
            SECURE_SSL_REDIRECT="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            SECURE_HSTS_SECONDS="0",
        )
        made = json.loads(run([sys.executable, "-c", SETUP], env).stdout.strip().splitlines()[-1])
        ports = [free_port(), free_port()]
        for server, port in zip("ab", ports, strict=True):
            running.enter_context(
                gunicorn({**env, "PORT": str(port)}, tmp / f"server-{server}.log")
            )
        (tmp / "backends.vcl").write_text(
            f"""
backend web_a {{ .host = "{HOST}"; .port = "{ports[0]}"; }}
backend web_b {{ .host = "{HOST}"; .port = "{ports[1]}"; }}
acl purgers {{ "{HOST}"; }}
sub vcl_init {{
    new app = directors.round_robin();
    app.add_backend(web_a);
    app.add_backend(web_b);
}}
"""
        )
        varnish = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-a",
                f"{HOST}:{varnish_port}",
                "-f",
                str(REPO / "deploy" / "varnish" / "default.vcl"),
                "-p",
                f"vcl_path={tmp}:{REPO / 'deploy' / 'varnish'}",
                "-n",
                str(tmp / "varnish"),
                "-s",
                "malloc,32m",
                # No privilege separation: the pytest temporary directory is its owner's only.
                "-j",
                "none",
            ],
            stdout=open(tmp / "varnish.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        running.callback(varnish.wait, timeout=30)
        running.callback(varnish.terminate)
        for port in (*ports, varnish_port):
            wait_for_health(port)
        yield {"a": ports[0], "b": ports[1], "varnish": varnish_port, **made}


def get(port, path, opener=None):
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")
    response = (opener or urllib.request.build_opener()).open(request, timeout=15)
    return response.headers, response.read().decode()


def signed_in(port, key):
    """Server A's admin, signed in as a person would be: password, then the app's code."""
    from tests.totp_codes import code_from_key

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def form_post(path, fields):
        _headers, html = get(port, path, opener)
        token = BeautifulSoup(html, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token["value"], **fields}).encode()
        return opener.open(f"http://{HOST}:{port}{path}", data, timeout=15)

    form_post("/admin/login/", {"username": "chief", "password": "Topology-2024!"})
    from base64 import b32encode

    secret = b32encode(bytes.fromhex(key)).decode()
    form_post("/admin/two-factor/", {"code": code_from_key(secret)})
    _headers, dashboard = get(port, "/admin/", opener)
    assert "chief" in dashboard or "wagtail" in dashboard.lower()
    return opener


def publish_through_the_editor(port, opener, page_id, title):
    """The page editor's form as the browser would submit it, with a new title."""
    path = f"/admin/pages/{page_id}/edit/"
    _headers, html = get(port, path, opener)
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
    response = opener.open(
        f"http://{HOST}:{port}{path}", urllib.parse.urlencode(fields).encode(), timeout=30
    )
    if "/edit/" in response.geturl():
        soup = BeautifulSoup(response.read().decode(), "html.parser")
        errors = [
            e.get_text(" ", strip=True)
            for e in soup.select(".error-message, .help-critical, .messages li, [class*=error]")
        ]
        raise AssertionError(f"the editor refused the form: {errors}")


def test_a_publication_through_server_a_reaches_readers_through_varnish_and_server_b(stack):
    varnish = stack["varnish"]
    page_path = "/kk/zhangalyqtar/published/"
    other_path = "/kk/zhangalyqtar/unrelated/"
    for path in (page_path, other_path):
        first, _ = get(varnish, path)
        again, body = get(varnish, path)
        assert again["X-Cache"] == "HIT", path
    assert "Жарияланған жаңалық" in body or "Басқа жаңалық" in body
    _headers, from_b = get(stack["b"], page_path)  # B has the old version cached (Redis)
    assert "Жарияланған жаңалық" in from_b

    opener = signed_in(stack["a"], stack["key"])
    publish_through_the_editor(stack["a"], opener, stack["published"], "Жаңа тақырып")

    headers, through_varnish = get(varnish, page_path)
    assert headers["X-Cache"] == "MISS" and "Жаңа тақырып" in through_varnish
    _headers, from_b = get(stack["b"], page_path)
    assert "Жаңа тақырып" in from_b
    headers, _body = get(varnish, other_path)
    assert headers["X-Cache"] == "HIT"
    headers, listing = get(varnish, "/kk/zhangalyqtar/")
    assert "Жаңа тақырып" in listing


def test_varnish_accepts_purges_only_from_the_app(stack):
    import socket

    def purge(source):
        with socket.create_connection((HOST, stack["varnish"]), source_address=(source, 0)) as s:
            s.sendall(b"PURGE /kk/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return s.recv(100).split(b" ")[1]

    assert purge("127.0.0.2") == b"405"
    assert purge(HOST) == b"200"


def test_compose_runs_the_promised_topology():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    services = compose["services"]
    web = [name for name, service in services.items() if "command" not in service]
    assert {"web-a", "web-b"} <= set(web)
    assert {"db", "redis", "varnish", "scheduler", "release"} <= set(services)
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


def test_the_shipped_varnish_configuration_compiles(tmp_path):
    """deploy/varnish as compose mounts it, with the service names made resolvable here."""
    backends = (REPO / "deploy" / "varnish" / "backends.vcl").read_text()
    (tmp_path / "backends.vcl").write_text(
        backends.replace('"web-a"', '"127.0.0.1"').replace('"web-b"', '"127.0.0.1"')
    )
    result = subprocess.run(
        [
            VARNISHD,
            "-C",
            "-f",
            str(REPO / "deploy" / "varnish" / "default.vcl"),
            "-p",
            f"vcl_path={tmp_path}:{REPO / 'deploy' / 'varnish'}",
            "-n",
            str(tmp_path / "n"),
            "-j",
            "none",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
