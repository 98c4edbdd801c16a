import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.collaborations.models import Status
from verbindt.collaborations.selectors import collaborations_visible_to, upcoming_sessions
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
    collaborations = collaborations_visible_to(user)
    by_status = dict(
        collaborations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    overview["collaboration_statuses"] = [
        (status, label, by_status[status])
        for status, label in Status.choices
        if status in by_status
    ]
    today = timezone.localdate()
    overview["upcoming"] = upcoming_sessions(
        user=user, start=today, end=today + dt.timedelta(days=14)
    )[:5]
    return overview
