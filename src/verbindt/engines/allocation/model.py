"""The engine's plain data: what goes in (a ``Problem``) and what comes out (a ``Result``).

Ids are the caller's strings; inside the engine everything is an integer index (see
``instance.py``). Mappings in results keep the order of the input's students.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .wording import sentence

Mode = Literal["stable", "optimal"]
MODES: tuple[Mode, ...] = ("stable", "optimal")


@dataclass(frozen=True, slots=True)
class Location:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Student:
    """``preferences``: acceptable place ids, best first."""

    id: str
    preferences: tuple[str, ...]
    duo_with: str | None = None
    location: Location | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Place:
    """``ranking``: the students the place accepts, best first; ``None`` means the default
    priority (distance, then a seeded lottery) over every student who applies."""

    id: str
    capacity: int
    ranking: tuple[str, ...] | None = None
    location: Location | None = None
    requires: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Options:
    mode: Mode = "stable"
    max_km: float | None = None
    seed: int = 0


@dataclass(frozen=True, slots=True)
class BuddyStudent:
    """A student (by id from ``students``) taking part in a buddy project."""

    id: str
    availability: frozenset[str]
    consent: bool
    preferences: tuple[str, ...] = ()  # elderly or mbo-student ids, best first


@dataclass(frozen=True, slots=True)
class Elderly:
    id: str
    availability: frozenset[str]
    consent: bool
    institution: str | None = None
    location: Location | None = None
    preferences: tuple[str, ...] = ()  # student or mbo-student ids, best first


@dataclass(frozen=True, slots=True)
class MboStudent:
    id: str
    availability: frozenset[str]
    consent: bool
    location: Location | None = None
    preferences: tuple[str, ...] = ()  # student or elderly ids, best first


@dataclass(frozen=True, slots=True)
class Buddies:
    students: tuple[BuddyStudent, ...]
    elderly: tuple[Elderly, ...]
    mbo_students: tuple[MboStudent, ...] = ()
    max_km: float | None = None
    time_limit_s: float = 10.0


@dataclass(frozen=True, slots=True)
class Problem:
    students: tuple[Student, ...]
    places: tuple[Place, ...]
    options: Options = Options()
    buddies: Buddies | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """A code the app translates, its parameters, and an English sentence for files."""

    code: str
    params: Mapping[str, Any]
    text: str


# Not frozen: a run makes one per student, and a frozen dataclass costs three times as much
# to create. Treat them as read-only all the same.
@dataclass(slots=True)
class Explanation:
    """Why a student got what they got: a code the app translates and its parameters. The
    English sentence for files (``text``) is worded from them when it is read."""

    code: str
    params: Mapping[str, Any]

    @property
    def text(self) -> str:
        return sentence(self.code, self.params)


@dataclass(slots=True)  # not frozen, as ``Explanation``
class BlockingPair:
    """``students`` (one, or a duo placed together) and ``place`` would both rather be
    matched to each other than keep what they have."""

    students: tuple[str, ...]
    place: str


@dataclass(frozen=True, slots=True)
class Metrics:
    students: int
    assigned: int
    unassigned: int
    share_first_choice: float  # of all students
    share_top3: float
    mean_rank: float | None  # 1 is a first choice; over assigned students
    blocking_pairs: int
    duos: int
    duos_kept: int
    duos_split: int  # placed apart, or only one of the two placed
    duos_unassigned: int
    km_total: float  # over assigned students where both locations are known
    km_mean: float | None
    km_max: float | None
    seats: int
    seats_used: int
    capacity_use: float | None
    cost: int  # the objective optimal mode minimises, of this result (either mode)


@dataclass(frozen=True, slots=True)
class Triad:
    students: tuple[str, ...]  # one student, or a duo
    elderly: str
    mbo_student: str | None
    slots: tuple[str, ...]  # availability all members share
    km: float | None  # the longest distance to the elderly participant, when known


@dataclass(frozen=True, slots=True)
class Unpaired:
    id: str
    kind: Literal["student", "elderly", "mbo_student"]
    reason: Reason


@dataclass(frozen=True, slots=True)
class BuddyResult:
    triads: tuple[Triad, ...]
    unpaired: tuple[Unpaired, ...]
    points: int  # stated preferences honoured (see docs)
    optimal: bool  # CP-SAT proved the pairing optimal within the time limit


@dataclass(frozen=True, slots=True)
class Result:
    mode: Mode
    assignment: Mapping[str, str | None]
    unassigned: Mapping[str, Explanation]
    explanation: Mapping[str, Explanation]
    blocking_pairs: tuple[BlockingPair, ...]
    metrics: Metrics
    buddies: BuddyResult | None = None
