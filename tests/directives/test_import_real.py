"""The importer on real letters (issue 16): field accuracy over the corpus of letters copied
from public portals (tests/directives/letters/real/), counted as bench/importer.py counts it.
The synthetic corpus and the seed letter stay exact (test_import_parser.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from directives_app.importer.parser import parse_letter

BENCH = Path(__file__).resolve().parents[2] / "bench" / "importer.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_importer", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()
REAL = bench.corpus("real")

# Per field kind, a floor a little below what was measured when issue 16 closed (a change
# that helps one kind and hurts another fails here even when the total stays above 95 %).
FLOORS = {
    "number/symbol": 0.95,
    "type": 0.95,
    "issuer": 0.95,
    "parent_issuer": 0.95,
    "place": 0.95,
    "date": 0.95,
    "subject": 0.95,
    "recipients": 0.95,
    "legal_basis": 0.95,
    "tasks_count": 0.95,
    "task_headings": 0.9,
    "task_addressees": 0.9,
    "deadlines": 0.9,
    "signer": 0.95,
    "distribution": 0.95,
}


def test_the_real_corpus_is_large_enough():
    assert len(REAL) >= 25
    for path in REAL:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("<!-- nguồn: http") and first.endswith("-->"), path.name


def test_field_accuracy_over_the_real_corpus_is_at_least_95_percent():
    totals, _letters, _times = bench.measure(REAL, parse_letter)
    assert bench.accuracy(totals) >= 0.95


@pytest.mark.parametrize("kind", list(FLOORS))
def test_field_accuracy_per_kind(kind):
    totals, _letters, _times = bench.measure(REAL, parse_letter)
    right, counted = totals[kind]
    assert counted and right / counted >= FLOORS[kind], (kind, right, counted)


@pytest.mark.parametrize("path", REAL, ids=lambda path: path.stem)
def test_the_source_line_is_not_read_as_part_of_the_letter(path):
    text = path.read_text(encoding="utf-8")
    letter = parse_letter(text)
    assert "nguồn" not in letter.issuer and "http" not in " ".join(letter.issuer_lines)
    expected = bench.expected_for(path)
    # A portal's copy of the body alone has no header: "not a letter in the Nghị định 30
    # form" is then the honest error (its body is still read; the bench counts its tasks).
    if expected["issuer"] or expected["number"] or expected["date"]:
        assert not letter.errors
