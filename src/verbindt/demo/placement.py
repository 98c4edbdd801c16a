"""One allocation round for the demo: IJsselborg's weekly support, run once, in review."""

from verbindt.accounts.models import User
from verbindt.core.models import SchoolYear
from verbindt.network.models import Organisation
from verbindt.placement import services
from verbindt.placement.models import AllocationRound

TITLE = "Wekelijkse ondersteuning 3e klassen"
PLACES = [  # organisation, label, seats
    ("Woonzorgcentrum De Linde Deventer", "Lunchhulp dinsdag", 4),
    ("Woonzorgcentrum De Linde Deventer", "Activiteiten woensdag", 3),
    ("ROC IJsselvallei Deventer", "Meeloopmiddag zorg", 3),
]
# Twelve students by code, each with their choices as indexes into PLACES, best first; the
# Tuesday lunch is the favourite, so not everyone gets a first choice.
CHOICES = [
    [0, 1],
    [0, 2, 1],
    [1, 0],
    [0, 1, 2],
    [2, 0],
    [0, 2],
    [0, 1],
    [1, 2, 0],
    [0],
    [2, 1],
    [0, 1, 2],
    [1, 0, 2],
]


def seed_placement(*, year: SchoolYear, school_user: User | None) -> None:
    school = Organisation.objects.get(name="IJsselborg vmbo Deventer")
    if AllocationRound.objects.filter(title=TITLE, schools=school).exists():
        return
    allocation_round = services.round_create(
        title=TITLE,
        school_year=year,
        form="weekly_support",
        schools=[school],
        by=school_user,
    )
    places = [
        services.place_add(
            allocation_round=allocation_round,
            organisation=Organisation.objects.get(name=name, kind__in=services.HOSTS),
            label=label,
            capacity=seats,
        )
        for name, label, seats in PLACES
    ]
    students = services.students_import(
        allocation_round=allocation_round,
        text="\n".join(f"L{n:02d};3{'AB'[n % 2]};3" for n in range(1, len(CHOICES) + 1)),
    )
    for student, choices in zip(students, CHOICES, strict=True):
        services.preferences_save(student=student, place_ids=[places[i].pk for i in choices])
    # Run in-process, as a worker would: the demo starts in review with a result to show.
    services.round_run_start(allocation_round=allocation_round)
    services.round_run(round_id=allocation_round.pk)
