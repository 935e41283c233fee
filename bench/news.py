"""News index (/tin-tuc/), an article page and the view beacon, with and without the page
cache, measured the way bench/home.py measures the home page (bench/harness.py).

Run from the repository root with `bash bench/news.sh` (see bench/README.md).

What it does, all on 127.0.0.1 and in a throw-away temporary directory:

1. creates a SQLite database, migrates it and loads the demo (dev settings), collects static
   files (production settings);
2. picks the demo's newest article; starts gunicorn once to learn the article page's size and
   writes a static padding file of that size (as home.py does for the home page);
3. starts gunicorn (2 sync workers, production settings) with PAGE_CACHE_SECONDS=0, then 300;
   for each, runs wrk against /tin-tuc/, the article and the padding file (after a warm-up),
   reading the server CPU time from /proc like home.py;
4. with the cache on, also runs wrk POSTing to the article's view beacon, every request as a
   new visitor (own User-Agent), and checks that the day's count grew by exactly the number
   of requests wrk made (no lost or double counts under concurrency) while the article page
   itself was served from the cache; then publishes a change to the article's lead and checks
   that the next responses show it;
5. prints a table and checks the targets: uncached pages <= 30 ms server CPU per request (the
   home page's target); every beacon request counted; a published change visible at once.

Exit status: 0 if every target is met, 1 if one is missed, 2 if the benchmark failed.
"""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench/harness.py: environment, gunicorn, wrk, CPU accounting.
import harness
import loadgen
from harness import Gunicorn, manage
from loadgen import BenchError, curl, log, measure

# Every beacon request is a new visitor: its own User-Agent (one Lua state per wrk thread).
# The warm-up and the measured run are separate wrk processes: `run` (the start second) keeps
# their visitors apart, or the measured run would repeat the warm-up's visitors.
BEACON_LUA = """
local run = os.time()
local thread_id = 0
local counter = 0
setup = function(thread)
  thread:set("id", run .. "-" .. thread_id)
  thread_id = thread_id + 1
end
request = function()
  counter = counter + 1
  local agent = "Mozilla/5.0 (X11; Linux x86_64) bench-visitor-" .. id .. "-" .. counter
    .. " Firefox/121.0"
  -- wrk.format replaces wrk.headers (Host, X-Forwarded-Proto) when given headers: copy them.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["User-Agent"] = agent
  return wrk.format("POST", nil, headers)
end
"""
QUERY_ARTICLE = (
    "from iagrai_cms.models import ArticlePage\n"
    "a = ArticlePage.objects.live().order_by('-date', '-pk').first()\n"
    "print(a.pk, '/' + a.url_path.split('/', 2)[2])\n"
)
QUERY_VIEWS = (
    "from django.db.models import Sum\n"
    "from iagrai_cms.models import ArticleDailyViews\n"
    "print(ArticleDailyViews.objects.filter(article_id={pk}).aggregate(s=Sum('views'))['s'] or 0)"
)


def article_views(dev_env: dict, pk: int) -> int:
    return int(manage(dev_env, "shell", "-c", QUERY_VIEWS.format(pk=pk)).split()[-1])


