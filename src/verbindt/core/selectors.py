from typing import Any

from django.db.models import Count, Q

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.core.models import Region
from verbindt.network.models import OrganisationKind
from verbindt.network.selectors import organisation_counts_by_kind, organisations_in_scope


def home_overview(user: Any) -> dict[str, Any]:
    """What the home page of the user's active role shows."""
    membership = active_membership(user)
    overview: dict[str, Any] = {"membership": membership}
    if membership is None:
        return overview
    if membership.role == Role.PLATFORM_COORDINATOR:

        def count(kind: str) -> Count:
            return Count("organisations", filter=Q(organisations__kind=kind))

        overview["regions"] = Region.objects.annotate(
            schools=count(OrganisationKind.VMBO_LOCATION),
            mbo_colleges=count(OrganisationKind.MBO_COLLEGE),
            institutions=count(OrganisationKind.INSTITUTION),
        )
    overview["counts"] = organisation_counts_by_kind(organisations_in_scope(user))
    return overview
