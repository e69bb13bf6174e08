"""Issue 22, point 3, checked as search engines and validators do: every public page type of
the demo, in both languages, through Lighthouse 12.8.2 (SEO 100 on each indexable page,
accessibility 100 on every page) and the Nu HTML checker (no errors). The tools come from
`package.json` (`npm ci`, which .ci/run runs); Chromium is Debian's.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
import requests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def tools_or_fail():
    missing = [str(p.relative_to(ROOT)) for p in (LIGHTHOUSE, VNU_JAR) if not p.exists()]
    if missing:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"missing {missing}: run `npm ci` (as .ci/run does)")
        pytest.skip(f"missing {missing}: run `npm ci`")


@pytest.fixture
def demo_site(live_server):
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server.url


def page_types(language):
    """One live page of each type in `language` (the first by tree order), and its search."""
    from wagtail.models import Page

    by_type = {}
    pages = Page.objects.live().public().filter(locale__language_code=language, depth__gte=2)
    for page in pages.specific().order_by("path"):
        by_type.setdefault(type(page).__name__, page.url)
    by_type["search"] = (
        f"/{language}/search/?q=%D0%BA%D3%99%D1%81%D1%96%D0%BF%D0%BE%D0%B4%D0%B0%D2%9B"
    )
    return by_type


def lighthouse(url):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--only-categories=seo,accessibility",
                "--output=json",
                f"--output-path={out.name}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            check=True,
            timeout=180,
            capture_output=True,
        )
        report = json.loads(Path(out.name).read_text())
    assert not report.get("runtimeError"), report.get("runtimeError")
    failing = {
        category: [
            ref["id"]
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] and report["audits"][ref["id"]]["score"] not in (1, None)
        ]
        for category in ("seo", "accessibility")
    }
    scores = {c: round(report["categories"][c]["score"] * 100) for c in ("seo", "accessibility")}
    return scores, failing


def vnu_errors(documents):
    """{name: [messages]} for the HTML documents {name: bytes}, in one run of the checker."""
    with tempfile.TemporaryDirectory() as directory:
        paths = {}
        for name, html in documents.items():
            path = Path(directory) / f"{len(paths):02d}.html"
            path.write_bytes(html)
            paths[str(path)] = name
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *paths],
            capture_output=True,
            timeout=300,
        )
    errors = {}
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] == "error":
            name = paths.get(message["url"].removeprefix("file:"), message["url"])
            errors.setdefault(name, []).append(message["message"])
    return errors


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_page_type_is_valid_indexable_and_accessible(demo_site, language):
    """One language per test, so that two CI workers share the Lighthouse runs."""
    tools_or_fail()
    urls = {f"{language} {kind}": demo_site + path for kind, path in page_types(language).items()}

    documents = {name: requests.get(url, timeout=30).content for name, url in urls.items()}
    assert vnu_errors(documents) == {}

    report, problems = {}, {}
    for name, url in urls.items():
        scores, failing = lighthouse(url)
        report[name] = scores
        indexable = "search" not in name
        if scores["accessibility"] != 100 or (indexable and scores["seo"] != 100):
            problems[name] = (scores, failing)
    print("\nLighthouse 12.8.2 (SEO, accessibility):")
    for name, scores in report.items():
        print(f"  {name:28} SEO {scores['seo']:3}  accessibility {scores['accessibility']:3}")
    assert problems == {}
