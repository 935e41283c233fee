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

import argparse
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
# The source tree the servers run: the working tree, or an export of --git-ref.
SRC = REPO
DEADLINE = float("inf")  # time.monotonic() value; set by main()
STARTED = time.monotonic()
HOST = "127.0.0.1"
PROTO_HEADER = "X-Forwarded-Proto: https"
CLK_TCK = os.sysconf("SC_CLK_TCK")  # same as `getconf CLK_TCK`

CPU_TARGET_MS = 30.0
RATE_TARGET = 0.50


class BenchError(Exception):
    pass


class Deadline(Exception):
    pass


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------- environment


def make_envs(tmp: Path, port: int) -> tuple[dict, dict]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "REDIS_URL",
            "S3_BUCKET",
            "DATABASE_URL",
            "PAGE_CACHE_SECONDS",
            "SECURE_SSL_REDIRECT",
            "STATIC_ROOT",
        }
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private_media"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL=f"http://{HOST}:{port}",
        PYTHONDONTWRITEBYTECODE="1",
    )
    dev = dict(env, DJANGO_SETTINGS_MODULE="iagrai_cms.settings.dev")
    prod = dict(
        env,
        DJANGO_SETTINGS_MODULE="iagrai_cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),  # ~86 random characters
    )
    return dev, prod


def manage(env: dict, *args: str, timeout: float = 170) -> str:
    proc = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=SRC,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- gunicorn


class Gunicorn:
    def __init__(self, env: dict, port: int, page_cache_seconds: int, logfile: Path):
        self.port = port
        self.env = dict(env, PAGE_CACHE_SECONDS=str(page_cache_seconds))
        self.logfile = logfile
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> None:
        self._log = open(self.logfile, "ab")
        self.proc = subprocess.Popen(
            [str(GUNICORN), "iagrai_cms.wsgi:application", "-w", "2", "-b", f"{HOST}:{self.port}"],
            cwd=SRC,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches the workers
        )
        _RUNNING.append(self)
        if os.environ.get("BENCH_PIDFILE"):  # lets bench/home.sh's trap stop it if we die
            Path(os.environ["BENCH_PIDFILE"]).write_text(str(self.proc.pid))
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                status, _, _ = http_get(self.url("/"), timeout=5)
                if status == 200 and len(self.worker_pids()) == 2:
                    return
                if status >= 500:
                    time.sleep(0.5)  # let gunicorn write the traceback
                    raise BenchError(
                        f"GET / returned {status} under production settings:\n{self.log_tail()}"
                    )
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn not ready after {timeout}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 25) -> str:
        self._log.flush()
        return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                stat = read_stat(int(entry))
                if stat and stat["ppid"] == self.proc.pid:
                    pids.append(int(entry))
        return sorted(pids)

    def cpu_ticks(self) -> tuple[int, dict[int, int]]:
        """utime+stime (clock ticks) of the master and each worker."""
        assert self.proc is not None
        per_pid = {}
        for pid in [self.proc.pid, *self.worker_pids()]:
            stat = read_stat(pid)
            if stat:
                per_pid[pid] = stat["utime"] + stat["stime"]
        return sum(per_pid.values()), per_pid

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # pgid == pid of the master we started
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=5)
        self._log.close()
        if os.environ.get("BENCH_PIDFILE"):
            Path(os.environ["BENCH_PIDFILE"]).unlink(missing_ok=True)
        if self in _RUNNING:
            _RUNNING.remove(self)
        self.proc = None


_RUNNING: list[Gunicorn] = []


def read_stat(pid: int) -> dict | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The command name is in parentheses and may contain spaces: split after the last ')'.
    fields = raw[raw.rindex(")") + 2 :].split()
    # fields[0] is field 3 (state); ppid = field 4, utime = 14, stime = 15.
    return {"ppid": int(fields[1]), "utime": int(fields[11]), "stime": int(fields[12])}


# --------------------------------------------------------------------------- HTTP helpers


