from typing import Any

from django.db.models import Count, Q, QuerySet

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.network.models import Organisation, OrganisationKind


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    """What the user's active membership may see: the nation, their region, or their own."""
    membership = active_membership(user)
    organisations = Organisation.objects.select_related("region")
    if membership is None:
        return organisations.none()
    if membership.role == Role.PLATFORM_COORDINATOR:
        return organisations.all()
    if membership.role == Role.REGIONAL_COORDINATOR:
        return organisations.filter(region_id=membership.region_id)
    return organisations.filter(pk=membership.organisation_id)


def organisation_list(*, user: Any, kind: str = "", query: str = "") -> QuerySet[Organisation]:
    organisations = organisations_visible_to(user)
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    if query.strip():
        organisations = organisations.filter(name__icontains=query.strip())
    return organisations


def organisation_counts_by_kind(organisations: QuerySet[Organisation]) -> dict[str, int]:
    """Counts per kind in one query, every kind present (zero when none)."""
    counts = organisations.aggregate(
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in OrganisationKind.values}
    )
    return {kind: counts[kind] or 0 for kind in OrganisationKind.values}
