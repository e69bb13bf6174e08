"""A bounded fault run on the production topology (`make fault-run`): what readers and a
publishing Moderator see while the site's dependencies fail.

The topology is `make rehearsal`'s (deploy/rehearsal.py): Varnish in front of two gunicorn
servers with production settings, sharing PostgreSQL and Redis, the scheduler and nginx for
media, all on loopback (free ports), with the demo content in a database of its own
(federation_faultrun, dropped and created again) and Redis database 13.

32 readers ask Varnish, with no pause, for pages warmed before the run (the homes, every
section index, items of each section and a few searches, in both languages) for two minutes.
Meanwhile a Moderator, signed in with a password and a second factor, publishes a new news
item through the admin's own form every few seconds, on server A and B in turn; an attempt
that fails (no server, the database away) is retried as a new item, never counted twice.
The faults, in order, each in a phase of its own:

    baseline            nothing wrong
    redis down          Redis stopped (about 20 s), then started again (empty)
    redis back
    postgres restart    PostgreSQL restarted (pg_ctlcluster restart)
    postgres back
    server A down       server A killed (SIGKILL), then started again
    recovery            until the end

The report counts per phase the readers' requests, 5xx, failures without an answer, and how
many answers Varnish gave from its store (X-Cache HIT, or STALE: past their lifetime, kept
by grace), and the seconds from each dependency's return until readers got only 200 again.
Afterwards every item the admin said it published must be live in the database and shown
through Varnish: anything else is an edit lost. A Markdown table goes to the terminal and to
bench/results/ (with the raw figures as JSON).

It stops and starts this machine's own Redis and PostgreSQL (Redis again with the settings it
ran with, read before it is stopped): run it on a development machine, never beside other
work. `--keep-services` leaves them alone (server A is still killed), to try the run itself.
"""

import argparse
import http.client
import http.cookiejar
import json
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from deploy.rehearsal import Rehearsal, RehearsalError, fresh_database  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/federation_faultrun"
REDIS_URL = "redis://127.0.0.1:6379/13"
WORKDIR = REPO / "var" / "fault-run"
RESULTS = REPO / "bench" / "results"
MODERATOR = "moderator"  # editorial/demo.py: Moderators publish without review
# When each fault begins, as a share of the run (two minutes: 15 s, 35 s, 55 s, 75 s, 90 s).
TIMELINE = [
    (15 / 120, "redis_stop"),
    (35 / 120, "redis_start"),
    (55 / 120, "postgres_restart"),
    (75 / 120, "kill_server_a"),
    (90 / 120, "start_server_a"),
]
PHASES = [
    # (label, the event whose end -- or begin -- opens the phase)
    ("baseline", None),
    ("redis down", ("redis_stop", "begin")),
    ("redis back", ("redis_start", "end")),
    ("postgres restart", ("postgres_restart", "begin")),
    ("postgres back", ("postgres_restart", "end")),
    ("server A down", ("kill_server_a", "begin")),
    ("recovery", ("start_server_a", "end")),
]
# Each fault's repair and the next fault's beginning: the window its recovery is measured in.
RECOVERIES = [
    ("Redis", ("redis_start", "end"), ("postgres_restart", "begin")),
    ("PostgreSQL", ("postgres_restart", "end"), ("kill_server_a", "begin")),
    ("server A", ("start_server_a", "end"), None),
]
EDIT_PAUSE_SECONDS = 3
READER_TIMEOUT_SECONDS = 10
EDITOR_TIMEOUT_SECONDS = 30

