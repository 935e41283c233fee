#!/usr/bin/env bash
# The wrapper of every load benchmark: bash bench/run.sh NAME HARD_LIMIT_S [options of NAME.py]
# (bench/home.sh, news.sh and register.sh call it). Everything runs on 127.0.0.1 in a temp
# dir; see bench/README.md.
set -euo pipefail
name="$1"
limit="$2"
shift 2
cd "$(dirname "$0")/.."

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (apt-get install $tool)" >&2; exit 2; }
done
[ -x .venv/bin/python ] && [ -x .venv/bin/gunicorn ] || { echo "bench: .venv with gunicorn required" >&2; exit 2; }

keep=no
for arg in "$@"; do [ "$arg" = "--keep" ] && keep=yes; done

# NAME.py stops gunicorn and removes its temp dir itself; this trap is the safety net if
# it is killed: it stops the gunicorn whose pid NAME.py left in the pid file and removes
# the temp dir (which NAME.py creates inside BENCH_TMPDIR).
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

# NAME.py aborts itself before its --time-limit. `timeout` is the hard bound: TERM at
# HARD_LIMIT_S, KILL 8 s later. It runs in the background so that SIGTERM / Ctrl-C reach
# this script at once (timeout puts itself in its own process group); the trap passes
# them on.
timeout -k 8 "$limit" .venv/bin/python "bench/$name.py" "$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true; wait "$child" || true; exit 130' INT TERM HUP
status=0
wait "$child" || status=$?
exit "$status"
