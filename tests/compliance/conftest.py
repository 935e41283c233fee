"""Fixtures for compliance tests: the seed letter's reports and posting the report form."""

import pytest
from reporting import edit_url, report_form

from directives_app.models import ComplianceReport

SEED = "972/UBND-VHTT"


@pytest.fixture
def report(db) -> ComplianceReport:
    return ComplianceReport.objects.get(directive__symbol=SEED, unit__code="xa-ia-ba")


@pytest.fixture
def other_report(db) -> ComplianceReport:
    return ComplianceReport.objects.get(directive__symbol=SEED, unit__code="xa-ia-o")


@pytest.fixture
def post_report(client_for):
    """post_report(username, report, submit=False, **fields) → response."""

    def post(username, report, submit=False, **fields):
        if submit:
            fields["action-submit"] = "1"
        data = report_form(report, **fields)
        return client_for(username).post(edit_url(report), data)

    return post
