"""``seed_demo``: the demo database, the same on every machine and every run."""

from django.db import transaction

from verbindt.accounts.models import Membership, User
from verbindt.accounts.services import membership_create, user_create
from verbindt.core.models import Region
from verbindt.core.services import regions_ensure_defaults, school_year_for_date
from verbindt.demo import data
from verbindt.network.models import Organisation, OrganisationKind


def _organisation(*, name: str, kind: str, region: Region | None) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        name=name, kind=kind, defaults={"region": region}
    )
    return organisation


def _institution_names(places: list[str], count: int) -> list[str]:
    # Walk the sector list and the places together, so each region gets a spread of both.
    return [
        f"{data.INSTITUTION_NAMES[i % len(data.INSTITUTION_NAMES)]} {places[i % len(places)]}"
        for i in range(count)
    ]


@transaction.atomic
def seed_demo() -> dict[str, int]:
    """Create what is missing of the demo data; existing rows are left exactly as they are."""
    school_year_for_date()
    regions = regions_ensure_defaults()
    _organisation(name=data.PLATFORM, kind=OrganisationKind.OTHER, region=None)
    for (code, (schools, colleges, places)), institutions in zip(
        data.REGIONS.items(), data.INSTITUTIONS_PER_REGION, strict=True
    ):
        region = regions[code]
        for name in schools:
            _organisation(name=name, kind=OrganisationKind.VMBO_LOCATION, region=region)
        for name in colleges:
            _organisation(name=name, kind=OrganisationKind.MBO_COLLEGE, region=region)
        for name in _institution_names(places, institutions):
            _organisation(name=name, kind=OrganisationKind.INSTITUTION, region=region)

    for username, first, last, role, organisation_name, region_code in data.USERS:
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.verbindt.localhost",
            password=data.DEMO_PASSWORD,
        )
        organisation = Organisation.objects.get(name=organisation_name)
        if not Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
            membership_create(
                user=user,
                organisation=organisation,
                role=role,
                region=regions[region_code] if region_code else None,
            )
    return {
        kind: Organisation.objects.filter(kind=kind).count() for kind in OrganisationKind.values
    }