# Run once in the fault run's database (stack.manage shell): the Moderator's authenticator,
# the news index, the body as the page editor's JavaScript posts it, and the readers' pages.
SETUP = """
import json
from urllib.parse import quote
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from editorial.demo import DEMO_PASSWORD
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from news.models import NewsIndexPage

user = get_user_model().objects.get(username="@MODERATOR@")
key = TOTPDevice.objects.create(user=user, name="app", confirmed=True).key
body = nested_form_data(
    {"body": streamfield([("paragraph", rich_text("<p>Федерация кеңесі жиналды.</p>"))])}
)
public = Page.objects.live().public().specific()
paths = {"home": [], "index": [], "item": [], "search": []}
for home in public.filter(depth=2).order_by("path"):
    paths["home"].append(home.url)
    for index in public.child_of(home).order_by("path"):
        paths["index"].append(index.url)
        paths["item"] += [item.url for item in public.child_of(index).order_by("path")[:4]]
paths["search"] = [
    f"/{language}/search/?q={quote(word)}"
    for language, words in (
        ("kk", ("сайлау", "федерация", "жаңалық")), ("ru", ("выборы", "федерация", "новости"))
    )
    for word in words
]
news = NewsIndexPage.objects.get(locale__language_code="kk")
print(json.dumps({
    "key": key,
    "password": DEMO_PASSWORD,
    "index": news.pk,
    "listings": [news.get_parent().url, news.url],
    "body": {name: str(value) for name, value in body.items()},
    "paths": paths,
}))
""".replace("@MODERATOR@", MODERATOR)

# Afterwards: what the database holds of every item the Moderator tried to publish.
CHECK = """
import json
from news.models import NewsPage
slugs = @SLUGS@
found = {
    page.slug: {"live": page.live, "url": page.url, "title": page.title}
    for page in NewsPage.objects.filter(slug__in=slugs, locale__language_code="kk")
}
print(json.dumps(found))
"""


# --- this machine's Redis and PostgreSQL -------------------------------------------------


class MachineServices:
    """Stops and starts the machine's own services, in sessions of their own (so that nothing
    that ends this run's process group takes them along)."""

    REDIS_SETTINGS = ("bind", "port", "save", "appendonly", "dir", "logfile", "dbfilename")

    def __init__(self):
        self.redis_args = None

    def _run(self, args):
        return subprocess.run(
            args, capture_output=True, text=True, start_new_session=True, timeout=120
        )

    def _redis_setting(self, name):
        lines = self._run(["redis-cli", "-p", "6379", "config", "get", name]).stdout.splitlines()
        return lines[1] if len(lines) > 1 else None

    def redis_stop(self):
        # Started again as it runs now: the same addresses, persistence, files and log.
        settings = {name: self._redis_setting(name) for name in self.REDIS_SETTINGS}
        self.redis_args = ["redis-server", "--daemonize", "yes"]
        for name, value in settings.items():
            if value is None:
                continue
            self.redis_args += [f"--{name}", *(value.split() if name == "bind" else [value])]
        self._run(["redis-cli", "-p", "6379", "shutdown", "nosave"])

    def redis_start(self):
        if self.redis_answers():
            return
        self._run(self.redis_args or ["redis-server", "--daemonize", "yes"])
        wait_for(self.redis_answers, 30)

    def redis_answers(self):
        return self._run(["redis-cli", "-p", "6379", "ping"]).stdout.strip() == "PONG"

    def postgres_restart(self):
        self._pg_ctlcluster("restart")
        wait_for(self.postgres_answers, 60)

    def postgres_ensure(self):
        if not self.postgres_answers():
            self._pg_ctlcluster("start")
            wait_for(self.postgres_answers, 60)

    def _pg_ctlcluster(self, action):
        version = sorted(path.name for path in Path("/etc/postgresql").iterdir())[-1]
        self._run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action])

    def postgres_answers(self):
        return self._run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode == 0


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)


# --- the readers -------------------------------------------------------------------------


