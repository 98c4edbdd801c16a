"""The JSON format (``docs/allocation-format.md``): ``load`` checks a document against the
shipped JSON Schema and builds a ``Problem``; ``dump`` turns a ``Result`` into plain JSON data.

Semantic checks (unknown ids, duos that do not name each other back) are ``validate.py``'s,
run by ``allocate``.
"""

import json
from collections.abc import Sequence
from dataclasses import asdict
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema_rs

from .model import (
    BlockingPair,
    Buddies,
    BuddyResult,
    BuddyStudent,
    Elderly,
    Explanation,
    Location,
    MboStudent,
    Metrics,
    Options,
    Place,
    Problem,
    Reason,
    Result,
    Student,
)
from .validate import MAX_PROBLEMS, AllocationInputError


def schema() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    )
    return document


@cache
def _validator() -> Any:
    # jsonschema-rs: the pure-Python jsonschema takes about 15 s on 25,000 students.
    return jsonschema_rs.validator_for(schema())


def _where(document: Any, path: Sequence[str | int]) -> str:
    """``students[3] (id "s4").preferences[1]``: the path, with the id of each item on it."""
    text, node = "", document
    for key in path:
        node = node[key]
        if isinstance(key, int):
            text += f"[{key}]"
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                text += f' (id "{node["id"]}")'
        else:
            text += f".{key}" if text else key
    return text or "the document"


def parse(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise AllocationInputError(
            [f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})"]
        ) from None
    except UnicodeDecodeError as error:
        raise AllocationInputError([f"invalid JSON: not UTF-8 ({error.reason})"]) from None


def load(document: Any) -> Problem:
    """A ``Problem`` from parsed JSON data; raises ``AllocationInputError`` naming each item
    that does not fit the schema."""
    errors = []
    for error in _validator().iter_errors(document):
        errors.append(f"{_where(document, error.instance_path)}: {error.message}")
        if len(errors) == MAX_PROBLEMS:
            break
    if errors:
        raise AllocationInputError(errors)
    options = document.get("options", {})
    buddies = document.get("buddies")
    return Problem(
        students=tuple(_student(s) for s in document["students"]),
        places=tuple(_place(p) for p in document["places"]),
        options=Options(
            mode=options.get("mode", "stable"),
            max_km=options.get("max_km"),
            seed=options.get("seed", 0),
        ),
        buddies=None if buddies is None else _buddies(buddies),
    )


def _location(data: dict[str, float] | None) -> Location | None:
    return None if data is None else Location(lat=data["lat"], lon=data["lon"])


def _student(data: dict[str, Any]) -> Student:
    return Student(
        id=data["id"],
        preferences=tuple(data["preferences"]),
        duo_with=data.get("duo_with"),
        location=_location(data.get("location")),
        attributes=data.get("attributes", {}),
    )


def _place(data: dict[str, Any]) -> Place:
    ranking = data.get("ranking")
    return Place(
        id=data["id"],
        capacity=data["capacity"],
        ranking=None if ranking is None else tuple(ranking),
        location=_location(data.get("location")),
        requires=data.get("requires", {}),
    )


def _buddies(data: dict[str, Any]) -> Buddies:
    return Buddies(
        students=tuple(
            BuddyStudent(
                id=b["id"],
                availability=frozenset(b["availability"]),
                consent=b["consent"],
                preferences=tuple(b.get("preferences", ())),
            )
            for b in data["students"]
        ),
        elderly=tuple(
            Elderly(
                id=e["id"],
                availability=frozenset(e["availability"]),
                consent=e["consent"],
                institution=e.get("institution"),
                location=_location(e.get("location")),
                preferences=tuple(e.get("preferences", ())),
            )
            for e in data["elderly"]
        ),
        mbo_students=tuple(
            MboStudent(
                id=m["id"],
                availability=frozenset(m["availability"]),
                consent=m["consent"],
                location=_location(m.get("location")),
                preferences=tuple(m.get("preferences", ())),
            )
            for m in data.get("mbo_students", ())
        ),
        max_km=data.get("max_km"),
        time_limit_s=data.get("time_limit_s", 10.0),
    )


def _reason(reason: Reason | Explanation) -> dict[str, Any]:
    return {"code": reason.code, "params": dict(reason.params), "text": reason.text}


def _pair(pair: BlockingPair) -> dict[str, Any]:
    return {"students": list(pair.students), "place": pair.place}


def _metrics(metrics: Metrics) -> dict[str, Any]:
    return asdict(metrics)


def _buddy_result(result: BuddyResult) -> dict[str, Any]:
    return {
        "triads": [
            {
                "students": list(t.students),
                "elderly": t.elderly,
                "mbo_student": t.mbo_student,
                "slots": list(t.slots),
                "km": t.km,
            }
            for t in result.triads
        ],
        "unpaired": [{"id": u.id, "kind": u.kind, **_reason(u.reason)} for u in result.unpaired],
        "points": result.points,
        "optimal": result.optimal,
    }


def dump(result: Result) -> dict[str, Any]:
    output: dict[str, Any] = {
        "mode": result.mode,
        "assignment": dict(result.assignment),
        "unassigned": [
            {"student": student, **_reason(reason)} for student, reason in result.unassigned.items()
        ],
        "metrics": _metrics(result.metrics),
        "blocking_pairs": [_pair(pair) for pair in result.blocking_pairs],
        "explanation": {student: _reason(r) for student, r in result.explanation.items()},
    }
    if result.buddies is not None:
        output["buddies"] = _buddy_result(result.buddies)
    return output
