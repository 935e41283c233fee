"""Home page vs a static file of the same size, with and without the page cache.

Run from the repository root with `bash bench/home.sh` (see bench/README.md).

What it does, all on 127.0.0.1 and in a throw-away temporary directory:

1. creates a SQLite database, migrates it and loads the demo (dev settings: load_demo
   refuses production), collects static files (production settings, so the manifest
   storage the servers use);
2. starts gunicorn once to learn the byte size of the home page, then writes a padding
   file of exactly that size into the collected STATIC_ROOT. WhiteNoise (autorefresh off
   in production) scans STATIC_ROOT when gunicorn starts, so a file placed there before
   the start is served under its plain name even though it is not in the manifest;
   the script checks with curl that it comes back 200 with the right size;
3. starts gunicorn (2 sync workers, production settings) with PAGE_CACHE_SECONDS=0,
   then again with PAGE_CACHE_SECONDS=300, and for each runs wrk against `/` and the
   padding file (after a warm-up), reading the CPU time of the gunicorn master and
   workers from /proc/<pid>/stat before and after each measured run;
4. with the cache on, publishes a change to the home page intro and checks that the
   very next responses show it;
5. prints a table and checks the targets: uncached home page <= 30 ms server CPU per
   request; cached home page >= 50 % of the static file's request rate; a published
   change visible at once.

Exit status: 0 if every target is met, 1 if one is missed, 2 if the benchmark failed.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness
from harness import CPU_TARGET_MS, Gunicorn, manage
from loadgen import BenchError, curl, log, measure

RATE_TARGET = 0.50


def publish_check(server: Gunicorn, dev_env: dict) -> dict:
    marker = f"bench-marker-{secrets.token_hex(6)}"
    before = [curl(server.url("/")) for _ in range(4)]
    before_cache = [h.get("x-page-cache", "-") for _, _, h, _ in before]
    if any(marker in body for _, _, _, body in before):
        raise BenchError("marker present before publishing?")
    code = (
        "from iagrai_cms.models import HomePage\n"
        "h = HomePage.objects.first()\n"
        f"h.intro = 'Đo hiệu năng {marker}'\n"
        "h.save_revision().publish()\n"
    )
    manage(dev_env, "shell", "-c", code)
    published_at = time.monotonic()
    after = [curl(server.url("/")) for _ in range(6)]
    first_ok = after[0][0] == 200 and marker in after[0][3]
    all_ok = all(status == 200 and marker in body for status, _, _, body in after)
    result = {
        "marker": marker,
        "cache_before": before_cache,
        "cache_after": [h.get("x-page-cache", "-") for _, _, h, _ in after],
        "first_response_after_publish_shows_change": first_ok,
        "all_responses_show_change": all_ok,
        "seconds_publish_to_checks_done": round(time.monotonic() - published_at, 3),
        "visible_at_once": first_ok and all_ok,
    }
    log(f"  X-Page-Cache before publish: {' '.join(before_cache)}")
    log(f"  X-Page-Cache after publish:  {' '.join(result['cache_after'])}")
    log(
        f"  change visible on the first request after publishing: {first_ok}; "
        f"on all {len(after)}: {all_ok}"
    )
    return result


def run(args) -> int:
    with harness.site(args, "home") as bench:
        results = bench.results
        # 1. Size of the home page as production serves it.
        size = harness.page_sizes(bench, {"home": "/"})["home"]
        # 2. A static file of exactly that size, placed before gunicorn starts.
        static_path = harness.write_padding(bench.prod_env, size)
        results["home_page_bytes"] = size
        results["static_path"] = static_path
        log(f"home page is {size} bytes; static file {static_path}")
        harness.fit_duration(args, results, servers=2, urls_per_server=2, reserve=15)

        for name, seconds, server in harness.cache_modes(bench):
            harness.check_static(server, static_path, size)
            h_status, h_size, h_headers, _ = curl(server.url("/"))
            log(
                f"  curl /: {h_status}, {h_size} bytes, X-Page-Cache: "
                f"{h_headers.get('x-page-cache', '-')}"
            )
            run_result = {
                "page_cache_seconds": seconds,
                "home": measure(server, "/", args),
                "static": measure(server, static_path, args),
            }
            run_result["ratio_page_static"] = (
                run_result["home"]["rps"] / run_result["static"]["rps"]
            )
            if seconds:
                log("  publish check")
                run_result["publish"] = publish_check(server, bench.dev_env)
            results["runs"][name] = run_result
    return report(results, args)


def report(results: dict, args) -> int:
    runs = results["runs"]
    print()
    print(f"Home page: {results['home_page_bytes']} bytes; static file {results['static_path']}")
    print(f"source: {results['source']}")
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency "
        f"(warm-up {args.warmup}s), gunicorn -w 2 sync, production settings, SQLite, "
        "locmem cache"
    )
    print()
    hdr = (
        f"{'run':<9} {'URL':<7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} "
        f"{'page/static':>11}  cores gunicorn/wrk/other"
    )
    print(hdr)
    print("-" * len(hdr))
    for name, run_result in runs.items():
        for label in ("home", "static"):
            r, c = run_result[label], run_result[label]["cores"]
            ratio = f"{run_result['ratio_page_static']:.1%}" if label == "home" else ""
            url = "/" if label == "home" else "static"
            print(
                f"{name:<9} {url:<7} {r['rps']:8.1f} {r['p50_ms']:7.2f} {r['p99_ms']:7.2f} "
                f"{r['cpu_ms_per_req']:10.3f} {ratio:>11}  "
                f"{c['gunicorn']:.2f}/{c['wrk']:.2f}/{c['other']:.2f}"
            )
    print(
        f"(cores: CPUs busy on average during the measured run, of {os.cpu_count()}; "
        "'other' = everything else on the machine)"
    )
    print()

    cpu = runs["uncached"]["home"]["cpu_ms_per_req"]
    ratio = runs["cached"]["ratio_page_static"]
    # Independent of other load on the machine: the rate ratio if gunicorn's CPU were the
    # only limit.
    cached = runs["cached"]
    cpu_ratio = cached["static"]["cpu_ms_per_req"] / cached["home"]["cpu_ms_per_req"]
    results["cached_cpu_ratio_static_over_page"] = cpu_ratio
    visible = runs["cached"]["publish"]["visible_at_once"]
    targets = [
        (
            f"uncached home page <= {CPU_TARGET_MS:.0f} ms server CPU/request",
            f"{cpu:.2f} ms",
            cpu <= CPU_TARGET_MS,
        ),
        (
            f"cached home page >= {RATE_TARGET:.0%} of static-file req/s",
            f"{ratio:.1%} (server-CPU-bound estimate {cpu_ratio:.1%})",
            ratio >= RATE_TARGET,
        ),
        ("published change visible at once (cache on)", "yes" if visible else "no", visible),
    ]
    status = harness.print_targets(results, targets)
    out = harness.save_results("home", results)
    print(f"\nraw results: {out}; whole run {results['elapsed_s']:.0f}s")
    return status


def main() -> int:
    args = harness.parser(
        __doc__.split("\n")[0], duration=15, warmup=3, time_limit=155, wrapper_kill=168
    ).parse_args()
    return harness.main_with(run, args)


if __name__ == "__main__":
    sys.exit(main())
