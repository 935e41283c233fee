"""The dashboard at province scale (issue 17): page 1 lists its directives from the summary,
not from a probe of the reports per directive, and the directive filter lists thousands of
directives without a model instance or a template per option."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from progress_data import build

from directives_app.models import DirectivePage
from directives_app.progress.filters import PlainSelect

DASHBOARD = "/admin/tien-do/"


def _report_probes(queries: list[dict]) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "EXISTS" in q["sql"].upper() and "directives_app_compliancereport" in q["sql"]
    ]


@pytest.mark.django_db
def test_directives_are_paginated_from_the_summary(client_for):
    build(units=6, directives=25, year=2034, evidence_per_report=0)
    client = client_for("lanhdao")
    client.get(DASHBOARD)
    for query in ("", "?nam=2034", "?nam=2034&p=2", "?loai=cong_van"):
        with CaptureQueriesContext(connection) as context:
            response = client.get(DASHBOARD + query)
        assert response.status_code == 200
        assert _report_probes(context.captured_queries) == [], query
    # A unit filter cannot be answered from the summary's directives: the reports decide.
    with CaptureQueriesContext(connection) as context:
        assert client.get(DASHBOARD + "?loai_don_vi=commune").status_code == 200
    assert _report_probes(context.captured_queries)


@pytest.mark.django_db
def test_page_one_lists_the_same_directives_as_before(client_for):
    build(units=4, directives=23, year=2034, evidence_per_report=0)
    client = client_for("lanhdao")
    html = client.get(DASHBOARD + "?nam=2034").content.decode()
    newest = (
        DirectivePage.objects.filter(issued_year=2034)
        .order_by("-issued_on", "-number", "-pk")
        .values_list("symbol", flat=True)
    )
    matrix = html.split('class="progress-matrix"')[1].split("</table>")[0]
    assert all(symbol in matrix for symbol in newest[:20])
    page_two = client.get(DASHBOARD + "?nam=2034&p=2").content.decode()
    matrix = page_two.split('class="progress-matrix"')[1].split("</table>")[0]
    assert all(symbol in matrix for symbol in newest[20:])


@pytest.mark.django_db
def test_directive_filter_lists_every_directive_and_filters(client_for):
    build(units=3, directives=30, year=2034, evidence_per_report=0)
    client = client_for("lanhdao")
    html = client.get(DASHBOARD).content.decode()
    select = html.split('name="van_ban"')[1].split("</select>")[0]
    live = DirectivePage.objects.live().filter(requires_reports=True)
    assert select.count("<option") == live.count() + 1  # and "Tất cả"
    chosen = live.filter(issued_year=2034).first()
    html = client.get(f"{DASHBOARD}?van_ban={chosen.pk}").content.decode()
    assert f'<option value="{chosen.pk}" selected>' in html
    matrix = html.split('class="progress-matrix"')[1].split("</table>")[0]
    assert chosen.symbol in matrix


def test_plain_select_escapes_and_marks_the_choice():
    widget = PlainSelect(choices=[("", "Tất cả"), (7, '<b>Kế hoạch</b> & "số" 7')])
    html = widget.render("van_ban", "7", attrs={"id": "id_van_ban"})
    assert html.startswith("<select ") and html.endswith("</select>")
    assert 'name="van_ban"' in html.split(">")[0] and 'id="id_van_ban"' in html.split(">")[0]
    assert '<option value="7" selected>&lt;b&gt;Kế hoạch&lt;/b&gt; &amp; &quot;số&quot; 7' in html
    assert '<option value="">Tất cả</option>' in html


@pytest.mark.django_db
def test_without_a_year_the_directive_filter_offers_the_latest_and_the_chosen(
    client_for, monkeypatch
):
    monkeypatch.setattr("directives_app.progress.filters.DIRECTIVES_OFFERED", 5)
    build(units=2, directives=12, year=2034, evidence_per_report=0)
    build(units=2, directives=3, year=2033, evidence_per_report=0)
    client = client_for("lanhdao")
    live = DirectivePage.objects.live().filter(requires_reports=True)
    newest = list(live.order_by("-issued_on", "-number", "-pk").values_list("pk", flat=True))

    def offered(query: str) -> list[int]:
        html = client.get(DASHBOARD + query).content.decode()
        select = html.split('name="van_ban"')[1].split("</select>")[0]
        return [int(v) for v in re.findall(r'<option value="(\d+)"', select)]

    assert offered("") == newest[:5]
    # The chosen one stays offered (and selected) though it is older than the latest.
    oldest = newest[-1]
    assert offered(f"?van_ban={oldest}") == [*newest[:5], oldest]
    # A year offers all of that year's directives.
    assert set(offered("?nam=2033")) == set(
        live.filter(issued_year=2033).values_list("pk", flat=True)
    )
    # Junk in the parameters is a clean page, not an error.
    for junk in ("?van_ban=9" * 3, "?van_ban=" + "9" * 30, "?nam=abcd&van_ban=-1"):
        assert client.get(DASHBOARD + junk).status_code == 200
