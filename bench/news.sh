#!/usr/bin/env bash
# News index, an article and the view beacon, page cache off and on. From the repo root:
#   bash bench/news.sh [--git-ref HEAD] [--duration 10] [--warmup 2] [--keep]
# news.py aborts itself after 400 s; the hard bound is 415 s. See bench/README.md.
exec bash "$(dirname "$0")/run.sh" news 415 "$@"
