#!/usr/bin/env bash
# `make bench`: serve the demo site the way production does (DEBUG off, collected static
# files, gunicorn with 2 sync workers) and measure it with ../shared/bench. Numbers go to
# bench/results/<timestamp>/. Uses PostgreSQL when DATABASE_URL is set, else a throwaway
# SQLite copy. Compare with ../shared/bench/bakerydemo-baseline.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED_BENCH=${SHARED_BENCH:-../shared/bench}
PY=.venv/bin/python
PORT=${BENCH_PORT:-8111}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
work=$(mktemp -d)

export DJANGO_SETTINGS_MODULE=federation_site.settings.production
export SECRET_KEY="bench-only-$(head -c 32 /dev/urandom | base64 | tr -d '=+/')"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/bench.sqlite3}

$PY manage.py migrate --no-input -v0
$PY manage.py collectstatic --no-input -v0
# Demo content is refused under production settings: load it with dev settings into the
# same database, then serve with production settings.
DJANGO_SETTINGS_MODULE=federation_site.settings.dev $PY manage.py load_demo >/dev/null

.venv/bin/gunicorn federation_site.wsgi:application --workers 2 --bind 127.0.0.1:$PORT \
    --pid "$work/gunicorn.pid" --daemon
trap 'kill "$(cat "$work/gunicorn.pid")" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done

paths=$($PY - <<'PY'
import django, os
django.setup()
from wagtail.models import Page
picks = []
for language in ("kk", "ru"):
    pages = Page.objects.live().filter(locale__language_code=language, depth__gte=2).specific()
    by_type = {}
    for page in pages.order_by("path"):
        by_type.setdefault(type(page).__name__, page.url)
    picks += list(by_type.values())
picks += ["/kk/search/?q=%D0%BA%D3%99%D1%81%D1%96%D0%BF%D0%BE%D0%B4%D0%B0%D2%9B", "/ru/search/?q=%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B"]
print("\n".join(picks))
PY
)
printf '%s\n' "$paths" > "$out/paths.txt"
for path in $paths; do curl -fs -o /dev/null "http://127.0.0.1:$PORT$path" || true; done

python3 "$SHARED_BENCH/site_bench.py" "http://127.0.0.1:$PORT" --paths-file "$out/paths.txt" \
    -n "${BENCH_REQUESTS:-200}" --warmup 5 -d "${BENCH_DURATION:-15}" -c 16 -t 2 \
    --server-pid "$(cat "$work/gunicorn.pid")" --json-out "$out/site_bench.json" | tee "$out/site_bench.txt"
# shellcheck disable=SC2086
$PY "$SHARED_BENCH/django_query_count.py" --host 127.0.0.1:$PORT --repeat 3 $paths | tee "$out/query_count.txt"
$PY bench/parse_appeal.py | tee "$out/parse_appeal.txt"
echo "Results in $out"
