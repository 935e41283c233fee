#!/usr/bin/env bash
# Varnish (deploy/varnish/default.vcl) in front of gunicorn vs gunicorn alone, production
# settings on PostgreSQL + Redis, loopback only. Run from the repository root:
#   bash bench/proxy.sh [--duration 60] [--connections 500] [--app-port 8191]
#     [--proxy-port 8192] [--database postgres://postgres@127.0.0.1:5432/iagrai_queue_bench]
#     [--redis redis://127.0.0.1:6379/9]
# Needs wrk, varnishd, curl. The database named is dropped and created again. Every wrk run
# is bounded (duration + 30 s); everything started is stopped on exit. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=60 CONNECTIONS=500 APP_PORT=8191 PROXY_PORT=8192 THREADS=2
DATABASE=postgres://postgres@127.0.0.1:5432/iagrai_queue_bench
REDIS=redis://127.0.0.1:6379/9
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --app-port) APP_PORT=$2; shift 2 ;;
    --proxy-port) PROXY_PORT=$2; shift 2 ;;
    --database) DATABASE=$2; shift 2 ;;
    --redis) REDIS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in wrk varnishd curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
WORK=$(mktemp -d /tmp/iagrai-proxy-bench.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

dbname=${DATABASE##*/}
base=${DATABASE%/*}
psql "$base/postgres" -qc "DROP DATABASE IF EXISTS \"$dbname\"" -qc "CREATE DATABASE \"$dbname\""
export DATABASE_URL=$DATABASE PYTHONPATH="$PWD/tests/scaleout:$PWD"
echo "== migrate + demo data ($dbname)"
DJANGO_SETTINGS_MODULE=iagrai_cms.settings.test .venv/bin/python manage.py migrate -v0
DJANGO_SETTINGS_MODULE=iagrai_cms.settings.test .venv/bin/python manage.py load_demo >/dev/null
ARTICLE=$(DJANGO_SETTINGS_MODULE=iagrai_cms.settings.test .venv/bin/python -c "
import django; django.setup()
from iagrai_cms.models import ArticlePage
print(ArticlePage.objects.live().order_by('-date').first().url)")

export DJANGO_SETTINGS_MODULE=prod_like SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
export SECRET_KEY="bench-$(head -c 48 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
export ALLOWED_HOSTS=127.0.0.1,localhost REDIS_URL=$REDIS CACHE_KEY_PREFIX="bench$$"
export FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:$PROXY_PORT TRUSTED_PROXY_COUNT=1
export MEDIA_ROOT=$WORK/media PRIVATE_MEDIA_ROOT=$WORK/private LOG_LEVEL=WARNING
export TEST_MEDIA_DIR=$WORK

.venv/bin/gunicorn iagrai_cms.wsgi:application -b 127.0.0.1:$APP_PORT -w 4 --backlog 2048 \
  --timeout 60 >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)
sed "s/.port = \"8000\";/.port = \"$APP_PORT\";/" deploy/varnish/default.vcl >"$WORK/default.vcl"
varnishd -F -j none -n "$WORK/varnish" -a 127.0.0.1:$PROXY_PORT -T none -f "$WORK/default.vcl" \
  -s malloc,256m -p thread_pool_max=2000 >"$WORK/varnish.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/" 2>/dev/null \
    && curl -fsS -o /dev/null "http://127.0.0.1:$PROXY_PORT/" 2>/dev/null && break
  sleep 0.5
done

run() {  # label url
  echo "== $1: $2 (c=$CONNECTIONS, ${DURATION}s)"
  curl -fsS -o /dev/null "$2"  # warm the caches
  timeout $((DURATION + 30)) wrk -t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
    --latency "$2" | tee "$WORK/wrk-$1.txt" | grep -E "Requests/sec|99%|Socket errors|Non-2xx|requests in"
}
run proxy-home "http://127.0.0.1:$PROXY_PORT/"
run proxy-article "http://127.0.0.1:$PROXY_PORT$ARTICLE"
run gunicorn-home "http://127.0.0.1:$APP_PORT/"
run gunicorn-article "http://127.0.0.1:$APP_PORT$ARTICLE"

echo "== publish through the proxy"
code() { curl -s -o /dev/null -w '%{http_code} %header{x-cache}' "http://127.0.0.1:$PROXY_PORT$ARTICLE"; }
echo "before: $(code) / $(code)"
toggle() {
  .venv/bin/python -c "
import django; django.setup()
from iagrai_cms.models import ArticlePage
page = ArticlePage.objects.get(url_path__endswith='$(basename "$ARTICLE")/')
page.unpublish() if '$1' == 'off' else page.get_latest_revision().publish()"
}
toggle off; echo "after unpublish, next request: $(code)"
toggle on; echo "after publish, next request: $(code)"
echo "raw wrk output: $WORK"
trap - EXIT; cleanup
