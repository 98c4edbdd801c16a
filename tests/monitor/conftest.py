"""The picture of tests/monitor/figures.py, in this school year and the one before."""

import pytest

from verbindt.core.services import school_year_get_or_create

from .figures import build


@pytest.fixture
def years(db):
    return school_year_get_or_create(start_year=2025), school_year_get_or_create(start_year=2024)


@pytest.fixture
def known(world, years):
    return build(world, *years)
