"""Load and its cost: HTTP helpers, wrk, and the server's CPU time per request, for the
load benchmarks (bench/harness.py runs the servers and the site around them)."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Protocol


class Server(Protocol):
    """What `measure` needs of a server (harness.Gunicorn is one)."""

    def url(self, path: str) -> str: ...
    def worker_pids(self) -> list[int]: ...
    def cpu_ticks(self) -> tuple[int, dict[int, int]]: ...


REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
PROTO_HEADER = "X-Forwarded-Proto: https"
CLK_TCK = os.sysconf("SC_CLK_TCK")  # same as `getconf CLK_TCK`


class BenchError(Exception):
    pass


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


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


def measure(server: Server, path: str, args, extra: tuple = ()) -> dict:
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
