"""Fixtures for conduct_app tests: the demo's pages (loaded once per session by
tests/conftest.py) and helpers that file reports the way users do (the public form over
HTTP, or the intake service for data the test needs)."""

from __future__ import annotations

import pytest
from conduct_support import REPORT_URL, form_data


@pytest.fixture
def submit(client):
    """submit(**overrides) → the response of POSTing the public form as an anonymous
    visitor (multipart, with any `screenshots` given as a list of uploads)."""

    def post(client_=None, **overrides):
        return (client_ or client).post(REPORT_URL, form_data(**overrides))

    return post


@pytest.fixture
def make_report(db):
    """make_report(category=..., urls=[...], **fields) → an IncidentReport filed through
    the intake service (so it is routed and logged like a real one)."""
    from conduct_app.incidents.intake import Submission, file_report

    def make(urls=("https://www.facebook.com/mot.trang.nao.do",), source="public", **fields):
        submission = Submission(
            urls=list(urls),
            platform=fields.pop("platform", "facebook"),
            category=fields.pop("category", "false_information"),
            description=fields.pop("description", "Thông tin sai sự thật về huyện."),
            **fields,
        )
        return file_report(submission, source=source)

    return make