def http_get(url: str, timeout: float = 10) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def curl(url: str) -> tuple[int, int, dict, str]:
    """(status, bytes downloaded, headers, body) as curl sees them."""
    with tempfile.TemporaryDirectory() as d:
        body_path, head_path = Path(d) / "body", Path(d) / "head"
        out = subprocess.run(
            [
                "curl",
                "-s",
                "--max-time",
                "10",
                "-H",
                PROTO_HEADER,
                "-D",
                str(head_path),
                "-o",
                str(body_path),
                "-w",
                "%{http_code} %{size_download}",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=15,
        ).stdout.split()
        headers = {}
        if head_path.exists():
            for line in head_path.read_text(errors="replace").splitlines()[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
        body = body_path.read_text(errors="replace") if body_path.exists() else ""
    return int(out[0]), int(out[1]), headers, body


# --------------------------------------------------------------------------- wrk

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise BenchError(f"cannot parse wrk latency {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def wrk(url: str, seconds: int, threads: int, conns: int, extra: tuple = ()) -> dict:
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{conns}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        PROTO_HEADER,
        *extra,  # e.g. ("-s", "post.lua") for bench/news.py's view beacon
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30)
    out = proc.stdout
    if proc.returncode != 0 or "Requests/sec" not in out:
        raise BenchError(f"wrk failed: {proc.stdout}\n{proc.stderr}")
    requests = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    result = {
        "cmd": " ".join(cmd),
        "requests": int(requests.group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "non_2xx": int(m.group(1))
        if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out))
        else 0,
        "socket_errors": m.group(0) if (m := re.search(r"Socket errors:.*", out)) else "",
        "raw": out,
    }
    if result["non_2xx"] or result["socket_errors"]:
        log(
            f"WARNING {url}: {result['non_2xx']} non-2xx, "
            f"{result['socket_errors'] or 'no socket errors'}"
        )
    return result


def system_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # reaped children: wrk, curl
    return usage.ru_utime + usage.ru_stime


def measure(server: Gunicorn, path: str, args, extra: tuple = ()) -> dict:
    url = server.url(path)
    wrk(url, args.warmup, args.threads, args.connections, extra)
    workers_before = server.worker_pids()
    loadavg = Path("/proc/loadavg").read_text().split()[0]
    before, _ = server.cpu_ticks()
    sys_before, wrk_before, t0 = system_ticks(), children_cpu_s(), time.monotonic()
    result = wrk(url, args.duration, args.threads, args.connections, extra)
    after, _ = server.cpu_ticks()
    sys_after, wrk_after, wall = system_ticks(), children_cpu_s(), time.monotonic() - t0
    if server.worker_pids() != workers_before:
        log("WARNING: a gunicorn worker restarted during the run; CPU figure is an underestimate")
    ticks = after - before
    result["cpu_ticks"] = ticks
    result["cpu_ms_per_req"] = ticks * 1000.0 / CLK_TCK / max(result["requests"], 1)
    # Where the machine's CPUs went during the run (cores busy on average).
    busy = (sys_after[0] - sys_before[0]) / CLK_TCK / wall
    gunicorn_cores = ticks / CLK_TCK / wall
    wrk_cores = (wrk_after - wrk_before) / wall
    result["cores"] = {
        "gunicorn": round(gunicorn_cores, 2),
        "wrk": round(wrk_cores, 2),
        "other": round(max(busy - gunicorn_cores - wrk_cores, 0.0), 2),
        "machine_busy": round(busy, 2),
        "machine_total": os.cpu_count(),
        "loadavg_1m_before": float(loadavg),
    }
    c = result["cores"]
    log(
        f"  {path:<32} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:6.2f} ms  "
        f"p99 {result['p99_ms']:6.2f} ms  server CPU {result['cpu_ms_per_req']:.3f} ms/req  "
        f"[cores: gunicorn {c['gunicorn']}, wrk {c['wrk']}, other {c['other']} "
        f"of {c['machine_total']}]"
    )
    return result


# --------------------------------------------------------------------------- publish check


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


# --------------------------------------------------------------------------- main


def machine() -> dict:
    def sh(cmd: str) -> str:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()

    return {
        "nproc": sh("nproc"),
        "cpu": sh("lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1"),
        "memory": sh("free -h | awk '/^Mem:/{print $2}'"),
        "kernel": sh("uname -r"),
        "python": sh(f"{PYTHON} -V"),
        "gunicorn": sh(f"{GUNICORN} --version"),
        "wrk": sh("wrk -v 2>&1 | head -1"),
    }


def run(args) -> int:
    for tool in ("wrk", "curl"):
        if not shutil.which(tool):
            raise BenchError(f"{tool} not found")
    global SRC
    tmp = Path(tempfile.mkdtemp(prefix="iagrai-bench-", dir=os.environ.get("BENCH_TMPDIR")))
    port = args.port or free_port()
    source = "working tree " + str(REPO)
    if args.git_ref:
        # A clean copy of a commit: uncommitted work of others in REPO does not leak in.
        commit = subprocess.run(
            ["git", "rev-parse", "--verify", args.git_ref + "^{commit}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        SRC = tmp / "src"
        SRC.mkdir()
        archive = subprocess.Popen(["git", "archive", commit], cwd=REPO, stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(SRC)], stdin=archive.stdout, check=True)
        archive.stdout.close()
        if archive.wait() != 0:
            raise BenchError(f"git archive {commit} failed")
        source = f"git {args.git_ref} = {commit[:12]} (exported to the temp dir)"
    else:
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        source += f" at {head}" + (" + uncommitted changes" if dirty.strip() else "")
    dev_env, prod_env = make_envs(tmp, port)
    results: dict = {
        "date": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "wrk": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
        },
        "clk_tck": CLK_TCK,
        "source": source,
        "runs": {},
    }
    try:
        log(f"temp dir {tmp}, port {port}; source: {source}")
        t0 = time.monotonic()
        # collectstatic needs no database: run it beside migrate + load_demo.
        collect = subprocess.Popen(
            [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=SRC,
            env=prod_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            manage(dev_env, "migrate", "--noinput", "-v0")
            manage(dev_env, "load_demo")
            collect_out, _ = collect.communicate(timeout=170)
        finally:
            if collect.poll() is None:
                collect.kill()
                collect.wait()
        if collect.returncode != 0:
            raise BenchError(f"collectstatic failed:\n{collect_out}")
        log(f"database + demo + collectstatic: {time.monotonic() - t0:.1f}s")

        # 1. Size of the home page as production serves it.
        probe = Gunicorn(prod_env, port, 0, tmp / "gunicorn-probe.log")
        probe.start()
        status, size, headers, _ = curl(probe.url("/"))
        probe.stop()
        if status != 200:
            raise BenchError(f"home page returned {status}")
        # 2. A static file of exactly that size, placed before gunicorn starts.
        static_rel = f"bench/pad-{size}.txt"
        pad = Path(prod_env["STATIC_ROOT"]) / static_rel
        pad.parent.mkdir(parents=True, exist_ok=True)
        line = b"static padding for the iagrai home page benchmark.\n"
        pad.write_bytes((line * (size // len(line) + 1))[:size])
        static_path = f"/static/{static_rel}"
        results["home_page_bytes"] = size
        results["static_path"] = static_path
        log(f"home page is {size} bytes ({headers.get('content-type')}); static file {static_path}")

        # Stay inside the time limit on a slow or busy machine: shorten the runs if needed.
        per_server = 10 + 2 * (args.warmup + args.duration)  # start, curls, 2 URLs, stop
        remaining = DEADLINE - time.monotonic() - 15  # publish check, report
        if 2 * per_server > remaining:
            fit = int((remaining / 2 - 10) / 2 - args.warmup)
            if fit < 5:
                raise BenchError(f"setup left {remaining:.0f}s: not enough for the runs")
            log(f"WARNING: setup was slow; measuring {fit}s per URL instead of {args.duration}s")
            args.duration = fit
            results["wrk"]["duration_s"] = fit

        for name, seconds in (("uncached", 0), ("cached", 300)):
            log(f"gunicorn -w 2, PAGE_CACHE_SECONDS={seconds} ({name})")
            server = Gunicorn(prod_env, port, seconds, tmp / f"gunicorn-{name}.log")
            server.start()
            try:
                s_status, s_size, s_headers, _ = curl(server.url(static_path))
                log(
                    f"  curl {static_path}: {s_status}, {s_size} bytes, "
                    f"{s_headers.get('content-type')}"
                )
                if s_status != 200 or s_size != size:
                    raise BenchError("static file not served by whitenoise with the right size")
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
                    run_result["publish"] = publish_check(server, dev_env)
                results["runs"][name] = run_result
            finally:
                server.stop()
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

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
    results["targets"] = [{"target": t, "measured": m, "met": ok} for t, m, ok in targets]
    for target, measured, ok in targets:
        print(f"{'MET   ' if ok else 'MISSED'}  {target}: {measured}")

    out_dir = REPO / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / f"home-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    results["elapsed_s"] = round(time.monotonic() - STARTED, 1)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nraw results: {out.relative_to(REPO)}; whole run {results['elapsed_s']:.0f}s")
    return 0 if all(ok for _, _, ok in targets) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per measured wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per URL")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--git-ref",
        default="",
        help="benchmark a clean export of this commit instead of the working tree",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (DB, logs)")
    parser.add_argument(
        "--time-limit",
        type=int,
        default=155,
        help="abort (and stop gunicorn) after this many seconds; home.sh kills at 168",
    )
    args = parser.parse_args()

    stopping = []

    def on_signal(signum, frame):
        if stopping:  # already unwinding: let the clean-up finish
            return
        stopping.append(signum)
        if signum == signal.SIGALRM:
            raise Deadline(f"time limit of {args.time_limit}s reached (machine too busy?)")
        raise Deadline(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    signal.signal(signal.SIGALRM, on_signal)
    global DEADLINE
    DEADLINE = time.monotonic() + args.time_limit
    signal.alarm(args.time_limit)
    try:
        return run(args)
    except (BenchError, Deadline, KeyboardInterrupt, subprocess.TimeoutExpired) as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2
    finally:
        signal.alarm(0)
        for server in list(_RUNNING):
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
