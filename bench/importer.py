"""Field accuracy of the letter importer, per field kind, and its time per letter.

    .venv/bin/python bench/importer.py            # the table for the three corpora
    .venv/bin/python bench/importer.py --letters  # and each letter's misses

Three corpora, reported apart so that a change that helps one and hurts another shows:
`real` (tests/directives/letters/real/: letters copied from public portals, expected fields
read by hand), `synthetic` (tests/directives/letters/: one letter per layout case) and the
seed letter. Only the parser runs (no database): resolution against the unit tree is
covered by the tests.

How a field is counted (`score`): a single field is 1 right of 1 when it equals the
expected value after Unicode NFC, collapsed spaces and case folding; a list field (recipients,
legal bases, task headings, task addressees, deadlines, distribution) counts each expected
or found item: right = items found that were expected (a multiset match), out of the larger
of the two counts, so both a missed item and an invented one count against it; two empty
lists are 1 right of 1. Per-task kinds (headings, addressees, deadlines) are not counted on a
letter that has no task and where none was found. A kind the expected file does not hold
(the synthetic corpus has no `parent_issuer`) is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LETTERS = REPO / "tests" / "directives" / "letters"
REAL = LETTERS / "real"

KINDS = (
    "number/symbol",
    "type",
    "issuer",
    "parent_issuer",
    "place",
    "date",
    "subject",
    "recipients",
    "legal_basis",
    "tasks_count",
    "task_headings",
    "task_addressees",
    "deadlines",
    "signer",
    "distribution",
)


def _norm(value: object) -> str:
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    return " ".join(text.split()).casefold()


def _item(value: object) -> str:
    # A "Nơi nhận" line is the same line whatever dash or final punctuation the copy kept.
    return re.sub(r"^[-–—•+*]\s*|[;.,]\s*$", "", _norm(value)).strip()


def _items(expected: Iterable, actual: Iterable, key=_item) -> tuple[int, int]:
    want = Counter(key(item) for item in expected)
    got = Counter(key(item) for item in actual)
    total = max(sum(want.values()), sum(got.values()))
    if total == 0:
        return 1, 1
    return sum((want & got).values()), total


def _one(expected: object, actual: object) -> tuple[int, int]:
    return int(_norm(expected) == _norm(actual)), 1


def score(expected: dict, actual: dict) -> dict[str, tuple[int, int]]:
    """(right, counted) per field kind for one letter."""
    result: dict[str, tuple[int, int]] = {}
    symbol = "".join(str(actual.get("symbol") or "").split())
    result["number/symbol"] = (
        int(expected["number"] == actual.get("number") and expected["symbol"] == symbol),
        1,
    )
    result["type"] = _one(expected["doc_type"], actual.get("doc_type"))
    result["issuer"] = _one(expected["issuer"], actual.get("issuer"))
    if "parent_issuer" in expected:
        result["parent_issuer"] = _one(expected["parent_issuer"], actual.get("parent_issuer"))
    result["place"] = _one(expected["place"], actual.get("place"))
    result["date"] = _one(expected["date"], actual.get("date"))
    result["subject"] = _one(expected["subject"], actual.get("subject"))
    result["recipients"] = _items(expected["recipients"], actual.get("recipients") or [])
    result["legal_basis"] = _items(expected["legal_basis"], actual.get("legal_basis") or [])
    want_tasks, got_tasks = expected["tasks"], actual.get("tasks") or []
    result["tasks_count"] = (int(len(want_tasks) == len(got_tasks)), 1)
    if want_tasks or got_tasks:
        result["task_headings"] = _items(
            [task["heading"] for task in want_tasks], [task["heading"] for task in got_tasks]
        )
        result["task_addressees"] = _items(
            [name for task in want_tasks for name in task["addressees"]],
            [name for task in got_tasks for name in task["addressees"]],
        )
        result["deadlines"] = _items(
            [f"{task['heading']}|{task['deadline']}" for task in want_tasks],
            [f"{task['heading']}|{task['deadline']}" for task in got_tasks],
        )
    signer = actual.get("signer") or {}
    result["signer"] = (
        sum(
            _norm(expected["signer"][key]) == _norm(signer.get(key))
            for key in ("form", "title", "name")
        ),
        3,
    )
    result["distribution"] = _items(expected["distribution"], actual.get("distribution") or [])
    return result


def corpus(name: str) -> list[Path]:
    if name == "real":
        return sorted(REAL.glob("*.txt"))
    if name == "seed":
        return [LETTERS / "seed.txt"]
    return sorted(
        path
        for path in LETTERS.iterdir()
        if path.suffix in (".txt", ".md") and path.name != "seed.txt"
    )


def expected_for(path: Path) -> dict:
    return json.loads((path.parent / f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def measure(paths: list[Path], parse) -> tuple[dict[str, list[int]], dict[str, dict], list[float]]:
    """Totals per kind, each letter's scores, and the parse time of each letter (ms)."""
    totals = {kind: [0, 0] for kind in KINDS}
    letters: dict[str, dict] = {}
    times: list[float] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        actual = parse(text).to_json()
        times.append((time.perf_counter() - started) * 1000)
        scores = score(expected_for(path), actual)
        letters[path.stem] = {"scores": scores, "actual": actual}
        for kind, (right, counted) in scores.items():
            totals[kind][0] += right
            totals[kind][1] += counted
    return totals, letters, times


def accuracy(totals: dict[str, list[int]]) -> float:
    right = sum(value[0] for value in totals.values())
    counted = sum(value[1] for value in totals.values())
    return right / counted if counted else 1.0


def _setup_django() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iagrai_cms.settings.test")
    import django

    django.setup()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", action="store_true", help="print each letter's misses")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    _setup_django()
    from directives_app.importer.parser import parse_letter

    parse_letter("warm-up")
    report = {}
    for name in ("real", "synthetic", "seed"):
        paths = corpus(name)
        totals, letters, times = measure(paths, parse_letter)
        report[name] = {
            "letters": len(paths),
            "accuracy": accuracy(totals),
            "kinds": {kind: totals[kind] for kind in KINDS if totals[kind][1]},
            "ms_median": statistics.median(times),
            "ms_max": max(times),
            "per_letter": letters,
        }
    if options.json:
        for name in report:
            report[name].pop("per_letter")
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"machine: {os.cpu_count()} CPU, {_cpu_model()}; python {platform.python_version()}")
    names = list(report)
    print(
        f"{'field kind':<16}"
        + "".join(f"{n + ' (' + str(report[n]['letters']) + ')':>22}" for n in names)
    )
    for kind in KINDS:
        cells = []
        for name in names:
            right, counted = report[name]["kinds"].get(kind, (0, 0))
            cells.append(f"{right}/{counted} {100 * right / counted:5.1f} %" if counted else "-")
        print(f"{kind:<16}" + "".join(f"{cell:>22}" for cell in cells))
    print(f"{'TOTAL':<16}" + "".join(f"{100 * report[n]['accuracy']:>20.1f} %" for n in names))
    print(
        f"{'ms/letter':<16}"
        + "".join(
            f"{report[n]['ms_median']:>12.1f} (max {report[n]['ms_max']:.0f})".rjust(22)
            for n in names
        )
    )
    if options.letters:
        for name in names:
            for stem, data in report[name]["per_letter"].items():
                misses = [k for k, (right, counted) in data["scores"].items() if right < counted]
                if misses:
                    print(f"{name}/{stem}: {', '.join(misses)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
