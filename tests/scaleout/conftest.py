"""Real app servers (gunicorn) and a reverse proxy for the scale-out tests (issue 17).

They run on PostgreSQL (the test database, whose demo data the session committed) and on
Redis database 8 under a key prefix of their own, with production settings; ports come
from SCALEOUT_PORT_BASE (default 8181). Each test skips with the reason when PostgreSQL,
Redis or the proxy is not there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from servers import (
    PORT_BASE,
    VARNISHD,
    needs_postgres_and_redis,
    server_env,
    start_gunicorn,
    start_varnish,
    stop,
)


@pytest.fixture
def gunicorns(request, django_db_blocker) -> Iterator[list[str]]:
    """Two gunicorn app servers on one PostgreSQL and one Redis: their base URLs."""
    needs_postgres_and_redis()  # before any database set-up: skips cleanly on SQLite
    request.getfixturevalue("django_db_setup")
    env = server_env()
    processes = []
    try:
        for port in (PORT_BASE, PORT_BASE + 1):
            processes.append(start_gunicorn(port, env))
        with django_db_blocker.unblock():
            yield [f"http://127.0.0.1:{port}" for port in (PORT_BASE, PORT_BASE + 1)]
    finally:
        for process in processes:
            stop(process)


@pytest.fixture
def proxied(request, django_db_blocker, tmp_path) -> Iterator[tuple[str, str]]:
    """One gunicorn app server with Varnish (deploy/varnish/default.vcl) in front, purged
    by the app: (proxy URL, app URL)."""
    needs_postgres_and_redis()
    if VARNISHD is None:
        pytest.skip("varnishd is not installed (Debian package `varnish`; .ci/run installs it)")
    request.getfixturevalue("django_db_setup")
    app_port, proxy_port = PORT_BASE + 2, PORT_BASE + 3
    env = server_env(
        {
            "FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{proxy_port}",
            "TRUSTED_PROXY_COUNT": "1",
        }
    )
    processes = []
    try:
        processes.append(start_gunicorn(app_port, env))
        processes.append(start_varnish(proxy_port, app_port, tmp_path / "proxy"))
        with django_db_blocker.unblock():
            yield f"http://127.0.0.1:{proxy_port}", f"http://127.0.0.1:{app_port}"
    finally:
        for process in reversed(processes):
            stop(process)
