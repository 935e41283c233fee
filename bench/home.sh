#!/usr/bin/env bash
# Home page vs a same-size static file, page cache off and on. Run from the repo root:
#   bash bench/home.sh [--git-ref HEAD] [--duration 15] [--warmup 3] [--keep]
# Everything runs on 127.0.0.1 in a temp dir; see bench/README.md and bench/home.py.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (apt-get install $tool)" >&2; exit 2; }
done
[ -x .venv/bin/python ] && [ -x .venv/bin/gunicorn ] || { echo "bench: .venv with gunicorn required" >&2; exit 2; }

keep=no
for arg in "$@"; do [ "$arg" = "--keep" ] && keep=yes; done

# home.py stops gunicorn and removes its temp dir itself; this trap is the safety net if
# home.py is killed: it stops the gunicorn whose pid home.py left in the pid file and
# removes the temp dir (which home.py creates inside BENCH_TMPDIR).
BENCH_TMPDIR="$(mktemp -d -t iagrai-bench.XXXXXX)"
BENCH_PIDFILE="$BENCH_TMPDIR/gunicorn.pid"
export BENCH_TMPDIR BENCH_PIDFILE
cleanup() {
  if [ -s "$BENCH_PIDFILE" ]; then
    pid="$(cat "$BENCH_PIDFILE")"
    # gunicorn was started in its own session: its process group id is the master's pid.
    kill -TERM -- "-$pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$BENCH_PIDFILE"
  fi
  if [ "$keep" = no ]; then rm -rf "$BENCH_TMPDIR"; fi
}
trap cleanup EXIT

# home.py aborts itself after 155 s. `timeout` is the hard bound: TERM at 168 s, KILL 8 s
# later. It runs in the background so that SIGTERM / Ctrl-C reach this script at once
# (timeout puts itself in its own process group); the trap passes them on.
timeout -k 8 168 .venv/bin/python bench/home.py "$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true; wait "$child" || true; exit 130' INT TERM HUP
status=0
wait "$child" || status=$?
exit "$status"
