"""Browser tests: Playwright (sync API) driving Debian's chromium against pytest-django's
live server.

- Every test in this folder is marked `e2e` (`pytest_collection_modifyitems` below):
  `pytest -m "not e2e"` leaves them out, `pytest -m e2e` runs only them.
- Chromium is /usr/bin/chromium (or $E2E_CHROMIUM); without it the tests are skipped.
  Playwright's own browser download is not used.
- Data: `demo_site` runs `load_demo` in each test. The tests use `transactional_db` (the
  live server thread must see committed rows) with `django_db_serialized_rollback`: Django
  flushes the database after each test and reloads the rows migrations made (home page,
  site, roles) before the next, so later tests still find them.
- SQLite: the test database is in memory; pytest-django hands the test thread's connection
  to the live server thread (`connections_override`), so both see the same database.
- Playwright's sync API runs an asyncio loop in the test thread, and Django then refuses
  ORM calls from that thread ("SynchronousOnlyOperation") unless DJANGO_ALLOW_ASYNC_UNSAFE
  is set; the tests do call the ORM (fixtures, checks), never concurrently with a request.
  So one chromium serves all the browser tests (the `browser` fixture is session-scoped),
  but it is started with the first of them and stopped after the last one of a run of
  consecutive browser tests, and DJANGO_ALLOW_ASYNC_UNSAFE is set only meanwhile: later
  tests keep Django's async-safety checks, and their subprocesses (`manage.py check
  --deploy`, which warns about that variable) do not inherit it.
- The browser only talks to the live server: requests to other origins are aborted and
  listed in `page.third_party_requests` (a government portal should not depend on them,
  and the sandbox has no internet anyway).
- Screenshots go to tests/e2e/artifacts/ (git-ignored), named <test>--<nn>-<step>.png.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = E2E_DIR / "artifacts"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "iagrai-demo")
DESKTOP = {"width": 1366, "height": 900}
# Playwright waits up to 30 s by default; the local server answers far sooner.
TIMEOUT_MS = 10_000


def _is_e2e(item: pytest.Item | None) -> bool:
    return item is not None and E2E_DIR in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _is_e2e(item):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    try:
        return (yield)
    finally:
        if not _is_e2e(nextitem):
            _CHROMIUM.stop()


# -- browser --------------------------------------------------------------------------


class _Chromium:
    """Playwright and chromium, started on first use and kept until `stop()`."""

    def __init__(self) -> None:
        self._playwright = None
        self._browser = None
        self._saved_env: str | None = None

    def get(self):
        if self._browser is None:
            from django.db import connections
            from playwright.sync_api import expect, sync_playwright

            expect.set_options(timeout=TIMEOUT_MS)  # its default is 5 s

            # The test thread's connections, e.g. the in-memory test database that the live
            # server shares and that holds the serialized-rollback snapshot.
            current = {conn.alias: conn for conn in connections.all(initialized_only=True)}
            self._saved_env = os.environ.get(ASYNC_UNSAFE)
            os.environ[ASYNC_UNSAFE] = "true"
            try:
                self._playwright = sync_playwright().start()
                # Django keeps connections in an asgiref Local, which stores them apart
                # (context-local) while an event loop runs in the thread: without this, the
                # test thread would open other connections than the ones above, and the
                # next test would find no snapshot to reload.
                for alias, conn in current.items():
                    connections[alias] = conn
                self._browser = self._playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
            except BaseException:
                self.stop()
                raise
        return self._browser

    def stop(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        try:
            if browser is not None:
                browser.close()
        finally:
            if playwright is not None:
                playwright.stop()
                if self._saved_env is None:
                    os.environ.pop(ASYNC_UNSAFE, None)
                else:
                    os.environ[ASYNC_UNSAFE] = self._saved_env


_CHROMIUM = _Chromium()


class _SessionBrowser:
    """The session's chromium (a playwright.sync_api.Browser): attributes are forwarded
    to the running one, started again if a later browser test needs it."""

    def __getattr__(self, name):
        return getattr(_CHROMIUM.get(), name)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("browser tests need the playwright package (requirements-dev.txt)")
    yield _SessionBrowser()
    _CHROMIUM.stop()


@dataclass
class BrowserPage:
    """A Playwright page (attributes are forwarded to it) plus what the browser reported
    while it was open."""

    page: object  # playwright.sync_api.Page
    name: str
    console_errors: list[str] = field(default_factory=list)
    third_party_requests: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)

    def screenshot(self, step: str) -> Path:
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS_DIR / f"{self.name}--{len(self.screenshots) + 1:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.screenshots.append(path)
        return path

    def assert_no_console_errors(self) -> None:
        assert not self.console_errors, "browser console errors:\n" + "\n".join(self.console_errors)

    def assert_no_third_party_requests(self) -> None:
        assert not self.third_party_requests, "requests to other origins:\n" + "\n".join(
            self.third_party_requests
        )

    def __getattr__(self, name):
        return getattr(self.page, name)


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:120]


@pytest.fixture
def page_factory(
    request, django_db_setup, live_server, browser
) -> Iterator[Callable[..., BrowserPage]]:
    """`page_factory({"width": 390, "height": 844}, label="phone")` → a `BrowserPage` in a
    fresh browser context (no cookies), relative URLs resolved against the live server."""
    contexts = []
    origin = live_server.url.rstrip("/")
    other_origins = re.compile(rf"^(?!{re.escape(origin)}/)https?://")

    def make(viewport: dict | None = None, label: str = "") -> BrowserPage:
        context = browser.new_context(
            viewport=viewport or DESKTOP,
            base_url=origin,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        name = request.node.name
        if label and label not in name:
            name = f"{name}-{label}"
        wrapped = BrowserPage(page=context.new_page(), name=_safe_name(name))

        def block(route) -> None:
            wrapped.third_party_requests.append(route.request.url)
            route.abort("blockedbyclient")

        def on_console(message) -> None:
            if message.type != "error":
                return
            url = (message.location or {}).get("url", "")
            if url in wrapped.third_party_requests:
                return  # the request we aborted; listed in third_party_requests
            if url == f"{origin}/favicon.ico" and "404" in message.text:
                return  # Chromium asks every site for one; the portal has none (reported)
            line = (message.location or {}).get("lineNumber", "?")
            wrapped.console_errors.append(f"console.error: {message.text} ({url}:{line})")

        context.route(other_origins, block)
        wrapped.page.on("console", on_console)
        wrapped.page.on(
            "pageerror", lambda error: wrapped.console_errors.append(f"pageerror: {error}")
        )
        return wrapped

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(page_factory) -> BrowserPage:
    """A desktop-sized `BrowserPage`; `page_factory` gives other viewports."""
    return page_factory(DESKTOP)


@pytest.fixture(scope="session", autouse=True)
def _artifacts_dir() -> None:
    # Screenshots are named after test and step: each run overwrites the previous ones.
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)


# -- data -----------------------------------------------------------------------------


@pytest.fixture
def demo_site(django_db_setup, transactional_db, django_db_serialized_rollback, live_server):
    """The demo district (`load_demo`), committed so that the live server sees it.

    `django_db_setup` comes before `live_server` on purpose: both are session-scoped, and
    a live server started before the test database exists would not share the in-memory
    database's connection (pytest-django picks the connections to share when it starts).
    """
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections

    from iagrai_cms.models import HomePage

    call_command("load_demo", stdout=io.StringIO())
    # The page cache (locmem; PAGE_CACHE_SECONDS=300 in the test settings) outlives the
    # database of a test: start from an empty one.
    cache.clear()
    yield {"home": HomePage.objects.get(), "url": live_server.url, "password": DEMO_PASSWORD}
    cache.clear()
    # Before pytest-django flushes the database and reloads the snapshot (next test).
    for connection in connections.all(initialized_only=True):
        _prime_content_type_cache(connection)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Empty the test database once, before the first browser test.

    Django snapshots the test database right after migrating it, and reloads that snapshot
    before each serialized-rollback test. A session-wide setup that adds rows after the
    snapshot (tests/conftest.py runs `load_demo`) makes the first reload collide with them
    ("UNIQUE constraint failed: wagtailcore_groupcollectionpermission..."), so flush the
    database first: every browser test then starts from the snapshot alone.

    pytest-django runs transactional tests after all `db` tests, so no test that relies on
    the session's rows runs after this (the first transactional test flushes them anyway).
    """
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            if not getattr(connection, "_test_serialized_contents", None):
                continue  # no snapshot to reload: keep what the session set up
            call_command(
                "flush",
                database=connection.alias,
                interactive=False,
                inhibit_post_migrate=True,
                verbosity=0,
            )
            _prime_content_type_cache(connection)


def _prime_content_type_cache(connection) -> None:
    """Fill ContentType's cache with the snapshot's rows before Django reloads it.

    Reloading builds model instances, and Wagtail's `Page.__init__` and `Task.__init__` look
    their content type up (`ContentType.objects.get_for_model`) when the instance has no
    `id`, as every row of a page subclass has in a dump. With a cold cache (`load_demo`
    clears it) the lookup inserts django_content_type rows, and reloading the snapshot's
    own rows then fails: "UNIQUE constraint failed: django_content_type.app_label,
    django_content_type.model".
    """
    from django.contrib.contenttypes.models import ContentType

    contents = getattr(connection, "_test_serialized_contents", None)
    if not contents:
        return
    ContentType.objects.clear_cache()
    for row in json.loads(contents):
        if row["model"] == "contenttypes.contenttype":
            content_type = ContentType(pk=row["pk"], **row["fields"])
            ContentType.objects._add_to_cache(connection.alias, content_type)
