"""Allocation engine against its anchors: the `matching` library, a textbook DA loop, OR-Tools.

    .venv/bin/python bench/allocation.py                 # --sizes 1000,5000,25000 --seed 7
    .venv/bin/python bench/allocation.py --rss           # peak RSS, each call in its own process

The instance generator is part of the benchmark (``generate``): a few dozen cluster centres
within the Netherlands' bounds, places and students scattered around them, each student
listing 10 places, nearer ones more likely (distance times log-normal noise), half the
places with a ranking of their applicants (by distance with noise), the other half on the
default priority, a tenth requiring guardian consent, and ``max_km`` 40.

Per size, one process runs side by side:
- ``engine stable``: ``allocate`` in stable mode: validation, solve, blocking pairs, metrics,
  explanations (the JSON document is turned into dataclasses first, timed apart as ``load``,
  which includes the JSON Schema check);
- ``textbook DA``: ``textbook_da.py`` on the same effective preferences and rankings;
- ``matching 1.4.3``: ``HospitalResident.create_from_dictionaries(...).solve("resident")``,
  construction and solve, in a thread with a 512 MiB stack and a raised recursion limit;
- ``engine optimal``: ``allocate`` in optimal mode;
- ``OR-Tools flow alone``: the same network (a node per student in input order, an arc per
  acceptable pair in the student's order, the unassigned arcs, the places), its arrays and
  costs built beforehand (untimed), added in one call, solved, the cost read: nothing else.
The stable matchings must be identical and the objectives equal. Time is the best of
``--repeat`` runs, the four fast calls taking turns (matching: one run); peak memory is
tracemalloc's peak above the baseline during a separate run of the same call (input data
built beforehand, not counted).
"""

import argparse
import gc
import math
import random
import subprocess
import sys
import threading
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from ortools.graph.python import min_cost_flow

sys.path.insert(0, str(Path(__file__).parent))
from textbook_da import textbook_da

from verbindt.engines.allocation import (
    Options,
    Problem,
    allocate,
    place_priorities,
)
from verbindt.engines.allocation.geo import km_between
from verbindt.engines.allocation.io import load
from verbindt.engines.allocation.optimal import PER_KM, RANK_STEP, UNASSIGNED

NL_LAT, NL_LON = (50.75, 53.55), (3.36, 7.23)
PREFERENCES = 10
MAX_KM = 40


def generate(students: int, places: int, seed: int) -> dict[str, Any]:
    """A seeded instance in the JSON input format."""
    rng = random.Random(seed)
    centres = [(rng.uniform(*NL_LAT), rng.uniform(*NL_LON)) for _ in range(36)]
    weights = [rng.uniform(0.3, 3.0) for _ in centres]

    def around(c: int, spread: float) -> dict[str, float]:
        lat, lon = centres[c]
        return {
            "lat": round(min(max(rng.gauss(lat, spread), NL_LAT[0]), NL_LAT[1]), 5),
            "lon": round(min(max(rng.gauss(lon, spread * 1.6), NL_LON[0]), NL_LON[1]), 5),
        }

    place_cluster = rng.choices(range(len(centres)), weights, k=places)
    place_docs = [
        {
            "id": f"p{j}",
            "capacity": rng.choice((1, 1, 2, 2, 3, 4, 5)),
            "location": around(place_cluster[j], 0.08),
        }
        for j in range(places)
    ]
    for doc in place_docs:
        if rng.random() < 0.1:
            doc["requires"] = {"guardian_consent": True}
    by_cluster: list[list[int]] = [[] for _ in centres]
    for j, c in enumerate(place_cluster):
        by_cluster[c].append(j)
    nearest = [
        sorted(range(len(centres)), key=lambda o, c=c: math.dist(centres[c], centres[o]))[:3]
        for c in range(len(centres))
    ]
    student_docs = []
    for i in range(students):
        c = rng.choices(range(len(centres)), weights)[0]
        here = around(c, 0.1)
        pool = [j for o in nearest[c] for j in by_cluster[o]]
        candidates = rng.sample(pool, min(len(pool), 4 * PREFERENCES))
        noisy = sorted(
            candidates,
            key=lambda j: _km(here, place_docs[j]["location"]) * rng.lognormvariate(0, 0.5),
        )
        student_docs.append(
            {
                "id": f"s{i}",
                "preferences": [f"p{j}" for j in noisy[:PREFERENCES]],
                "location": here,
                "attributes": {"guardian_consent": rng.random() < 0.9},
            }
        )
    applicants: list[list[tuple[float, str]]] = [[] for _ in range(places)]
    for doc in student_docs:
        for place_id in doc["preferences"]:
            j = int(place_id[1:])
            km = _km(doc["location"], place_docs[j]["location"]) * rng.uniform(0.8, 1.25)
            applicants[j].append((km, doc["id"]))
    for j, doc in enumerate(place_docs):
        if j % 2 == 0:
            doc["ranking"] = [s for _, s in sorted(applicants[j])]
    return {
        "students": student_docs,
        "places": place_docs,
        "options": {"mode": "stable", "max_km": MAX_KM, "seed": seed},
    }


