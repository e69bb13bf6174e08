"""`make run`'s SQLite holds up to real admin use: autosaves, editing-session pings and
"Submit for review" from several processes at once never meet "database is locked" (WAL,
IMMEDIATE transactions and a busy timeout, federation_site/settings/base.py)."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys

from tests.conftest import REPO


def test_concurrent_admin_writers_never_see_database_is_locked(migrated_sqlite, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, database)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "federation_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "HAMMER_ROUNDS": "25",
    }
    result = subprocess.run(
        [sys.executable, "tests/sqlite_hammer.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["errors"] == []
    assert summary["operations"] == 6 * 25
    with sqlite3.connect(database) as connection:
        assert connection.execute("pragma journal_mode").fetchone()[0] == "wal"
