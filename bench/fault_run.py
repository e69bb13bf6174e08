"""A bounded fault run on loopback (`make fault-run`): the production stack under read load
while its dependencies fail, and what readers and an editor see.

gunicorn (production settings, 2 workers) serves the demo site from PostgreSQL with Redis as
its cache. 32 readers fetch public pages for 2 minutes while an editor process edits and
publishes a news item once a second. Along the way Redis is stopped and started again, then
PostgreSQL is restarted. The report counts responses by phase and status, the editor's edits
(each one must end up published: none lost), and how long readers waited for a good page
after each dependency came back.

It stops and starts the machine's own Redis and PostgreSQL (the commands are in
FAULT_COMMANDS): run it on a development machine, never beside other work.
"""

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = str(REPO / ".venv" / "bin" / "python")
DATABASE = "federation_faultrun"
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
FAULT_COMMANDS = {
    "redis_stop": ["redis-cli", "-p", "6379", "shutdown", "nosave"],
    "redis_start": [
        "redis-server",
        "--daemonize",
        "yes",
        "--bind",
        "127.0.0.1",
        "-::1",
        "--port",
        "6379",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        "/var/lib/redis",
        "--logfile",
        "/var/log/redis/ci.log",
    ],
    "postgres_restart": [
        "sh",
        "-c",
        "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart",
    ],
}


def env_for(port, media):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "federation_site.settings.production",
        "SECRET_KEY": "fault-run-" + "x7Kp2qR9mLz4wT6nB8vC1hJ3dF5gS0aE" * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": media,
        "STATIC_ROOT": str(REPO / "var" / "fault-static"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }


def sh(args, env=None, check=True):
    return subprocess.run(args, cwd=REPO, env=env, check=check, capture_output=True, text=True)


