#!/usr/bin/env bash
# The directive register, the seed letter and its PDF, page cache off and on. From the repo
# root:
#   bash bench/register.sh [--git-ref HEAD] [--duration 8] [--warmup 2] [--keep]
# Everything runs on 127.0.0.1 in a temp dir; see bench/README.md and bench/register.py.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (apt-get install $tool)" >&2; exit 2; }
done
[ -x .venv/bin/python ] && [ -x .venv/bin/gunicorn ] || { echo "bench: .venv with gunicorn required" >&2; exit 2; }

# register.py stops gunicorn itself; this trap is the safety net if register.py is killed.
BENCH_PIDFILE="$(mktemp -t iagrai-bench-pid.XXXXXX)"
export BENCH_PIDFILE
cleanup() {
  if [ -s "$BENCH_PIDFILE" ]; then
    pid="$(cat "$BENCH_PIDFILE")"
    # gunicorn was started in its own session: its process group id is the master's pid.
    kill -TERM -- "-$pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$BENCH_PIDFILE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# register.py aborts itself after 420 s; `timeout` is the hard bound.
timeout -k 5 435 .venv/bin/python bench/register.py "$@"
