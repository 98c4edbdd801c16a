"""The figures a coordinator compares runs by."""

import math

from .instance import Instance
from .model import Metrics
from .optimal import UNASSIGNED, placement_costs
from .seating import Seating
from .units import Units


def measure(instance: Instance, units: Units, seating: Seating, blocking_pairs: int) -> Metrics:
    n = len(seating.rank)
    placed = seating.rank > 0
    ranks = seating.rank[placed]
    assigned = len(ranks)
    km = seating.km[placed]
    known_km = km[km >= 0].tolist()
    km_total = math.fsum(known_km)  # exact, so the figure does not depend on the input order
    duos = [units.members[u] for u in units.duos]
    kept = sum(1 for u in units.duos if units.alive[u] and placed[units.members[u][0]])
    both_out = sum(1 for a, b in duos if not placed[a] and not placed[b])
    seats = sum(instance.capacity)
    return Metrics(
        students=n,
        assigned=assigned,
        unassigned=n - assigned,
        share_first_choice=_share(int((ranks == 1).sum()), n),
        share_top3=_share(int((ranks <= 3).sum()), n),
        mean_rank=round(int(ranks.sum()) / assigned, 4) if assigned else None,
        blocking_pairs=blocking_pairs,
        duos=len(duos),
        duos_kept=kept,
        duos_split=len(duos) - kept - both_out,
        duos_unassigned=both_out,
        km_total=round(km_total, 3),
        km_mean=round(km_total / len(known_km), 3) if known_km else None,
        km_max=round(max(known_km), 3) if known_km else None,
        seats=seats,
        seats_used=assigned,
        capacity_use=_share(assigned, seats) if seats else None,
        cost=int(placement_costs(ranks, km).sum()) + UNASSIGNED * (n - assigned),
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