def beacon_status(url: str) -> int:
    request = urllib.request.Request(
        url,
        method="POST",
        headers={"X-Forwarded-Proto": "https", "User-Agent": "Mozilla/5.0 bench-check Firefox"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def publish_check(server: Gunicorn, dev_env: dict, pk: int, path: str) -> dict:
    marker = f"bench-marker-{int(time.time())}"
    before = [curl(server.url(path)) for _ in range(3)]
    code = (
        "from iagrai_cms.models import ArticlePage\n"
        f"a = ArticlePage.objects.get(pk={pk})\n"
        f"a.summary = 'Đo hiệu năng {marker}'\n"
        "a.save_revision().publish()\n"
    )
    manage(dev_env, "shell", "-c", code)
    after = [curl(server.url(path)) for _ in range(6)]
    first_ok = after[0][0] == 200 and marker in after[0][3]
    all_ok = all(status == 200 and marker in body for status, _, _, body in after)
    result = {
        "cache_before": [h.get("x-page-cache", "-") for _, _, h, _ in before],
        "cache_after": [h.get("x-page-cache", "-") for _, _, h, _ in after],
        "visible_at_once": first_ok and all_ok,
    }
    log(f"  X-Page-Cache before publish: {' '.join(result['cache_before'])}")
    log(f"  X-Page-Cache after publish:  {' '.join(result['cache_after'])}")
    log(f"  change visible on the first request and all {len(after)}: {result['visible_at_once']}")
    return result


def run(args) -> int:
    with harness.site(args, "news") as bench:
        results, dev_env = bench.results, bench.dev_env
        beacon_script = bench.tmp / "beacon.lua"
        beacon_script.write_text(BEACON_LUA)
        pk_text, article_path = manage(dev_env, "shell", "-c", QUERY_ARTICLE).split()[-2:]
        pk = int(pk_text)
        article_path = "/" + article_path.strip("/") + "/"
        log(f"article {pk} at {article_path}")
        sizes = harness.page_sizes(bench, {"index": "/tin-tuc/", "article": article_path})
        static_path = harness.write_padding(bench.prod_env, sizes["article"])
        results.update(sizes=sizes, static_path=static_path, article_path=article_path)
        log(f"sizes: {sizes}; static file {static_path}")

        for name, seconds, server in harness.cache_modes(bench):
            run_result = {
                "page_cache_seconds": seconds,
                "index": measure(server, "/tin-tuc/", args),
                "article": measure(server, article_path, args),
                "static": measure(server, static_path, args),
            }
            run_result["ratio_article_static"] = (
                run_result["article"]["rps"] / run_result["static"]["rps"]
            )
            if seconds:
                status = beacon_status(server.url(f"/luot-xem/{pk}/"))
                if status != 204:
                    raise BenchError(f"the view beacon answered {status}, not 204")
                cache_header = curl(server.url(article_path))[2].get("x-page-cache", "-")
                before = article_views(dev_env, pk)
                beacon_path = f"/luot-xem/{pk}/"
                beacon = measure(server, beacon_path, args, extra=("-s", str(beacon_script)))
                # Warm-up and measured run both count. wrk stops with up to one request
                # per connection in flight: the server may count those without wrk
                # reporting them.
                sent = sum(n for url, n in WRK_CALLS if url == server.url(beacon_path))
                counted = article_views(dev_env, pk) - before
                beacon.update(article_page_cache=cache_header, counted=counted, sent=sent)
                log(
                    f"  beacon: article page X-Page-Cache {cache_header}; "
                    f"{counted} views counted for {sent} requests"
                )
                run_result["beacon"] = beacon
                run_result["publish"] = publish_check(server, dev_env, pk, article_path)
            results["runs"][name] = run_result
    return report(results)


# Requests of every wrk run, (url, requests): measure() keeps only the measured run's figures,
# but the warm-up's beacon requests count views too.
WRK_CALLS: list[tuple[str, int]] = []


def _recording(original_wrk):
    def wrapped(url, seconds, threads, conns, extra=()):
        result = original_wrk(url, seconds, threads, conns, extra)
        WRK_CALLS.append((url, result["requests"]))
        return result

    return wrapped


def report(results: dict) -> int:
    runs = results["runs"]
    print()
    print(f"source: {results['source']}")
    print(f"sizes: {results['sizes']}; static file {results['static_path']}")
    header = f"{'run':<9} {'URL':<9} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10}"
    print(header)
    print("-" * len(header))
    for name, run_result in runs.items():
        for label in ("index", "article", "static", "beacon"):
            if label not in run_result:
                continue
            r = run_result[label]
            print(
                f"{name:<9} {label:<9} {r['rps']:8.1f} {r['p50_ms']:7.2f} {r['p99_ms']:7.2f} "
                f"{r['cpu_ms_per_req']:10.3f}"
            )
    print()
    uncached = runs["uncached"]
    beacon = runs["cached"]["beacon"]
    targets = [
        (
            f"uncached /tin-tuc/ <= {harness.CPU_TARGET_MS:.0f} ms server CPU/request",
            f"{uncached['index']['cpu_ms_per_req']:.2f} ms",
            uncached["index"]["cpu_ms_per_req"] <= harness.CPU_TARGET_MS,
        ),
        (
            f"uncached article <= {harness.CPU_TARGET_MS:.0f} ms server CPU/request",
            f"{uncached['article']['cpu_ms_per_req']:.2f} ms",
            uncached["article"]["cpu_ms_per_req"] <= harness.CPU_TARGET_MS,
        ),
        (
            "every beacon request counted while the article is served from the cache",
            f"{beacon['counted']} counted, {beacon['sent']} answered "
            f"(+ at most {2 * results['wrk']['connections']} in flight); "
            f"article page: {beacon['article_page_cache']}",
            beacon["sent"]
            <= beacon["counted"]
            <= beacon["sent"] + 2 * results["wrk"]["connections"]
            and beacon["article_page_cache"] == "hit",
        ),
        (
            "published change visible at once (cache on)",
            "yes" if runs["cached"]["publish"]["visible_at_once"] else "no",
            runs["cached"]["publish"]["visible_at_once"],
        ),
    ]
    status = harness.print_targets(results, targets)
    print(f"\nraw results: {harness.save_results('news', results)}")
    return status


def main() -> int:
    args = harness.parser(
        __doc__.split("\n")[0], duration=10, warmup=2, time_limit=400, wrapper_kill=415
    ).parse_args()
    loadgen.wrk = _recording(loadgen.wrk)
    return harness.main_with(run, args)


if __name__ == "__main__":
    sys.exit(main())
