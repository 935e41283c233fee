"""Numbers per (issuer, year, series), manual numbers, symbols per type, and concurrent
issuing on PostgreSQL."""

import datetime
import os
import threading

import pytest
from django.db import connections
from factories import build_directive

from directives_app.core.symbols import compose_symbol, find_symbols
from directives_app.models import (
    DirectiveIndexPage,
    DirectivePage,
    NumberSequence,
    Unit,
    allocate_number,
)


@pytest.mark.parametrize(
    ("doc_type", "expected"),
    [
        ("cong_van", "971/UBND-VHTT"),
        ("ke_hoach", "971/KH-UBND"),
        ("quyet_dinh", "971/QĐ-UBND"),
        ("chi_thi", "971/CT-UBND"),
        ("thong_bao", "971/TB-UBND"),
        ("bao_cao", "971/BC-UBND"),
    ],
)
def test_symbol_composition_per_type(doc_type, expected):
    assert compose_symbol(971, doc_type, "UBND", "VHTT") == expected


def test_symbol_of_unnumbered_draft_and_without_drafting_unit():
    assert compose_symbol(None, "cong_van", "UBND", "VHTT") == "/UBND-VHTT"
    assert compose_symbol(5, "cong_van", "UBND", "") == "5/UBND"


def test_find_symbols_as_printed():
    text = "Công văn số 412-CV/HU; Quyết định số 874/QĐ-BTTTT; 52 /UBND-NV; 30/2020/NĐ-CP"
    assert find_symbols(text) == ["412-CV/HU", "874/QĐ-BTTTT", "52/UBND-NV", "30/2020/NĐ-CP"]


@pytest.mark.django_db
def test_sequence_per_year_and_issuer(make_directive):
    first = make_directive(title="một", issued_on=datetime.date(2030, 3, 1))
    second = make_directive(title="hai", issued_on=datetime.date(2030, 3, 2), doc_type="ke_hoach")
    next_year = make_directive(title="ba", issued_on=datetime.date(2031, 1, 5))
    assert (first.number, second.number, next_year.number) == (1, 2, 1)
    assert second.symbol == "2/KH-UBND"
    other_issuer = Unit.objects.get(code="phong-vhtt")
    assert allocate_number(other_issuer, 2030, "") == 1


@pytest.mark.django_db
def test_manual_number_kept_and_counter_moves_past_it(make_directive):
    manual = make_directive(title="số tay", number=40, issued_on=datetime.date(2032, 2, 1))
    assert manual.number == 40
    assert manual.symbol == "40/UBND-VHTT"
    following = make_directive(title="tiếp theo", issued_on=datetime.date(2032, 2, 2))
    assert following.number == 41


@pytest.mark.django_db
def test_colliding_manual_number_refused_with_message(
    make_directive, client_for, register, form_data
):
    make_directive(title="đã có số", number=7, issued_on=datetime.date(2033, 5, 5))
    before = DirectivePage.objects.count()
    response = client_for("vanthu").post(
        f"/admin/pages/add/directives_app/directivepage/{register.pk}/",
        form_data(number="7", issued_on="06/05/2033"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Số 7 năm 2033 đã được dùng cho văn bản 7/UBND-VHTT" in html
    assert DirectivePage.objects.count() == before


@pytest.mark.django_db
def test_database_enforces_unique_numbers(make_directive):
    from django.db import IntegrityError, transaction

    page = make_directive(title="gốc", number=9, issued_on=datetime.date(2034, 1, 1))
    other = make_directive(title="khác", issued_on=datetime.date(2034, 1, 2))
    other.number = page.number
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectivePage.objects.filter(pk=other.pk).update(number=9)


POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="row locking is what is under test: PostgreSQL only")
def test_twenty_concurrent_issues_get_distinct_consecutive_numbers(
    django_db_setup, django_db_blocker
):
    # Committed data, visible to the threads' own connections; cleaned up by hand so the
    # session's demo data stays for the tests after this one.
    with django_db_blocker.unblock():
        register = DirectiveIndexPage.objects.get()
        drafts = [
            build_directive(
                register, title=f"đồng thời {i}", publish=False, issued_on=datetime.date(2040, 1, 2)
            )
            for i in range(20)
        ]
        try:
            barrier = threading.Barrier(20)
            errors = []

            def publish(page_id):
                try:
                    page = DirectivePage.objects.get(pk=page_id)
                    barrier.wait(timeout=30)
                    page.get_latest_revision().publish()
                except Exception as error:
                    errors.append(error)
                finally:
                    connections.close_all()

            threads = [threading.Thread(target=publish, args=(d.pk,)) for d in drafts]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert not errors
            numbers = sorted(
                DirectivePage.objects.filter(pk__in=[d.pk for d in drafts]).values_list(
                    "number", flat=True
                )
            )
            assert numbers == list(range(1, 21))
        finally:
            for draft in DirectivePage.objects.filter(pk__in=[d.pk for d in drafts]):
                draft.delete()
            NumberSequence.objects.filter(year=2040).delete()
