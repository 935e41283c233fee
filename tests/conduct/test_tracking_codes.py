"""Tracking codes cannot be guessed from one another, and the lookup accepts what people
type but tells nothing about codes that were never issued (issue 15, item 5)."""

from __future__ import annotations

import datetime
import re

import pytest
from conduct_support import LOOKUP_URL
from django.test import Client

from conduct_app.incidents import tracking_codes
from conduct_app.incidents.intake import Submission, file_report
from conduct_app.models import IncidentReport

DAY = datetime.date(2026, 12, 2)


def _tail(code: str) -> str:
    return code.rsplit(".", 1)[1]


@pytest.mark.django_db
def test_a_thousand_reports_get_codes_that_do_not_run_in_sequence():
    submission = Submission(
        urls=["https://www.facebook.com/trang.gia.mao"],
        platform="facebook",
        category="false_information",
        description="Tin sai sự thật.",
    )
    codes = [file_report(submission).code for _ in range(1000)]
    assert len(set(codes)) == 1000
    tails = [_tail(code) for code in codes]
    assert all(re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}", tail) for tail in tails)
    # No two codes differ only in their last characters: with the check character, codes
    # differ in at least two places, so changing one character never gives another code.
    for index, first in enumerate(tails):
        for second in tails[index + 1 :]:
            assert first[:-1] != second[:-1], (first, second)
            assert sum(a != b for a, b in zip(first, second, strict=True)) >= 2
    # Digits 2-9 are in the alphabet, so one tail may be all digits; a run of them may not.
    assert not all(tail.isdigit() for tail in tails)


def test_one_wrong_character_is_caught_by_the_check_character():
    code = tracking_codes.new_code(DAY)
    tail = _tail(code)
    for position in range(len(tail)):
        for char in tracking_codes.ALPHABET:
            if char == tail[position]:
                continue
            changed = tail[:position] + char + tail[position + 1 :]
            if changed.isdigit():
                continue  # the form of codes issued before (PA.YYYYMMDD.NNNN) still reads
            assert tracking_codes.normalise(f"PA.20261202.{changed}") is None


@pytest.mark.parametrize(
    "typed",
    ["pa 20261202 k7m3f", "PA20261202K7M3F", "pa.20261202.k7m3f", " PA-20261202-K7M3F "],
)
def test_what_people_type_is_understood(typed):
    assert tracking_codes.normalise(typed) == "PA.20261202.K7M3F"


def test_codes_issued_before_still_read():
    assert tracking_codes.normalise("pa 20261202 0003") == "PA.20261202.0003"


@pytest.fixture
def filed(db):
    report = IncidentReport.objects.create(
        code=tracking_codes.new_code(DAY),
        source="public",
        platform="facebook",
        category="false_information",
        description="x",
    )
    legacy = IncidentReport.objects.create(
        code="PA.20261202.0003",
        source="public",
        platform="facebook",
        category="false_information",
        description="y",
    )
    return report, legacy


def test_the_lookup_accepts_spaces_lower_case_and_old_codes(filed):
    report, _legacy = filed
    typed = " ".join(report.code.lower().split("."))
    response = Client().get(LOOKUP_URL, {"ma": typed})
    assert response.status_code == 200
    assert report.code in response.content.decode()
    assert Client().get(LOOKUP_URL, {"ma": "pa 20261202 0003"}).status_code == 200


def test_a_never_issued_code_is_answered_like_a_wrong_one(filed):
    never_issued = tracking_codes.new_code(datetime.date(2026, 12, 3))
    wrong = "PA.20261203.ZZZZZ"
    answers = [Client().get(LOOKUP_URL, {"ma": typed}) for typed in (never_issued, wrong)]
    assert [answer.status_code for answer in answers] == [404, 404]
    bodies = [
        answer.content.decode().replace(typed, "<ma>")
        for answer, typed in zip(answers, (never_issued, wrong), strict=True)
    ]
    assert bodies[0] == bodies[1]


def test_the_lookup_shows_only_what_the_reporter_may_see(filed):
    report, _legacy = filed
    report.reporter_name = "Nguyễn Văn Bí Mật"
    report.reporter_phone = "0905 999 888"
    report.save()
    body = Client().get(LOOKUP_URL, {"ma": report.code}).content.decode()
    assert "Bí Mật" not in body and "999 888" not in body and "facebook.com" not in body


def test_trying_codes_is_stopped_after_a_few_failures(filed, settings):
    settings.INCIDENT_LOOKUP_FAILURES_PER_HOUR = 3
    report, _legacy = filed
    client = Client()
    for _ in range(3):
        assert client.get(LOOKUP_URL, {"ma": tracking_codes.new_code(DAY)}).status_code == 404
    refused = client.get(LOOKUP_URL, {"ma": report.code})
    assert refused.status_code == 429
    assert report.code not in refused.content.decode().replace(f'value="{report.code}"', "")