def _km(a: dict[str, float], b: dict[str, float]) -> float:
    """Good enough to shape the generated geography (the engine measures its own)."""
    lat = math.radians((a["lat"] + b["lat"]) / 2)
    return 111.2 * math.hypot(a["lat"] - b["lat"], (a["lon"] - b["lon"]) * math.cos(lat))


def anchor_inputs(
    problem: Problem,
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, int]]:
    """The effective instance every anchor gets: each student's mutually acceptable places in
    order, each place's ranking of exactly those applicants, capacities (places with seats)."""
    rankings = {p: r for p, r in place_priorities(problem).items() if r}
    accepted = {p: set(r) for p, r in rankings.items()}
    preferences = {
        s.id: [p for p in s.preferences if s.id in accepted.get(p, ())] for s in problem.students
    }
    capacity = {p.id: p.capacity for p in problem.places if p.id in rankings}
    return preferences, rankings, capacity


def run_matching(
    preferences: dict[str, list[str]], rankings: dict[str, list[str]], capacity: dict[str, int]
) -> dict[str, str | None]:
    from matching.games import HospitalResident

    residents = {s: listed for s, listed in preferences.items() if listed}
    outcome: dict[str, Any] = {}

    def solve() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            game = HospitalResident.create_from_dictionaries(residents, rankings, capacity)
            outcome["matching"] = game.solve(optimal="resident")

    sys.setrecursionlimit(1_000_000)
    threading.stack_size(512 * 1024 * 1024)
    thread = threading.Thread(target=solve)
    thread.start()
    thread.join()
    assignment: dict[str, str | None] = dict.fromkeys(preferences)
    for hospital, matched in outcome["matching"].items():
        for resident in matched:
            assignment[resident.name] = hospital.name
    return assignment


def flow_arcs(
    problem: Problem, preferences: dict[str, list[str]]
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The optimal-mode network as arrays, computed outside the timing: the number of
    students, per arc (a student and a place acceptable to both) its tail, head and cost,
    and the places' capacities."""
    place_index = {p.id: j for j, p in enumerate(problem.places)}
    tails, heads, ranks = [], [], []
    for i, student in enumerate(problem.students):
        rank = {p: r for r, p in enumerate(student.preferences)}
        for p in preferences[student.id]:
            tails.append(i)
            heads.append(place_index[p])
            ranks.append(rank[p])
    at = [s.location for s in problem.students]
    to = [p.location for p in problem.places]
    km = km_between(
        [at[i].lat for i in tails],  # type: ignore[union-attr]
        [at[i].lon for i in tails],  # type: ignore[union-attr]
        [to[j].lat for j in heads],  # type: ignore[union-attr]
        [to[j].lon for j in heads],  # type: ignore[union-attr]
    )
    costs = RANK_STEP * np.array(ranks) + np.round(PER_KM * km)
    capacities = np.array([p.capacity for p in problem.places])
    return len(at), np.array(tails), np.array(heads), costs.astype(np.int64), capacities


def flow_alone(
    n: int, tails: np.ndarray, heads: np.ndarray, costs: np.ndarray, capacities: np.ndarray
) -> int:
    """OR-Tools alone: the same network as optimal mode (one node per student, then the
    places, then the sink), built from ready arrays in one call, solved, its cost read."""
    m = len(capacities)
    sink = n + m
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([tails, np.arange(n), np.arange(n, sink)]).astype(np.int32),
        np.concatenate([heads + n, np.full(n + m, sink)]).astype(np.int32),
        np.concatenate([np.ones(len(tails) + n, dtype=np.int64), capacities]),
        np.concatenate([costs, np.full(n, UNASSIGNED), np.zeros(m, dtype=np.int64)]),
    )
    flow.set_nodes_supplies(
        np.append(np.arange(n), sink).astype(np.int32),
        np.append(np.ones(n, dtype=np.int64), -n),
    )
    assert flow.solve() == flow.OPTIMAL
    return int(flow.optimal_cost())


