#!/usr/bin/env bash
# This site beside wagtail/bakerydemo, uncached. From the repo root:
#   bash bench/reference.sh --reference DIR --reference-python PY [--duration 10] [--keep]
# reference.py aborts itself after 560 s; the hard bound is 575 s. See bench/README.md.
exec bash "$(dirname "$0")/run.sh" reference 575 "$@"
