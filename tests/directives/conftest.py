"""Helpers for directive tests: building directives directly and through the admin form."""

import pytest
from factories import build_directive, directive_form_data

from directives_app.models import DirectiveIndexPage


@pytest.fixture
def register(db) -> DirectiveIndexPage:
    return DirectiveIndexPage.objects.get()


@pytest.fixture
def make_directive(register):
    """make_directive(title=..., publish=True, units=[codes], **fields) → DirectivePage."""

    def make(*args, **kwargs):
        return build_directive(register, *args, **kwargs)

    return make


@pytest.fixture
def form_data(db):
    return directive_form_data
