"""This site beside Wagtail's reference demo (wagtail/bakerydemo), uncached, in one run on one
machine: the server CPU per request of each pair of comparable pages, and their ratio.

Run from the repository root with
`bash bench/reference.sh --reference DIR --reference-python PY` (see bench/README.md): DIR is a
checkout of wagtail/bakerydemo, PY the python of a virtualenv that runs it (Wagtail 7.4 and
Django 5.2 on Python 3.11, plus gunicorn). None of the reference's code is part of this
repository; it is read from DIR and served from a throw-away temporary directory.

What it does, all on 127.0.0.1:

1. this site: a SQLite database with the demo, static files (bench/harness.py `site`); the
   reference: a SQLite database migrated and filled by its own `load_initial_data`, with a
   settings module written to the temp dir (its base settings, DEBUG off, a local-memory
   cache; the page cache of this site is off too: PAGE_CACHE_SECONDS=0). Both set-ups run
   side by side;
2. starts each site in turn with gunicorn (2 sync workers) and runs wrk on each page of a
   pair after a warm-up, reading the server CPU time from /proc (loadgen.measure);
3. prints the table and checks the targets of issue 17: the news index and an article cost at
   most 0.3x the reference's blog index and blog post; the home page and search are reported.

Exit status: 0 if every target is met, 1 if one is missed, 2 if the benchmark failed.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness
from harness import Gunicorn, manage
from loadgen import BenchError, log, measure

# (name, this site's path, the reference's path, target ratio or None = reported only)
PAIRS = [
    ("home", "/", "/", None),
    ("news index", "/tin-tuc/", "/blog/", 0.30),
    ("article", None, None, 0.30),  # paths found at run time: the newest article / post
    ("search", "/tim-kiem/?q=quan+ly", "/search/?q=bread", None),
]
QUERY_ARTICLE = (
    "from iagrai_cms.models import ArticlePage\n"
    "a = ArticlePage.objects.live().order_by('-date', '-pk').first()\n"
    "print('/' + a.url_path.split('/', 2)[2])\n"
)
QUERY_POST = (
    "from bakerydemo.blog.models import BlogPage\n"
    "p = BlogPage.objects.live().order_by('-date_published', '-pk').first()\n"
    "print(p.url)\n"
)
REFERENCE_SETTINGS = """# Written by bench/reference.py for one benchmark run.
from bakerydemo.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
CACHES = {{"default": {{"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}}}
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}}}}}
MEDIA_ROOT = {media!r}
STATIC_ROOT = {static!r}
"""


class Reference:
    """A throw-away copy of the reference demo: its code, database, media and settings."""

    def __init__(self, tmp: Path, source: Path, python: Path):
        self.source = source.resolve()
        self.python = python
        self.gunicorn = python.parent / "gunicorn"
        self.dir = tmp / "reference"
        self.dir.mkdir()
        (self.dir / "bench_reference_settings.py").write_text(
            REFERENCE_SETTINGS.format(
                secret=secrets.token_urlsafe(48),
                db=str(self.dir / "db.sqlite3"),
                media=str(self.dir / "media"),
                static=str(self.dir / "static"),
            )
        )
        path = f"{self.dir}:{self.source}"
        self.env = {
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": path,
            "PYTHONDONTWRITEBYTECODE": "1",
            "DJANGO_SETTINGS_MODULE": "bench_reference_settings",
        }

    def check(self) -> str:
        for what, path in (("python", self.python), ("gunicorn", self.gunicorn)):
            if not path.exists():
                raise BenchError(f"reference {what} not found: {path}")
        if not (self.source / "bakerydemo" / "settings" / "base.py").exists():
            raise BenchError(f"{self.source} is not a checkout of wagtail/bakerydemo")
        return subprocess.run(
            [
                str(self.python),
                "-c",
                "import django, wagtail; print(wagtail.__version__, django.get_version())",
            ],
            capture_output=True,
            text=True,
            env=self.env,
        ).stdout.strip()

    def manage(self, *args: str, timeout: float = 300) -> str:
        proc = subprocess.run(
            [str(self.python), str(self.source / "manage.py"), *args],
            cwd=self.dir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if proc.returncode != 0:
            raise BenchError(f"reference manage.py {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}")
        return proc.stdout

    def start_setup(self) -> subprocess.Popen:
        """migrate + load_initial_data in the background (about 2 minutes: it copies media),
        then collectstatic: its manifest storage, like ours, fails every page without it."""
        manage = f"{self.python} {self.source / 'manage.py'}"
        script = (
            f"{manage} migrate --noinput -v0 && {manage} load_initial_data && "
            f"{manage} collectstatic --noinput -v0"
        )
        return subprocess.Popen(
            ["bash", "-c", script],
            cwd=self.dir,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def server(self, port: int) -> Gunicorn:
        return Gunicorn(
            self.env,
            port,
            0,
            self.dir / "gunicorn.log",
            app="bakerydemo.wsgi:application",
            cwd=self.source,
            gunicorn=self.gunicorn,
        )


def run(args) -> int:
    with harness.site(args, "reference") as bench:
        results = bench.results
        reference = Reference(bench.tmp, Path(args.reference), Path(args.reference_python))
        versions = reference.check()
        results["reference"] = {"source": str(reference.source), "wagtail_django": versions}
        log(f"reference: {reference.source} (Wagtail, Django: {versions})")
        # harness.site prepared this site; the reference's set-up starts after it because
        # both together on 2 CPUs would only slow each other.
        t0 = time.monotonic()
        setup = reference.start_setup()
        out, _ = setup.communicate(timeout=max(harness.DEADLINE - time.monotonic() - 60, 10))
        if setup.returncode != 0:
            raise BenchError(f"reference set-up failed:\n{out[-3000:]}")
        log(f"reference database + demo data: {time.monotonic() - t0:.1f}s")

        article = manage(bench.dev_env, "shell", "-c", QUERY_ARTICLE).split()[-1]
        post = reference.manage("shell", "-c", QUERY_POST).split()[-1]
        pairs = [
            (name, ours or article, theirs or post, target) for name, ours, theirs, target in PAIRS
        ]
        results.update(pairs=[list(p) for p in pairs])
        harness.fit_duration(args, results, servers=2, urls_per_server=len(pairs), reserve=20)

        measured: dict[str, dict[str, dict]] = {"ours": {}, "reference": {}}
        servers = {
            "ours": Gunicorn(bench.prod_env, bench.port, 0, bench.tmp / "gunicorn-ours.log"),
            "reference": reference.server(bench.port),
        }
        for side, server in servers.items():
            log(f"gunicorn -w 2: {side}")
            server.start()
            try:
                for name, ours, theirs, _target in pairs:
                    path = ours if side == "ours" else theirs
                    status = harness.curl(server.url(path))[0]
                    if status != 200:
                        raise BenchError(f"{side} {path} answered {status}")
                    measured[side][name] = measure(server, path, args)
            finally:
                server.stop()
        results["runs"] = measured
    return report(results, pairs)


def report(results: dict, pairs: list) -> int:
    ours, theirs = results["runs"]["ours"], results["runs"]["reference"]
    print()
    print(f"this site: {results['source']}")
    print(f"reference: {results['reference']['source']} ({results['reference']['wagtail_django']})")
    header = f"{'page':<11} {'ours':<28} {'ms/req':>7} {'reference':<20} {'ms/req':>7} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    targets = []
    for name, our_path, their_path, target in pairs:
        mine, ref = ours[name]["cpu_ms_per_req"], theirs[name]["cpu_ms_per_req"]
        ratio = mine / ref if ref else float("inf")
        ours[name]["ratio_to_reference"] = ratio
        print(f"{name:<11} {our_path:<28} {mine:7.2f} {their_path:<20} {ref:7.2f} {ratio:6.2f}")
        if target is not None:
            targets.append(
                (
                    f"{name}: server CPU <= {target:.2f}x the reference's {their_path}",
                    f"{ratio:.2f}x ({mine:.2f} vs {ref:.2f} ms)",
                    ratio <= target,
                )
            )
    print()
    status = harness.print_targets(results, targets)
    print(f"\nraw results: {harness.save_results('reference', results)}")
    return status


def main() -> int:
    p = harness.parser(
        __doc__.split("\n")[0], duration=10, warmup=3, time_limit=560, wrapper_kill=575
    )
    p.add_argument("--reference", required=True, help="a checkout of wagtail/bakerydemo")
    p.add_argument(
        "--reference-python",
        required=True,
        help="python of a virtualenv with the reference's requirements and gunicorn",
    )
    args = p.parse_args()
    if not shutil.which("wrk"):
        print("bench: wrk is required (apt-get install wrk)", file=sys.stderr)
        return 2
    return harness.main_with(run, args)


if __name__ == "__main__":
    sys.exit(main())