def prepare(env):
    admin = {**env, "DATABASE_URL": POSTGRES_ADMIN}
    drop = f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'
    create = f'CREATE DATABASE "{DATABASE}"'
    code = (
        "import psycopg2; c = psycopg2.connect('dbname=postgres host=127.0.0.1 user=postgres');"
        f"c.autocommit = True; cur = c.cursor(); cur.execute('{drop}'); cur.execute('{create}')"
    )
    sh([PY, "-c", code], admin)
    sh([PY, "manage.py", "migrate", "--no-input", "-v0"], env)
    sh([PY, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    sh(
        [PY, "manage.py", "load_demo"],
        {**env, "DJANGO_SETTINGS_MODULE": "federation_site.settings.dev"},
    )


EDITOR = """
import os, sys, time, json, django
django.setup()
from django.db import close_old_connections
from news.models import NewsPage
kazakh = NewsPage.objects.filter(locale__language_code="kk").order_by("pk")
page_id = kazakh.values_list("pk", flat=True).first()
stop_at = time.time() + float(sys.argv[1])
number = 0
while time.time() < stop_at:
    number += 1
    marker = f"fault-run edit {number}"
    while True:  # an edit is retried until the database takes it: it is never dropped
        try:
            close_old_connections()
            page = NewsPage.objects.get(pk=page_id)
            page.lead = marker
            page.save_revision().publish()
            print(json.dumps({"edit": number, "at": time.time(), "ok": True}), flush=True)
            break
        except Exception as error:
            failure = {"edit": number, "ok": False, "error": type(error).__name__}
            print(json.dumps(failure), flush=True)
            time.sleep(0.5)
    time.sleep(1)
print(json.dumps({"last": number, "page": page_id}), flush=True)
"""


class Readers:
    def __init__(self, port, paths, count):
        self.port, self.paths, self.count = port, paths, count
        self.results = []  # (time, status or error name, path)
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run_one(self):
        connection = None
        while not self.stop.is_set():
            path = random.choice(self.paths)
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                outcome = response.status
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
                connection = None
            with self.lock:
                self.results.append((time.time(), outcome, path))

    def start(self):
        self.threads = [
            threading.Thread(target=self.run_one, daemon=True) for _ in range(self.count)
        ]
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--readers", type=int, default=32)
    parser.add_argument("--port", type=int, default=8123)
    options = parser.parse_args()
    media = str(REPO / "var" / "fault-media")
    env = env_for(options.port, media)
    print("Preparing the database (migrate, demo content)...", flush=True)
    prepare(env)
    paths = json.loads(
        sh(
            [
                PY,
                "-c",
                "import django, json; django.setup(); from wagtail.models import Page; "
                "print(json.dumps([p.url for p in Page.objects.live().filter(depth__gte=2)"
                ".exclude(url_path='/').order_by('path')[:60]]))",
            ],
            env,
        ).stdout
    )
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "gunicorn"),
            "federation_site.wsgi:application",
            "--config",
            "gunicorn.conf.py",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(3)
    events = {}
    readers = Readers(options.port, paths, options.readers)
    editor = subprocess.Popen(
        [PY, "-c", EDITOR, str(options.duration - 5)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    started = time.time()
    readers.start()
    timeline = [
        (options.duration * 1 / 6, "redis_stop"),
        (options.duration * 2 / 6, "redis_start"),
        (options.duration * 3 / 6, "postgres_restart"),
    ]
    try:
        for at, action in timeline:
            time.sleep(max(0, started + at - time.time()))
            events[action] = {"begin": time.time()}
            sh(FAULT_COMMANDS[action], check=False)
            events[action]["end"] = time.time()
            print(f"{time.time() - started:6.1f} s  {action}", flush=True)
        time.sleep(max(0, started + options.duration - time.time()))
    finally:
        readers.finish()
        editor_lines = editor.communicate(timeout=120)[0].splitlines()
        server.terminate()
        server.wait(timeout=30)
        sh(FAULT_COMMANDS["redis_start"], check=False)

    report = summarise(readers.results, events, editor_lines, env, started)
    out = (
        REPO
        / "bench"
        / "results"
        / f"fault-run-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))
    print(f"Report: {out}")


def phase_of(moment, events):
    redis_down = events["redis_stop"]["end"] <= moment < events["redis_start"]["end"]
    if moment < events["redis_stop"]["end"]:
        return "1 before"
    if redis_down:
        return "2 redis down"
    if moment < events["postgres_restart"]["begin"]:
        return "3 redis back"
    if moment < events["postgres_restart"]["end"]:
        return "4 postgres restarting"
    return "5 postgres back"


def summarise(results, events, editor_lines, env, started):
    by_phase = defaultdict(Counter)
    for moment, outcome, _path in results:
        by_phase[phase_of(moment, events)][str(outcome)] += 1
    recoveries = {}
    windows = (
        ("redis", "redis_start", events["postgres_restart"]["begin"]),
        ("postgres", "postgres_restart", float("inf")),
    )
    for name, action, until in windows:
        back = events[action]["end"]
        bad_after = [m for m, o, _ in results if back <= m < until and o != 200]
        # Seconds from the service's return to the last reader who still saw an error.
        recoveries[name] = round(max(bad_after) - back, 2) if bad_after else 0.0
    edits = [json.loads(line) for line in editor_lines if line.startswith("{")]
    done = sorted({e["edit"] for e in edits if e.get("ok")})
    summary = next((e for e in edits if "last" in e), {})
    check = (
        "import django, json; django.setup(); from news.models import NewsPage; "
        f"p = NewsPage.objects.get(pk={summary.get('page', 0)}); "
        "print(json.dumps({'live': p.lead, 'revisions': [r.content['lead'] for r in "
        "p.revisions.order_by('created_at')]}))"
    )
    stored = json.loads(sh([PY, "-c", check], env).stdout) if summary else {}
    stored_markers = {text for text in stored.get("revisions", []) if text.startswith("fault-run")}
    lost = [n for n in done if f"fault-run edit {n}" not in stored_markers]
    five_hundreds_outside_db = sum(
        count
        for phase, counter in by_phase.items()
        if phase != "4 postgres restarting"
        for status, count in counter.items()
        if status.startswith("5")
    )
    return {
        "duration_s": round(time.time() - started, 1),
        "requests": len(results),
        "by_phase": {phase: dict(counter) for phase, counter in sorted(by_phase.items())},
        "5xx_outside_database_outage": five_hundreds_outside_db,
        "recovery_s": recoveries,
        "edits_acknowledged": len(done),
        "edit_retries": sum(1 for e in edits if e.get("ok") is False),
        "edits_lost": lost,
        "live_lead_is_last_edit": stored.get("live")
        == (f"fault-run edit {done[-1]}" if done else None),
        "outage_s": {
            action: round(event["end"] - event["begin"], 2) for action, event in events.items()
        },
    }


if __name__ == "__main__":
    sys.exit(main())
