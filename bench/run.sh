#!/usr/bin/env bash
# `make bench`: serve the demo site the way production does (DEBUG off, collected static
# files, gunicorn with 2 sync workers, Redis as the page cache when it answers) and measure
# every page type in both languages twice with ../shared/bench/site_bench.py: uncached
# (PAGE_CACHE_ENABLED=false, every request rendered, with the pieces core/caching/fragments.py keeps
# between renders, as production renders a page-cache miss), cold (nothing kept: the first
# render after a purge) and cached, plus a static file served
# by whitenoise in the same run. With BAKERYDEMO_URL (and BAKERYDEMO_PIDS, its gunicorn
# master and postmaster) pointing at a running bakerydemo set up as in
# ../shared/bench/bakerydemo-baseline.md, its home, blog index, blog page and search are
# measured in the same run; otherwise that document's figures stand in. bench/summarise.py
# writes the ratios the targets are stated in. Results: bench/results/<UTC time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED_BENCH=${SHARED_BENCH:-../shared/bench}
PY=.venv/bin/python
PORT=${BENCH_PORT:-8111}
REQUESTS=${BENCH_REQUESTS:-100}
DURATION=${BENCH_DURATION:-8}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
work=$(mktemp -d)

export DJANGO_SETTINGS_MODULE=federation_site.settings.production
export SECRET_KEY="bench-only-$(head -c 48 /dev/urandom | base64 | tr -d '=+/')"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media" LOG_LEVEL=WARNING
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/bench.sqlite3}
if [ -z "${REDIS_URL:-}" ] && redis-cli -p 6379 ping >/dev/null 2>&1; then
    export REDIS_URL=redis://127.0.0.1:6379/10
fi
[ -n "${REDIS_URL:-}" ] && redis-cli -u "$REDIS_URL" flushdb >/dev/null

$PY manage.py migrate --no-input -v0
$PY manage.py collectstatic --no-input -v0
# Demo content is refused under production settings: load it with dev settings into the
# same database, then serve with production settings.
DJANGO_SETTINGS_MODULE=federation_site.settings.dev $PY manage.py load_demo >/dev/null

$PY - > "$out/paths.txt" <<'PY'
import django
django.setup()
from wagtail.models import Page
picks = []
for language in ("kk", "ru"):
    by_type = {}
    pages = Page.objects.live().filter(locale__language_code=language, depth__gte=2).specific()
    for page in pages.order_by("path"):
        by_type.setdefault(type(page).__name__, page.url)
    picks += list(by_type.values())
    picks.append(f"/{language}/search/?q=%D0%B4%D0%B5%D0%BC%D0%BE")
index = [p for p in picks if "/kk/" in p]
news = next(p for p in index if p.count("/") == 3 and "zhangal" in p)
directory = next(p for p in index if p.count("/") == 3 and "kandidat" in p)
picks += [news + "feed/", directory + "export.csv", "/sitemap-kk.xml"]
print("\n".join(picks))
PY
static=$(sed -n 's/.*href="\(\/static\/css\/site\.[0-9a-f]*\.css\)".*/\1/p' \
    <(DJANGO_SETTINGS_MODULE=federation_site.settings.production $PY -c \
      "import django; django.setup(); from django.test import Client; print(Client().get('/kk/', HTTP_HOST='127.0.0.1', secure=True).content.decode())") | head -1)

postmaster=()
if [[ "$DATABASE_URL" == postgres* ]]; then
    postmaster=(--server-pid "$(head -1 /var/lib/postgresql/*/main/postmaster.pid)")
fi

serve() {  # serve <label> <PAGE_CACHE_ENABLED> <paths file> [<FRAGMENT_CACHE_ENABLED> [site_bench options]]
    PAGE_CACHE_ENABLED=$2 FRAGMENT_CACHE_ENABLED=${4:-true} .venv/bin/gunicorn federation_site.wsgi:application --workers 2 \
        --bind 127.0.0.1:$PORT --pid "$work/gunicorn.pid" --daemon --access-logfile /dev/null
    for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
    while read -r path; do curl -fs -o /dev/null "http://127.0.0.1:$PORT$path" || true; done < "$out/paths.txt"
    python3 "$SHARED_BENCH/site_bench.py" "http://127.0.0.1:$PORT" --paths-file "$3" \
        -n "$REQUESTS" --warmup 5 -d "$DURATION" -c 16 -t 2 --wait-idle 15 --wait-idle-max 30 \
        --server-pid "$(cat "$work/gunicorn.pid")" "${postmaster[@]}" --label "$1" "${@:5}" \
        --json-out "$out/$1.json" | tee "$out/$1.txt"
    kill "$(cat "$work/gunicorn.pid")"
    sleep 2
}
trap 'kill "$(cat "$work/gunicorn.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

serve uncached false "$out/paths.txt"
# Cold: nothing kept between renders either (FRAGMENT_CACHE_ENABLED=false), as on the first
# request after a page's purge; CPU per request from the sequential requests only.
serve cold false "$out/paths.txt" false --no-load
{ cat "$out/paths.txt"; echo "$static"; } > "$out/paths-cached.txt"
serve cached true "$out/paths-cached.txt"

if [ -n "${BAKERYDEMO_URL:-}" ]; then
    pids=()
    for pid in ${BAKERYDEMO_PIDS:-}; do pids+=(--server-pid "$pid"); done
    python3 "$SHARED_BENCH/site_bench.py" "$BAKERYDEMO_URL" / /blog/ /blog/wild-yeast/ \
        "/search/?q=bread" -n "$REQUESTS" --warmup 5 -d "$DURATION" -c 16 -t 2 \
        "${pids[@]}" --label bakerydemo --json-out "$out/bakerydemo.json" | tee "$out/bakerydemo.txt"
fi

PAGE_CACHE_ENABLED=false $PY "$SHARED_BENCH/django_query_count.py" --host 127.0.0.1:$PORT --repeat 3 \
    $(cat "$out/paths.txt") | tee "$out/query_count.txt" || true
$PY bench/parse_appeal.py | tee "$out/parse_appeal.txt"
$PY bench/translation_editor.py | tee "$out/translation_editor.txt"
$PY bench/summarise.py "$out" | tee "$out/summary.md"
echo "Results in $out"
