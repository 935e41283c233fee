"""The layout holds: no import circles, models and services below views, concerns importing
only what docs/ARCHITECTURE.md says they may, no module over 500 lines, and every path the
architecture map names exists."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess

import pytest
from import_graph import ROOT, circles, import_graph

# The concerns of docs/ARCHITECTURE.md, and the concerns each may import ("top" is the app's
# own wiring: apps, urls, wagtail_hooks, signal handlers, viewsets). Tests, the demo data
# and management commands stand outside, above everything.
MAY_IMPORT = {
    "directives_app.core": set(),
    "directives_app.models": {
        "directives_app.core",
        # Wagtail's idiom: a page's base_form_class, a task's action form, editor panels.
        "directives_app.register",
        "directives_app.compliance",
        "directives_app.importer",
    },
    "directives_app.units": {"directives_app.core", "directives_app.models"},
    "directives_app.background": {"directives_app.core", "directives_app.models"},
    "directives_app.importer": {"directives_app.core", "directives_app.models"},
    "directives_app.compliance": {
        "directives_app.core",
        "directives_app.models",
        "directives_app.units",
        "directives_app.background",
    },
    "directives_app.register": {
        "directives_app.core",
        "directives_app.models",
        "directives_app.compliance",
    },
    "directives_app.progress": {
        "directives_app.core",
        "directives_app.models",
        "directives_app.compliance",
        "directives_app.background",
        "directives_app.register",
    },
    "directives_app.templatetags": {"directives_app.core"},
    "conduct_app.models": {
        "directives_app.core",
        "directives_app.models",
        # Rules the models apply: the Code's blocks, link normal forms, tracking codes.
        "conduct_app.code",
        "conduct_app.channels",
        "conduct_app.incidents",
    },
    "conduct_app.channels": {"directives_app.core", "conduct_app.models"},
    "conduct_app.code": {
        "directives_app.core",
        "directives_app.models",
        "directives_app.background",
        "conduct_app.models",
    },
    "conduct_app.incidents": {
        "directives_app.core",
        "directives_app.models",
        "directives_app.units",
        "directives_app.background",
        "conduct_app.models",
        "conduct_app.channels",
    },
    "iagrai_cms.models": {
        "directives_app.core",
        "directives_app.models",
        "iagrai_cms.caching",
        "iagrai_cms.news",
    },
    "iagrai_cms.caching": {"iagrai_cms.models", "conduct_app.models"},
    "iagrai_cms.search": {"directives_app.core"},
    "iagrai_cms.staff_security": {"directives_app.core"},
    "iagrai_cms.news": {
        "directives_app.core",
        "directives_app.models",
        "directives_app.background",
        "directives_app.compliance",
        "directives_app.register",
        "iagrai_cms.top",
        "iagrai_cms.models",
    },
    "iagrai_cms.templatetags": {"directives_app.core", "iagrai_cms.models"},
}
OUTSIDE = {"demo", "management", "settings", "formats", "migrations"}

# Service modules: the rules of a concern that views, commands and tasks call.
SERVICES = {
    "directives_app.units.loader",
    "directives_app.units.permissions",
    "directives_app.background.outbox",
    "directives_app.background.prepared_files",
    "directives_app.background.notifications",
    "directives_app.compliance.services",
    "directives_app.compliance.permissions",
    "directives_app.compliance.reminders",
    "directives_app.register.issuing",
    "directives_app.progress.status",
    "directives_app.progress.tally",
    "directives_app.importer.drafts",
    "directives_app.importer.resolve",
    "conduct_app.code.coverage",
    "conduct_app.code.loader",
    "conduct_app.incidents.intake",
    "conduct_app.incidents.triage",
    "conduct_app.incidents.statistics",
    "iagrai_cms.news.readership",
    "iagrai_cms.news.report_articles",
    "iagrai_cms.caching.page_cache",
}
VIEW_NAMES = {
    "views",
    "feeds",
    "viewsets",
    "wagtail_hooks",
    "hooks",
    "urls",
    "admin",
    "dashboard",
    "dashboard_panels",
    "panels",
    "report_panels",
    "report_actions",
}
MAX_LINES = 500


def concern(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in {*(name.split(".")[1] for name in MAY_IMPORT), *OUTSIDE}:
        return f"{parts[0]}.{parts[1]}"
    return f"{parts[0]}.top"


def is_view(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return (
        last in VIEW_NAMES
        or last.endswith(("_views", "_admin"))
        or ".templatetags" in module
        or ".management" in module
    )


def is_lower_layer(module: str) -> bool:
    return ".models" in module or ".core" in module or module in SERVICES


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_the_graph_is_read(graph):
    # A broken reader would find nothing and pass every rule below.
    assert "directives_app.models.directives" in graph
    assert "directives_app.core.routing" in graph["directives_app.models.directives"]
    assert len(graph) > 150


def test_no_import_circles(graph):
    assert circles(graph) == []


def test_the_circle_finder_finds_circles():
    toy = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(toy) == [["a", "b", "c"]]


def test_models_and_services_import_no_views_feeds_or_templates(graph):
    wrong = {
        module: sorted(target for target in targets if is_view(target))
        for module, targets in graph.items()
        if is_lower_layer(module)
    }
    # Wagtail's idiom: a model declares its editor panels.
    allowed = {"directives_app.importer.panels"}
    assert {module: t for module, t in wrong.items() if set(t) - allowed} == {}


def test_services_named_here_exist(graph):
    assert SERVICES <= set(graph)


def test_concerns_import_only_what_the_map_allows(graph):
    found: dict[str, set[str]] = {}
    for module, targets in graph.items():
        source = concern(module)
        for target in targets:
            if concern(target) != source:
                found.setdefault(source, set()).add(concern(target))
    unexpected = {
        source: sorted(targets - MAY_IMPORT[source])
        for source, targets in found.items()
        if source in MAY_IMPORT and targets - MAY_IMPORT[source]
    }
    assert unexpected == {}


def _python_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [name for name in listed if "/migrations/" not in name and "/vendor/" not in name]


def test_no_module_over_500_lines():
    files = _python_files()
    assert len(files) > 200
    long = {}
    for name in files:
        path = ROOT / name
        if path.exists():
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long[name] = lines
    assert long == {}


# -- docs/ARCHITECTURE.md -------------------------------------------------------------------

ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"
CODE_SPAN = re.compile(r"`([^`\s]+)`")
PACKAGES = ("directives_app", "conduct_app", "iagrai_cms")


def _named_in_map() -> tuple[list[str], list[str]]:
    """(file or folder paths, dotted Python names) in the map's code spans."""
    paths, dotted = [], []
    for span in CODE_SPAN.findall(ARCHITECTURE.read_text(encoding="utf-8")):
        name = span.rstrip(".,:;()")
        if name.endswith("()"):
            name = name[:-2]
        # Paths outside the repository (../shared) are the design's, not the code's.
        if "/" in name and not name.startswith(("/", "http", "..")) and "<" not in name:
            paths.append(name)
        elif name.startswith(PACKAGES) and "." in name:
            dotted.append(name.removesuffix("()"))
    return paths, dotted


def _resolves(dotted: str) -> bool:
    """`package.module`, `package.module.function` or `package.module.Class.method`."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def test_architecture_map_names_only_what_exists(db):
    paths, dotted = _named_in_map()
    assert len(paths) >= 15 and len(dotted) >= 30  # the map names the code it describes
    assert [path for path in paths if not (ROOT / path).exists()] == []
    assert [name for name in dotted if not _resolves(name)] == []


def test_every_concern_has_a_docstring_saying_what_it_may_import():
    for name in MAY_IMPORT:
        package = ROOT.joinpath(*name.split("."))
        init = package / "__init__.py" if package.is_dir() else None
        if init is None:
            continue
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "May import" in docstring, name
