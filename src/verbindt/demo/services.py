"""``seed_demo``: the demo database, the same on every machine and every run."""

import itertools

from django.db import transaction
from django.utils.text import slugify

from verbindt.accounts.models import Membership, User
from verbindt.accounts.services import membership_create, user_create
from verbindt.core.models import Region
from verbindt.core.services import (
    regions_ensure_defaults,
    school_year_for_date,
    school_year_get_or_create,
)
from verbindt.demo import data
from verbindt.demo.collaborations import seed_collaborations
from verbindt.demo.monitor import seed_monitor
from verbindt.demo.placement import seed_placement
from verbindt.maturity.services import levels_recompute
from verbindt.network.models import (
    ContactFunction,
    Organisation,
    OrganisationKind,
    Qualification,
    Track,
    ZwCandidateCount,
)
from verbindt.network.services import (
    contact_save,
    electives_ensure_defaults,
    location_save,
    organisation_create,
)
from verbindt.planning.services import holidays_ensure_built_in
from verbindt.surveys.demo import seed_surveys


def _organisation(
    *, name: str, kind: str, region: Region | None, index: int = 0, **details: object
) -> Organisation:
    """The demo organisation, created with an address and contacts the first time only."""
    existing = Organisation.objects.filter(name=name, kind=kind).first()
    if existing:
        return existing
    organisation = organisation_create(
        data={"name": name, "kind": kind, "region": region, **details}
    )
    place = name.rsplit(" ", 1)[-1]
    if place in data.PLACES:
        postcode, lat, lon, province, holiday_region, municipality = data.PLACES[place]
        location_save(
            organisation=organisation,
            data={
                "street": data.STREETS[index % len(data.STREETS)],
                "house_number": str(3 + 7 * index),
                "postcode": postcode,
                "place": place,
                "municipality_name": place,
                "municipality_code": municipality,
                "province": province,
                "holiday_region": holiday_region,
                # Spread the organisations of one place a little, so their dots do not overlap.
                "latitude": round(lat + 0.012 * (index % 5 - 2), 5),
                "longitude": round(lon + 0.018 * (index // 5 % 3 - 1), 5),
            },
        )
    functions: dict[str, str] = {
        OrganisationKind.VMBO_LOCATION: ContactFunction.INTERNSHIP_COORDINATOR,
        OrganisationKind.MBO_COLLEGE: ContactFunction.MBO_TEACHER,
        OrganisationKind.INSTITUTION: ContactFunction.PRACTICE_SUPERVISOR,
    }
    function = functions.get(kind, ContactFunction.COORDINATOR)
    first = data.FIRST_NAMES[index % len(data.FIRST_NAMES)]
    last = data.LAST_NAMES[index % len(data.LAST_NAMES)]
    contact_save(
        organisation=organisation,
        data={
            "name": f"{first} {last}",
            "function": function,
            "email": f"{first.lower()}@{slugify(name)[:30]}.example.nl",
            "hours_per_week": 2 + index % 4,
        },
    )
    return organisation


def _vmbo_details(index: int) -> dict[str, object]:
    brin = f"9{index:02d}X"
    return {
        "offers_bb": index % 4 != 3,
        "offers_kb": True,
        "offers_gl_tl": index % 2 == 0,
        "teaches_zw": index % 6 != 5,  # a few locations without Z&W, as in the real network
        "brin": brin,
        "duo_code": f"{brin}{index % 3:02d}",
    }


def _institution_names(places: list[str], count: int) -> list[str]:
    # Walk the sector list and the places together, so each region gets a spread of both.
    return [
        f"{data.INSTITUTION_NAMES[i % len(data.INSTITUTION_NAMES)]} {places[i % len(places)]}"
        for i in range(count)
    ]


@transaction.atomic
def seed_demo() -> dict[str, int]:
    """Create what is missing of the demo data; existing rows are left exactly as they are."""
    current = school_year_for_date()
    exam_year = school_year_get_or_create(start_year=current.start_year - 1)
    regions = regions_ensure_defaults()
    electives = electives_ensure_defaults()
    counter = itertools.count()
    _organisation(name=data.PLATFORM, kind=OrganisationKind.OTHER, region=None)
    for (code, (schools, colleges, places)), institutions in zip(
        data.REGIONS.items(), data.INSTITUTIONS_PER_REGION, strict=True
    ):
        region = regions[code]
        for name in schools:
            index = next(counter)
            school = _organisation(
                name=name,
                kind=OrganisationKind.VMBO_LOCATION,
                region=region,
                index=index,
                **_vmbo_details(index),
            )
            if school.teaches_zw and not school.electives.exists():
                school.electives.set(electives[index % 4 :: 3])
                for track, candidates in ((Track.BB, 8 + index), (Track.KB, 14 + 2 * index)):
                    ZwCandidateCount.objects.create(
                        organisation=school,
                        school_year=exam_year,
                        track=track,
                        candidates=candidates,
                    )
        for name in colleges:
            index = next(counter)
            college = _organisation(
                name=name, kind=OrganisationKind.MBO_COLLEGE, region=region, index=index
            )
            if not college.qualifications.exists():
                for q_name, crebo, level in data.QUALIFICATIONS[index % 2 :]:
                    Qualification.objects.create(
                        organisation=college, name=q_name, crebo=crebo, level=level
                    )
        for i, name in enumerate(_institution_names(places, institutions)):
            index = next(counter)
            _organisation(
                name=name,
                kind=OrganisationKind.INSTITUTION,
                region=region,
                index=index,
                sector=data.INSTITUTION_SECTORS[i % len(data.INSTITUTION_SECTORS)],
                sbb_recognised=index % 3 != 0,
            )

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
    holidays_ensure_built_in()
    seed_collaborations(year=current, school_user=User.objects.get(username="school"))
    seed_placement(year=current, school_user=User.objects.get(username="school"))
    seed_monitor(year=current)
    seed_surveys()
    # The demo writes some records directly, so the levels are computed once, here.
    levels_recompute()
    return {
        kind: Organisation.objects.filter(kind=kind).count() for kind in OrganisationKind.values
    }
