"""What the load benchmarks share: a throw-away copy of the site, gunicorn, wrk and the
server's CPU accounting.

bench/home.py, bench/news.py and bench/register.py each measure some public URLs with it:

- `export_source` picks the code the servers run (the working tree, or a clean `git archive`
  of a commit, so that others' uncommitted work stays out);
- `prepare_site` migrates a SQLite database, loads the demo (dev settings: load_demo refuses
  production) and collects static files (production settings: the manifest storage the
  servers use), the last beside the first two;
- `write_padding` places a static file of a page's exact size in STATIC_ROOT before gunicorn
  starts: WhiteNoise (autorefresh off in production) scans STATIC_ROOT at start-up, so it
  serves the file under its plain name although the manifest does not list it;
- `Gunicorn` runs 2 sync workers with the production settings in its own process group and
  reads their CPU time from /proc; `measure` (bench/loadgen.py) runs wrk after a warm-up
  and turns the CPU time into milliseconds per request, with how busy the rest of the
  machine was;
- `main_with` bounds the whole run in time and stops gunicorn on every way out.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from loadgen import CLK_TCK, GUNICORN, HOST, PYTHON, REPO, BenchError, curl, http_get, log, machine

# The source tree the servers run: the working tree, or an export of --git-ref.
SRC = REPO
DEADLINE = float("inf")  # time.monotonic() value; set by main()
STARTED = time.monotonic()

CPU_TARGET_MS = 30.0
RATE_TARGET = 0.50


class Deadline(Exception):
    pass


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
    """2 sync workers of a WSGI app; by default this project's, from SRC with .venv's gunicorn
    (bench/reference.py passes another site's app, folder and gunicorn)."""

    def __init__(
        self,
        env: dict,
        port: int,
        page_cache_seconds: int,
        logfile: Path,
        app: str = "iagrai_cms.wsgi:application",
        cwd: Path | None = None,
        gunicorn: Path | None = None,
    ):
        self.port = port
        self.env = dict(env, PAGE_CACHE_SECONDS=str(page_cache_seconds))
        self.logfile = logfile
        self.app = app
        self.cwd = cwd
        self.gunicorn = gunicorn or GUNICORN
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> None:
        self._log = open(self.logfile, "ab")
        self.proc = subprocess.Popen(
            [str(self.gunicorn), self.app, "-w", "2", "-b", f"{HOST}:{self.port}"],
            cwd=self.cwd or SRC,
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


# --------------------------------------------------------------------------- set-up


def tools_present() -> None:
    for tool in ("wrk", "curl"):
        if not shutil.which(tool):
            raise BenchError(f"{tool} not found")


def make_tmp(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix, dir=os.environ.get("BENCH_TMPDIR")))


@dataclass
class Site:
    """A throw-away copy of the site, ready to serve: see `site`."""

    tmp: Path
    port: int
    dev_env: dict
    prod_env: dict
    results: dict
    setup_seconds: float


@contextmanager
def site(args, name: str) -> Iterator[Site]:
    """Temp dir, code, database with the demo and static files for one benchmark run;
    removed afterwards unless --keep."""
    tools_present()
    tmp = make_tmp(f"iagrai-bench-{name}-")
    try:
        port = args.port or free_port()
        source = export_source(tmp, args.git_ref)
        dev_env, prod_env = make_envs(tmp, port)
        results = new_results(args, source)
        log(f"temp dir {tmp}, port {port}; source: {source}")
        seconds = prepare_site(dev_env, prod_env)
        log(f"database + demo + collectstatic: {seconds:.1f}s")
        yield Site(tmp, port, dev_env, prod_env, results, seconds)
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def cache_modes(bench: Site) -> Iterator[tuple[str, int, Gunicorn]]:
    """gunicorn with the page cache off, then on: (name, PAGE_CACHE_SECONDS, server)."""
    for name, seconds in (("uncached", 0), ("cached", 300)):
        log(f"gunicorn -w 2, PAGE_CACHE_SECONDS={seconds} ({name})")
        server = Gunicorn(bench.prod_env, bench.port, seconds, bench.tmp / f"gunicorn-{name}.log")
        server.start()
        try:
            yield name, seconds, server
        finally:
            server.stop()


def page_sizes(bench: Site, paths: dict[str, str]) -> dict[str, int]:
    """Byte size of each page as production serves it (a gunicorn started just for this)."""
    probe = Gunicorn(bench.prod_env, bench.port, 0, bench.tmp / "gunicorn-probe.log")
    probe.start()
    try:
        sizes = {}
        for name, path in paths.items():
            status, size, _headers, _ = curl(probe.url(path))
            if status != 200:
                raise BenchError(f"{path} returned {status}")
            sizes[name] = size
        return sizes
    finally:
        probe.stop()


def export_source(tmp: Path, git_ref: str) -> str:
    """Point SRC at the code to run and describe it."""
    global SRC
    if git_ref:
        # A clean copy of a commit: uncommitted work of others in REPO does not leak in.
        commit = subprocess.run(
            ["git", "rev-parse", "--verify", git_ref + "^{commit}"],
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
        return f"git {git_ref} = {commit[:12]} (exported to the temp dir)"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout
    head = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return f"working tree {REPO} at {head}" + (" + uncommitted changes" if dirty.strip() else "")


def prepare_site(dev_env: dict, prod_env: dict) -> float:
    """Database, demo data and static files; returns the seconds it took."""
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
    return time.monotonic() - t0


def write_padding(prod_env: dict, size: int) -> str:
    """A static file of exactly `size` bytes; returns its URL path."""
    static_rel = f"bench/pad-{size}.txt"
    pad = Path(prod_env["STATIC_ROOT"]) / static_rel
    pad.parent.mkdir(parents=True, exist_ok=True)
    line = b"static padding for the iagrai benchmarks.\n"
    pad.write_bytes((line * (size // len(line) + 1))[:size])
    return f"/static/{static_rel}"


def check_static(server: Gunicorn, static_path: str, size: int) -> None:
    status, got, headers, _ = curl(server.url(static_path))
    log(f"  curl {static_path}: {status}, {got} bytes, {headers.get('content-type')}")
    if status != 200 or got != size:
        raise BenchError("static file not served by whitenoise with the right size")


def fit_duration(args, results: dict, servers: int, urls_per_server: int, reserve: float) -> None:
    """Shorten the measured runs when set-up was slow, so the run ends inside its limit."""
    per_server = 10 + urls_per_server * (args.warmup + args.duration)
    remaining = DEADLINE - time.monotonic() - reserve
    if servers * per_server <= remaining:
        return
    fit = int((remaining / servers - 10) / urls_per_server - args.warmup)
    if fit < 5:
        raise BenchError(f"setup left {remaining:.0f}s: not enough for the runs")
    log(f"WARNING: setup was slow; measuring {fit}s per URL instead of {args.duration}s")
    args.duration = fit
    results["wrk"]["duration_s"] = fit


def new_results(args, source: str) -> dict:
    return {
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


def save_results(name: str, results: dict) -> Path:
    out_dir = REPO / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / f"{name}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    results["elapsed_s"] = round(time.monotonic() - STARTED, 1)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return out.relative_to(REPO)


def print_targets(results: dict, targets: list[tuple[str, str, bool]]) -> int:
    """Print MET/MISSED lines; 0 if every target is met, else 1."""
    results["targets"] = [{"target": t, "measured": m, "met": ok} for t, m, ok in targets]
    for target, measured, ok in targets:
        print(f"{'MET   ' if ok else 'MISSED'}  {target}: {measured}")
    return 0 if all(ok for _, _, ok in targets) else 1


# --------------------------------------------------------------------------- command line


def parser(description: str, duration: int, warmup: int, time_limit: int, wrapper_kill: int):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--duration", type=int, default=duration, help="seconds per measured wrk run")
    p.add_argument("--warmup", type=int, default=warmup, help="seconds of warm-up per URL")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--port", type=int, default=0, help="default: a free port")
    p.add_argument(
        "--git-ref",
        default="",
        help="benchmark a clean export of this commit instead of the working tree",
    )
    p.add_argument("--keep", action="store_true", help="keep the temp dir (DB, logs)")
    p.add_argument(
        "--time-limit",
        type=int,
        default=time_limit,
        help=f"abort (and stop gunicorn) after this many seconds; the .sh wrapper kills at "
        f"{wrapper_kill}",
    )
    return p


def main_with(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a benchmark inside its time limit; gunicorn is stopped on every way out.

    Exit status: what `run` returns (0 every target met, 1 one missed), 2 if the benchmark
    itself failed."""
    import sys

    stopping = []

    def on_signal(signum, frame):
        if stopping:  # already unwinding: let the clean-up finish
            return
        stopping.append(signum)
        if signum == signal.SIGALRM:
            raise Deadline(f"time limit of {args.time_limit}s reached (machine too busy?)")
        raise Deadline(f"signal {signum}")

    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGALRM):
        signal.signal(signum, on_signal)
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
