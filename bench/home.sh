#!/usr/bin/env bash
# Home page vs a same-size static file, page cache off and on. Run from the repo root:
#   bash bench/home.sh [--git-ref HEAD] [--duration 15] [--warmup 3] [--keep]
# home.py aborts itself after 155 s; the hard bound is 168 s. See bench/README.md.
exec bash "$(dirname "$0")/run.sh" home 168 "$@"
