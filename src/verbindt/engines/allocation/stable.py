"""Student-proposing deferred acceptance with capacities (Gale and Shapley; Roth 1984).

Without duos the result is the student-optimal stable matching, which is unique, so it is
the same whatever order students propose in. Each place holds its tentative students in a
heap keyed by priority, so rejecting the lowest-ranked one costs O(log capacity).

With duos a stable matching need not exist (Roth 1984, couples). A duo proposes down its
joint list as one unit; a place makes room for it by rejecting its lowest-ranked units, and
only if those are all ranked below the duo. A duo that exhausts its joint list is split and
its members go on proposing on their own lists from the top. Whatever instability this
leaves is not hidden: ``blocking.py`` reports every blocking pair of the result.
"""

from heapq import heappop, heappush, heapreplace

from .instance import Instance
from .units import Units


def deferred_acceptance(instance: Instance, units: Units) -> tuple[list[int], list[int]]:
    """Place each unit; returns per unit the place index and the entry of ``units`` it was
    placed by (-1 and -1 when unassigned)."""
    capacity = instance.capacity
    members, ends = units.members, units.end
    places, keys = units.place.tolist(), units.key.tolist()  # walked one by one: plain ints
    count = len(members)
    place_of = [-1] * count
    slot_of = [-1] * count
    next_slot = units.start.copy()
    held: list[list[tuple[int, int]]] = [[] for _ in capacity]  # (-key, unit): worst on top
    used = [0] * len(capacity)
    pending = [u for u in range(count - 1, -1, -1) if units.alive[u]]
    while pending:
        u = pending.pop()
        size, end = len(members[u]), ends[u]
        k = next_slot[u]
        while k < end:
            p, key = places[k], keys[k]
            k += 1
            heap = held[p]
            if used[p] + size <= capacity[p]:
                heappush(heap, (-key, u))
                used[p] += size
            elif -heap[0][0] < key:
                continue  # full with units it ranks higher
            elif size == 1 and len(members[heap[0][1]]) == 1:
                rejected = heapreplace(heap, (-key, u))[1]
                place_of[rejected] = slot_of[rejected] = -1
                pending.append(rejected)
            else:
                rejected_units = _make_room(heap, members, key, size + used[p] - capacity[p])
                if rejected_units is None:
                    continue
                for rejected in rejected_units:
                    used[p] -= len(members[rejected])
                    place_of[rejected] = slot_of[rejected] = -1
                    pending.append(rejected)
                heappush(heap, (-key, u))
                used[p] += size
            place_of[u], slot_of[u] = p, k - 1
            break
        next_slot[u] = k
        if place_of[u] == -1 and size == 2:
            first, second = units.split(instance, u)
            place_of += [-1, -1]
            slot_of += [-1, -1]
            next_slot += [units.start[first], units.start[second]]
            pending += [second, first]
    return place_of, slot_of


def _make_room(
    heap: list[tuple[int, int]], members: list[tuple[int, ...]], key: int, needed: int
) -> list[int] | None:
    """Take the lowest-ranked units, all ranked below ``key``, off ``heap`` until ``needed``
    seats are freed; when that is not possible, leave the heap as it was."""
    taken: list[tuple[int, int]] = []
    freed = 0
    while freed < needed and heap and -heap[0][0] > key:
        taken.append(heappop(heap))
        freed += len(members[taken[-1][1]])
    if freed < needed:
        for item in taken:
            heappush(heap, item)
        return None
    return [unit for _, unit in taken]
