"""Collaborations between the named actors' organisations (see tests/conftest.py)."""

import pytest

from verbindt.collaborations import services
from verbindt.collaborations.services import PartnerSpec
from verbindt.core.services import school_year_for_date
from verbindt.network.models import Location
from verbindt.planning.services import holidays_ensure_built_in


@pytest.fixture
def collaborations(world):
    """Oost: school A with the institution, school A with the mbo college; Zuid: the outsider."""
    holidays_ensure_built_in()
    year = school_year_for_date()
    Location.objects.create(organisation=world.school_a, place="Deventer", holiday_region="midden")

    def make(title, *partners, form="guest_lesson"):
        return services.collaboration_create(
            title=title,
            forms=[form],
            partners=[PartnerSpec(org, role) for org, role in partners],
            school_years=[year],
        )

    return {
        "linde": make(
            "Lunchhulp De Linde",
            (world.school_a, "initiator"),
            (world.institution, "host"),
            form="weekly_support",
        ),
        "roc": make(
            "Meeloopdagen ROC",
            (world.school_a, "initiator"),
            (world.mbo_college, "host"),
            form="experience_week",
        ),
        "venlo": make(
            "Gastles thuiszorg",
            (world.outsider_school, "initiator"),
            (world.institution_zuid, "participant"),
        ),
    }