class Readers:
    """Anonymous readers through Varnish, each on its own kept-alive connection."""

    def __init__(self, varnish_url, paths, count):
        parts = urllib.parse.urlsplit(varnish_url)
        self.host, self.port = parts.hostname, parts.port
        # The homes are asked for most, then the indexes; items and searches make the rest.
        weights = {"home": 6, "index": 2, "item": 1, "search": 1}
        self.choices = [(kind, path) for kind, found in paths.items() for path in found]
        self.weights = [weights[kind] for kind, _path in self.choices]
        self.count = count
        # (time answered, status or error name, X-Cache, kind, answered by the app)
        self.results = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def get(self, connection, path):
        connection.request("GET", path, headers={"Host": self.host})
        response = connection.getresponse()
        response.read()
        # Every answer of the app carries its X-Request-ID; an error page Varnish made itself
        # (no server in the round, a failed fetch) does not.
        cache = response.getheader("X-Cache", "-")
        return response.status, cache, response.getheader("X-Request-ID") is not None

    def run_one(self, seed):
        chooser = random.Random(seed)
        connection = None
        while not self.stop.is_set():
            kind, path = chooser.choices(self.choices, self.weights)[0]
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(
                        self.host, self.port, timeout=READER_TIMEOUT_SECONDS
                    )
                status, cache, from_app = self.get(connection, path)
            except (OSError, http.client.HTTPException) as error:
                status, cache, from_app = type(error).__name__, "-", False
                connection.close()
                connection = None
            with self.lock:
                self.results.append((time.time(), status, cache, kind, from_app))

    def start(self):
        self.threads = [
            threading.Thread(target=self.run_one, args=(number,), daemon=True)
            for number in range(self.count)
        ]
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=READER_TIMEOUT_SECONDS + 5)


def warm(varnish_url, paths):
    """Every reader's page asked for until Varnish holds it (a second ask is a HIT); pages
    that do not answer 200 are left out of the run, and said."""
    kept, dropped = {}, []
    for kind, found in paths.items():
        kept[kind] = []
        for path in found:
            statuses = [fetch(varnish_url + path)[:2] for _ in range(2)]
            if statuses[-1] == (200, "HIT"):
                kept[kind].append(path)
            else:
                dropped.append((path, statuses))
    return kept, dropped


def fetch(url, timeout=READER_TIMEOUT_SECONDS):
    """An anonymous GET: (status, X-Cache, body)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("X-Cache", "-"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", "-"), error.read().decode()


class BackendWatch:
    """What Varnish's health probes make of the two app servers, once a second: a reader's
    request for a page Varnish does not hold fails at once while neither is in the round."""

    def __init__(self, stack):
        self.stack, self.samples, self.stop = stack, [], threading.Event()

    def sample(self):
        healthy = {}
        for line in self.stack.varnishadm("backend.list").splitlines()[1:]:
            words = line.split()
            if words and not words[0].startswith("vcl."):
                name = words[0].rsplit(".", 1)[-1]
                if name in ("web_a", "web_b"):
                    healthy[name] = "healthy" in words
        return healthy

    def run(self):
        while not self.stop.wait(1):
            try:
                self.samples.append((time.time(), self.sample()))
            except (RehearsalError, OSError, subprocess.SubprocessError):
                pass

    def start(self):
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def finish(self):
        self.stop.set()
        self.thread.join(timeout=40)

    def seconds_out(self, begin, end):
        """Seconds (by the one-second samples) in which neither server was in the round, and
        in which only one was."""
        inside = [healthy for moment, healthy in self.samples if begin <= moment < end]
        both = sum(1 for healthy in inside if healthy and not any(healthy.values()))
        one = sum(1 for healthy in inside if healthy and sum(healthy.values()) == 1)
        return both, one


# --- the publishing Moderator ------------------------------------------------------------


class FormFields(HTMLParser):
    """The named fields of one form (by id) as a browser would submit them untouched."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = [name, None]
        elif tag == "option" and self._select is not None:
            if self._select[1] is None or "selected" in attrs:
                self._select[1] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append([self._select[0], self._select[1] or ""])
            self._select = None


def code_from_key(key_hex, counter):
    """The authenticator app's code for the device's key (django-otp's hex) at a time step
    of 30 s, as tests/totp_codes.py computes it (without Django's settings)."""
    from django_otp.oath import hotp

    return f"{hotp(bytes.fromhex(key_hex), counter, 6):06d}"