def measure(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, value = math.inf, None
    for _ in range(repeat):
        started = time.perf_counter()
        value = call()
        best = min(best, time.perf_counter() - started)
    return best, value


def interleaved(calls: dict[str, Callable[[], Any]], repeat: int) -> dict[str, tuple[float, Any]]:
    """The best time and the result of each call, the calls taking turns, so that other work
    on the machine slows each of them alike."""
    best = {name: (math.inf, None) for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            seconds, value = measure(call, 1)
            best[name] = (min(best[name][0], seconds), value)
    return best


def peak_mib(call: Callable[[], Any]) -> float:
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - baseline) / 2**20


def bench(students: int, places: int, seed: int, repeat: int, with_matching: bool) -> None:
    started = time.perf_counter()
    document = generate(students, places, seed)
    print(
        f"\n== {students:,} students, {places:,} places (generated in "
        f"{time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    load_s, problem = measure(lambda: load(document), 1)
    optimal_problem = Problem(problem.students, problem.places, Options("optimal", MAX_KM, seed))
    preferences, rankings, capacity = anchor_inputs(problem)
    network = flow_arcs(problem, preferences)
    timed = interleaved(
        {
            "engine stable": lambda: allocate(problem),
            "textbook DA": lambda: textbook_da(preferences, rankings, capacity),
            "engine optimal": lambda: allocate(optimal_problem),
            "OR-Tools flow alone": lambda: flow_alone(*network),
        },
        repeat,
    )
    (stable_s, stable), (textbook_s, textbook) = timed["engine stable"], timed["textbook DA"]
    (optimal_s, optimal), (alone_s, alone_cost) = (
        timed["engine optimal"],
        timed["OR-Tools flow alone"],
    )
    rows = [
        ("engine stable", stable_s, peak_mib(lambda: allocate(problem))),
        ("textbook DA", textbook_s, peak_mib(lambda: textbook_da(preferences, rankings, capacity))),
    ]
    print(f"stable = textbook DA: {dict(stable.assignment) == textbook}", flush=True)
    if with_matching:
        matching_s, matched = measure(lambda: run_matching(preferences, rankings, capacity), 1)
        matching_mib = peak_mib(lambda: run_matching(preferences, rankings, capacity))
        rows.append(("matching 1.4.3", matching_s, matching_mib))
        print(f"stable = matching: {dict(stable.assignment) == matched}", flush=True)
    rows.append(("engine optimal", optimal_s, peak_mib(lambda: allocate(optimal_problem))))
    rows.append(("OR-Tools flow alone", alone_s, peak_mib(lambda: flow_alone(*network))))
    print(
        f"optimal cost = flow alone: {optimal.metrics.cost == alone_cost} "
        f"({optimal.metrics.cost} vs {alone_cost})"
    )

    print(f"load (JSON Schema + dataclasses): {load_s:.3f} s")
    print("| solver | time s | peak MiB |\n|---|---:|---:|")
    for name, seconds, mib in rows:
        print(f"| {name} | {seconds:.3f} | {mib:.1f} |")
    ratios = [f"stable / textbook {stable_s / textbook_s:.2f}x"]
    if with_matching:
        ratios.append(f"matching / stable {matching_s / stable_s:.0f}x")
    ratios.append(f"optimal / flow alone {optimal_s / alone_s:.2f}x")
    print("; ".join(ratios))
    for name, metrics in (("stable", stable.metrics), ("optimal", optimal.metrics)):
        print(
            f"{name}: first choice {metrics.share_first_choice:.1%}, top 3 "
            f"{metrics.share_top3:.1%}, unassigned {metrics.unassigned}, blocking pairs "
            f"{metrics.blocking_pairs}, mean km {metrics.km_mean}, cost {metrics.cost}"
        )


def rss_growth_mib(call: Callable[[], Any]) -> float:
    """Peak resident memory of the whole process during ``call`` above what it held just
    before (Linux): C extensions and thread stacks included, which tracemalloc does not see.
    Writing 5 to clear_refs resets the kernel's high-water mark (VmHWM) to the current RSS."""

    def status(field: str) -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])  # kB
        raise RuntimeError(field)

    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")
    before = status("VmRSS")
    call()
    return (status("VmHWM") - before) / 1024


def rss_child(name: str, students: int, places: int, seed: int) -> None:
    """One call in a process of its own, its input built first: ``--rss``'s worker."""
    problem = load(generate(students, places, seed))
    preferences, rankings, capacity = anchor_inputs(problem)
    calls = {
        "engine stable": lambda: allocate(problem),
        "matching 1.4.3": lambda: run_matching(preferences, rankings, capacity),
    }
    started = time.perf_counter()
    grown = rss_growth_mib(calls[name])
    print(f"| {name} | {students:,} | {grown:.1f} | {time.perf_counter() - started:.1f} |")


def rss(students: int, places: int, seed: int) -> None:
    print("| call | students | peak RSS growth MiB | time s |\n|---|---:|---:|---:|", flush=True)
    for name in ("engine stable", "matching 1.4.3"):
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--rss-child",
                name,
                "--sizes",
                str(students),
                "--places",
                str(places),
                "--seed",
                str(seed),
            ],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000,25000", help="numbers of students")
    parser.add_argument(
        "--places", type=int, default=0, help="default: 5,000, or 10,000 from 25,000 students on"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-matching", action="store_true", help="skip the slow anchor")
    parser.add_argument(
        "--rss", action="store_true", help="peak RSS of stable mode and matching, each alone"
    )
    parser.add_argument("--rss-child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        places = args.places or (10_000 if size >= 25_000 else 5_000)
        if args.rss_child:
            rss_child(args.rss_child, size, places, args.seed)
        elif args.rss:
            rss(size, places, args.seed)
        else:
            bench(size, places, args.seed, args.repeat, not args.no_matching)


if __name__ == "__main__":
    main()
