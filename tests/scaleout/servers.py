"""Starting and talking to real app servers and a proxy (tests/scaleout)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
PORT_BASE = int(os.environ.get("SCALEOUT_PORT_BASE", "8181"))
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/8")
POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


def needs_postgres_and_redis() -> None:
    if not POSTGRES:
        pytest.skip("several app servers share one PostgreSQL: set DATABASE_URL=postgres://…")
    if not redis_reachable():
        pytest.skip(f"several app servers share one Redis: none at {REDIS_URL}")


def server_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    from django.conf import settings
    from django.db import connection

    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="prod_like",
        PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), str(REPO)]),
        SECRET_KEY="scale-out-test-" + "k7Qz9xW2" * 6,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"scaleout-{uuid.uuid4().hex[:8]}",
        PAGE_CACHE_SECONDS="300",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        LOG_LEVEL="WARNING",
    )
    env.update(extra or {})
    return env


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} exited: {process.stdout.read().decode()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


def start_gunicorn(port: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "iagrai_cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    wait_for_port(port, process)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def login(base: str, username: str, password: str) -> dict[str, str]:
    """Log in through the admin's form; the session and CSRF cookies (Secure ones, which
    a client would only send over HTTPS, are passed by hand on loopback)."""
    form = requests.get(f"{base}/admin/login/", timeout=30)
    cookies = {"csrftoken": form.cookies["csrftoken"]}
    response = requests.post(
        f"{base}/admin/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf_token(form.text),
        },
        cookies=cookies,
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    cookies.update(sessionid=response.cookies["sessionid"])
    return cookies


def bulk_page_action(base: str, cookies: dict[str, str], action: str, page_id: int) -> None:
    """Publish or unpublish a page through the admin's bulk action (a plain form)."""
    url = f"{base}/admin/bulk/wagtailcore/page/{action}/?id={page_id}&next=/admin/"
    confirm = requests.get(url, cookies=cookies, timeout=60)
    assert confirm.status_code == 200, confirm.text[:300]
    response = requests.post(
        url,
        data={"csrfmiddlewaretoken": csrf_token(confirm.text)},
        cookies=cookies,
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:500]


VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)
VCL = REPO / "deploy" / "varnish" / "default.vcl"


def render_vcl(backend_port: int, target: Path) -> Path:
    """deploy/varnish/default.vcl with the test's app server port."""
    text = VCL.read_text()
    assert '.port = "8000";' in text
    target.write_text(text.replace('.port = "8000";', f'.port = "{backend_port}";'))
    return target


def start_varnish(listen_port: int, backend_port: int, workdir: Path) -> subprocess.Popen:
    workdir.mkdir(parents=True, exist_ok=True)
    vcl = render_vcl(backend_port, workdir / "default.vcl")
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-j",
            "none",
            "-n",
            str(workdir / "varnish"),
            "-a",
            f"127.0.0.1:{listen_port}",
            "-T",
            "none",
            "-f",
            str(vcl),
            "-s",
            "malloc,128m",
            "-p",
            "thread_pool_max=1000",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    wait_for_port(listen_port, process, seconds=60)
    return process