class Editor:
    """A Moderator in the admin, as a browser without JavaScript would post its forms (the
    body's StreamField as the editor's JavaScript posts it)."""

    def __init__(self, servers, made):
        self.servers, self.made = servers, made
        self.jar = http.cookiejar.CookieJar()  # one session, good on both servers
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.last_counter = -1
        self.attempts = []  # dicts: number, server, began, ended, outcome, slug, title
        self.stop = threading.Event()

    def open(self, url, fields=None):
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        with self.opener.open(url, data, timeout=EDITOR_TIMEOUT_SECONDS) as response:
            return response.geturl(), response.read().decode()

    def form(self, url, form_id):
        address, html = self.open(url)
        parser = FormFields(form_id)
        parser.feed(html)
        return address, parser.fields

    def sign_in(self, base):
        address, html = self.open(f"{base}/admin/login/")
        fields = {"csrfmiddlewaretoken": csrf_token(html)}
        fields.update(username=MODERATOR, password=self.made["password"])
        address, html = self.open(address, fields)
        if "/two-factor/" not in address:
            raise RuntimeError(f"sign-in went to {address}")
        # A code is good once: a second sign-in waits for the authenticator's next one.
        while int(time.time() // 30) <= self.last_counter:
            time.sleep(1)
        self.last_counter = int(time.time() // 30)
        fields = {
            "csrfmiddlewaretoken": csrf_token(html),
            "code": code_from_key(self.made["key"], self.last_counter),
        }
        address, _html = self.open(address, fields)
        if "/two-factor/" in address or "/login/" in address:
            raise RuntimeError("the second factor was refused")

    def publish(self, number, base):
        """One attempt: a new news item, published. Its outcome is "published" only when the
        admin says so (the explorer with the item's success message)."""
        slug, title = f"zhedel-habar-{number}", f"Жедел хабар №{number}"
        attempt = {"number": number, "server": base, "slug": slug, "title": title}
        attempt["began"] = time.time()
        try:
            add = f"{base}/admin/pages/add/news/newspage/{self.made['index']}/"
            address, fields = self.form(add, "page-edit-form")
            if "/login/" in address:
                self.sign_in(base)
                address, fields = self.form(add, "page-edit-form")
            values = {"title": title, "slug": slug, "lead": f"Қысқаша хабар №{number}."}
            posted = [
                (name, values.get(name, value))
                for name, value in fields
                if not name.startswith("body-") and name != "body"
            ]
            posted += list(self.made["body"].items())
            posted.append(("action-publish", "action-publish"))
            address, html = self.open(address, posted)
            if "/add/" in address:
                attempt["outcome"] = "refused by the form"
            elif title in html:
                attempt["outcome"] = "published"
            else:
                attempt["outcome"] = f"no confirmation ({urllib.parse.urlsplit(address).path})"
        except urllib.error.HTTPError as error:
            attempt["outcome"] = f"HTTP {error.code}"
        except (OSError, http.client.HTTPException, RuntimeError) as error:
            attempt["outcome"] = type(error).__name__
        attempt["ended"] = time.time()
        self.attempts.append(attempt)
        return attempt["outcome"] == "published"

    def run(self):
        number = 0
        while not self.stop.is_set():
            number += 1
            published = self.publish(number, self.servers[number % 2])
            self.stop.wait(EDIT_PAUSE_SECONDS if published else 1)

    def start(self):
        self.sign_in(self.servers[0])
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def finish(self):
        self.stop.set()
        self.thread.join(timeout=EDITOR_TIMEOUT_SECONDS * 3)


def csrf_token(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


# --- the run -----------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=120, help="seconds of load")
    parser.add_argument("--readers", type=int, default=32)
    parser.add_argument(
        "--keep-services",
        action="store_true",
        help="leave Redis and PostgreSQL running (server A is still killed)",
    )
    options = parser.parse_args()
    services = MachineServices()
    for stale in ("media", "logs", "varnish", "nginx", "varnish-conf"):
        shutil.rmtree(WORKDIR / stale, ignore_errors=True)
    print("Preparing the topology (fresh database, migrations, demo content)...", flush=True)
    try:
        fresh_database(DATABASE_URL)
        with Rehearsal(WORKDIR, database_url=DATABASE_URL, redis_url=REDIS_URL) as stack:
            report = run(stack, services, options)
    except RehearsalError as error:
        print(f"make fault-run: {error}", file=sys.stderr)
        return 1
    finally:
        # Whatever happened, the machine's services are left running.
        if not options.keep_services:
            services.redis_start()
            services.postgres_ensure()
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    RESULTS.mkdir(parents=True, exist_ok=True)
    markdown = render(report)
    (RESULTS / f"fault-run-{stamp}.md").write_text(markdown)
    (RESULTS / f"fault-run-{stamp}.json").write_text(json.dumps(report, indent=1))
    print("\n" + markdown)
    print(f"Report: {RESULTS / f'fault-run-{stamp}.md'} (and .json)")
    return 0


def run(stack, services, options):
    made = json.loads(stack.manage("shell", "-c", SETUP).stdout.strip().splitlines()[-1])
    print(f"Varnish {stack.varnish_url}, servers {' '.join(stack.servers)}", flush=True)
    paths, dropped = warm(stack.varnish_url, made["paths"])
    print(f"Warmed {sum(map(len, paths.values()))} pages through Varnish", flush=True)
    readers = Readers(stack.varnish_url, paths, options.readers)
    editor = Editor(stack.servers, made)
    editor.start()
    watch = BackendWatch(stack)
    watch.start()
    events = {}
    actions = {
        "redis_stop": services.redis_stop,
        "redis_start": services.redis_start,
        "postgres_restart": services.postgres_restart,
        "kill_server_a": lambda: stack.kill_server(0),
        "start_server_a": lambda: stack.start_server(0),
    }
    if options.keep_services:
        for name in ("redis_stop", "redis_start", "postgres_restart"):
            actions[name] = lambda: None
    started = time.time()
    readers.start()
    try:
        for share, action in TIMELINE:
            time.sleep(max(0, started + share * options.duration - time.time()))
            events[action] = {"begin": time.time()}
            actions[action]()
            events[action]["end"] = time.time()
            took = events[action]["end"] - events[action]["begin"]
            print(f"{time.time() - started:6.1f} s  {action} ({took:.1f} s)", flush=True)
        # The recovery phase lasts at least a fifth of the run, however long the start took.
        ends = max(started + options.duration, time.time() + options.duration / 5)
        time.sleep(max(0, ends - time.time()))
    finally:
        readers.finish()
        ended = time.time()
        watch.finish()
        editor.finish()
        if not options.keep_services:
            services.redis_start()
            services.postgres_ensure()
    edits = check_edits(stack, editor.attempts, made["listings"])
    logs = {
        name: {
            "bytes": path.stat().st_size,
            "tracebacks": path.read_text(errors="replace").count("Traceback"),
        }
        for name, path in stack.logs.items()
        if name.startswith("server") and path.exists()
    }
    # A process of the topology that did not live through the faults (the scheduler, say).
    exited = {
        name: process.returncode
        for name, process in stack._processes.items()
        if process.poll() is not None
    }
    report = summarise(readers, watch, events, started, ended, edits, dropped, logs, options)
    report["pages"] = {kind: len(found) for kind, found in paths.items()}
    report["processes_exited"] = exited
    return report


def check_edits(stack, attempts, listings):
    """Every item the admin said it published: live in the database and shown through
    Varnish (its page answers 200 with its title, and is no STALE copy)."""
    slugs = [attempt["slug"] for attempt in attempts]
    stored = json.loads(
        stack.manage("shell", "-c", CHECK.replace("@SLUGS@", json.dumps(slugs)))
        .stdout.strip()
        .splitlines()[-1]
    )
    confirmed = [attempt for attempt in attempts if attempt["outcome"] == "published"]
    lost = []
    for attempt in confirmed:
        page = stored.get(attempt["slug"])
        if not page or not page["live"]:
            lost.append({"slug": attempt["slug"], "why": "not live in the database"})
            continue
        status, cache, body = fetch(stack.varnish_url + page["url"])
        if status != 200 or attempt["title"] not in body or cache == "STALE":
            lost.append({"slug": attempt["slug"], "why": f"through Varnish: {status} {cache}"})
    # The newest confirmed item leads the home page's and the news index's lists.
    listed = {}
    for path in listings if confirmed else ():
        status, _cache, body = fetch(stack.varnish_url + path)
        listed[path] = status == 200 and confirmed[-1]["title"] in body
    unconfirmed_live = [
        attempt["slug"]
        for attempt in attempts
        if attempt["outcome"] != "published" and stored.get(attempt["slug"], {}).get("live")
    ]
    return {
        "attempts": len(attempts),
        "published": len(confirmed),
        "lost": lost,
        "latest_listed_through_varnish": listed,
        "failed_attempts": Counter(
            attempt["outcome"] for attempt in attempts if attempt["outcome"] != "published"
        ),
        "live_without_confirmation": unconfirmed_live,
        "attempt_log": [
            {**attempt, "began": round(attempt["began"], 2), "ended": round(attempt["ended"], 2)}
            for attempt in attempts
        ],
    }


# --- the report --------------------------------------------------------------------------


def boundary(events, mark):
    name, which = mark
    return events.get(name, {}).get(which, float("inf"))


def summarise(readers, watch, events, started, ended, edits, dropped, logs, options):
    starts = [started] + [boundary(events, mark) for _label, mark in PHASES[1:]]
    phases = []
    for number, (label, _mark) in enumerate(PHASES):
        begin = starts[number]
        end = min([*starts[number + 1 :], ended])
        rows = [row for row in readers.results if begin <= row[0] < end]
        statuses = Counter(row[1] for row in rows)
        caches = Counter(row[2] for row in rows if row[1] == 200)
        five = sum(n for status, n in statuses.items() if isinstance(status, int) and status >= 500)
        unanswered = sum(n for status, n in statuses.items() if not isinstance(status, int))
        from_varnish = sum(
            1 for row in rows if isinstance(row[1], int) and row[1] >= 500 and not row[4]
        )
        both_out, one_out = watch.seconds_out(begin, end)
        phases.append(
            {
                "phase": label,
                "from_s": round(begin - started, 1),
                "to_s": round(end - started, 1),
                "requests": len(rows),
                "status": {str(status): n for status, n in statuses.items()},
                "5xx": five,
                "5xx_from_varnish": from_varnish,
                "5xx_by_kind": dict(
                    Counter(row[3] for row in rows if isinstance(row[1], int) and row[1] >= 500)
                ),
                "unanswered": unanswered,
                "x_cache": dict(caches),
                "both_servers_out_s": both_out,
                "one_server_out_s": one_out,
            }
        )
    recoveries = {}
    for name, repaired_mark, next_mark in RECOVERIES:
        repaired = boundary(events, repaired_mark)
        until = boundary(events, next_mark) if next_mark else ended
        bad = [row[0] for row in readers.results if repaired <= row[0] < until and row[1] != 200]
        published = [
            attempt["ended"]
            for attempt in edits["attempt_log"]
            if attempt["outcome"] == "published" and attempt["ended"] >= repaired
        ]
        recoveries[name] = {
            "readers_all_200_after_s": round(max(bad) - repaired, 1) if bad else 0.0,
            "non_200_after_return": len(bad),
            "first_publication_after_s": round(min(published) - repaired, 1) if published else None,
        }
    outside = sum(phase["5xx"] for phase in phases if phase["phase"] != "postgres restart")
    return {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "readers": options.readers,
        "duration_s": round(ended - started, 1),
        "services_faulted": not options.keep_services,
        "requests": len(readers.results),
        "phases": phases,
        "5xx_outside_postgres_restart": outside,
        "recoveries": recoveries,
        "outages_s": {
            name: round(boundary(events, repaired) - boundary(events, broken), 1)
            for name, broken, repaired in (
                ("Redis", ("redis_stop", "begin"), ("redis_start", "end")),
                ("PostgreSQL", ("postgres_restart", "begin"), ("postgres_restart", "end")),
                ("server A", ("kill_server_a", "begin"), ("start_server_a", "end")),
            )
        },
        "edits": {key: value for key, value in edits.items()},
        "pages_left_out": dropped,
        "server_logs": logs,
    }


def render(report):
    def share(part, whole):
        return f"{100 * part / whole:.1f} %" if whole else "-"

    lines = [
        f"# Fault run, {report['when']}",
        "",
        f"{report['readers']} readers through Varnish for {report['duration_s']} s "
        f"({report['requests']} requests); a Moderator publishing a news item every "
        f"{EDIT_PAUSE_SECONDS} s through server A and B in turn."
        + ("" if report["services_faulted"] else " Redis and PostgreSQL were left running."),
        "",
        "| phase | from-to (s) | requests | 5xx (by page kind) | of them Varnish's own "
        "| no answer | HIT | STALE | MISS/pass | servers out of the round (s): both / one |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for phase in report["phases"]:
        caches = phase["x_cache"]
        fives = str(phase["5xx"])
        if phase["5xx_by_kind"]:
            fives += (
                " (" + ", ".join(f"{k} {n}" for k, n in sorted(phase["5xx_by_kind"].items())) + ")"
            )
        lines.append(
            f"| {phase['phase']} | {phase['from_s']}-{phase['to_s']} | {phase['requests']} "
            f"| {fives} | {phase.get('5xx_from_varnish', 'n/a')} | {phase['unanswered']} "
            f"| {share(caches.get('HIT', 0), phase['requests'])} "
            f"| {share(caches.get('STALE', 0), phase['requests'])} "
            f"| {share(caches.get('MISS', 0), phase['requests'])} "
            f"| {phase['both_servers_out_s']} / {phase['one_server_out_s']} |"
        )
    lines += [
        "",
        f"5xx outside the PostgreSQL restart: {report['5xx_outside_postgres_restart']}.",
        "",
        "| fault | out for (s) | readers all-200 again after (s) | non-200 after return "
        "| first publication after (s) |",
        "|---|---:|---:|---:|---:|",
    ]
    durations = report["outages_s"]
    for name, figures in report["recoveries"].items():
        lines.append(
            f"| {name} | {durations[name]:.1f} | {figures['readers_all_200_after_s']} "
            f"| {figures['non_200_after_return']} | {figures['first_publication_after_s']} |"
        )
    edits = report["edits"]
    failed = ", ".join(f"{why} {n}" for why, n in sorted(edits["failed_attempts"].items()))
    lines += [
        "",
        f"Edits: {edits['attempts']} attempts, {edits['published']} confirmed published, "
        f"**{len(edits['lost'])} lost** (confirmed but not live, or not shown through Varnish)"
        f"; failed attempts (retried as new items): {failed or 'none'}; live without a "
        f"confirmation: {len(edits['live_without_confirmation'])}. Latest item listed through "
        f"Varnish: {edits['latest_listed_through_varnish']}.",
        "",
        "Pages asked for (warmed first): "
        + ", ".join(f"{kind} {n}" for kind, n in report["pages"].items())
        + ". Processes of the topology that exited on their own: "
        + (", ".join(f"{k} ({v})" for k, v in report["processes_exited"].items()) or "none")
        + ".",
        "",
        "App server logs: "
        + ", ".join(
            f"{name} {figures['bytes'] // 1024} KB, {figures['tracebacks']} tracebacks"
            for name, figures in report["server_logs"].items()
        )
        + ".",
    ]
    if report["pages_left_out"]:
        lines.append(f"Pages left out (not cached after warming): {report['pages_left_out']}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
