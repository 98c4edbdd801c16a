"""A minimal textbook student-proposing deferred acceptance with capacities, in pure Python.

The anchor the engine's stable mode is timed against: ids in, dicts in, a dict out, no
checks, no explanations. Each place keeps its tentative students in a heap, worst on top.
"""

from heapq import heappush, heapreplace


def textbook_da(
    preferences: dict[str, list[str]], rankings: dict[str, list[str]], capacity: dict[str, int]
) -> dict[str, str | None]:
    """``preferences``: acceptable places per student; ``rankings``: every student a place
    accepts, best first (it must rank everyone who lists it)."""
    rank = {p: {s: i for i, s in enumerate(ranking)} for p, ranking in rankings.items()}
    held: dict[str, list[tuple[int, str]]] = {p: [] for p in rankings}
    next_choice = dict.fromkeys(preferences, 0)
    free = list(preferences)
    while free:
        s = free.pop()
        listed = preferences[s]
        while next_choice[s] < len(listed):
            p = listed[next_choice[s]]
            next_choice[s] += 1
            r, heap = rank[p][s], held[p]
            if len(heap) < capacity[p]:
                heappush(heap, (-r, s))
                break
            if -heap[0][0] > r:
                free.append(heapreplace(heap, (-r, s))[1])
                break
    assignment: dict[str, str | None] = dict.fromkeys(preferences)
    for p, heap in held.items():
        for _, s in heap:
            assignment[s] = p
    return assignment
