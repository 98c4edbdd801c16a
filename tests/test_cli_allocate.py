"""`verbindt allocate`: a file in, a file out, no database, and nothing written on bad input."""

import json
import os
import subprocess
import sys

import pytest

GOOD = {
    "students": [
        {"id": "s1", "preferences": ["p1", "p2"], "duo_with": "s2"},
        {"id": "s2", "preferences": ["p1"], "duo_with": "s1"},
        {"id": "s3", "preferences": ["p2", "p1"], "location": {"lat": 52.09, "lon": 5.12}},
    ],
    "places": [
        {"id": "p1", "capacity": 2, "location": {"lat": 52.1, "lon": 5.1}},
        {"id": "p2", "capacity": 1, "ranking": ["s3", "s1"]},
    ],
    "options": {"mode": "stable", "max_km": 25, "seed": 1},
}


def allocate(*args):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-m", "verbindt", "allocate", *map(str, args)],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def write(tmp_path, document, name="input.json"):
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def test_it_writes_the_result_to_a_file_without_a_database(tmp_path):
    output = tmp_path / "out.json"
    result = allocate(write(tmp_path, GOOD), "-o", output)
    assert result.returncode == 0, result.stderr
    data = json.loads(output.read_text())
    assert data["assignment"] == {"s1": "p1", "s2": "p1", "s3": "p2"}
    assert data["metrics"]["duos_kept"] == 1
    assert data["explanation"]["s3"] == {
        "code": "placed",
        "params": {"place": "p2", "rank": 1},
        "text": "Placed at p2, your 1st choice.",
    }
    assert data["explanation"]["s1"]["text"] == (
        "Placed at p1, your 1st choice. Together with your duo partner s2."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.json", "out.json"]


def test_without_an_output_file_it_prints_json_and_the_mode_flag_wins(tmp_path):
    result = allocate(write(tmp_path, GOOD), "--mode", "optimal")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["mode"] == "optimal"


def _with(change):
    document = json.loads(json.dumps(GOOD))
    change(document)
    return document


@pytest.mark.parametrize(
    ("document", "named"),
    [
        (
            _with(lambda d: d["students"][2]["preferences"].append("p99")),
            'students[2] (id "s3"): preferences names unknown place "p99"',
        ),
        (
            _with(lambda d: d["places"].append({"id": "p1", "capacity": 1})),
            'places[2] (id "p1"): duplicate id',
        ),
        (
            _with(lambda d: d["places"][1].update(capacity=-1)),
            'places[1] (id "p2").capacity: -1 is less than the minimum of 0',
        ),
        (
            _with(lambda d: d["students"][1].update(duo_with=None)),
            'students[0] (id "s1"): duo_with "s2", who does not name "s1" back',
        ),
        (
            _with(lambda d: d["students"][2].update(duo_with="s1")),
            'students[2] (id "s3"): duo_with "s1", who names "s2" instead',
        ),
        ('{"students": [', "invalid JSON"),
        (
            _with(lambda d: d["students"][0].update(preferences="p1")),
            'students[0] (id "s1").preferences: "p1" is not of type "array"',
        ),
    ],
    ids=[
        "unknown place",
        "duplicate id",
        "negative capacity",
        "duo not named back",
        "duo chain",
        "invalid JSON",
        "wrong type",
    ],
)
def test_bad_input_exits_non_zero_naming_the_item_and_writes_nothing(tmp_path, document, named):
    output = tmp_path / "out.json"
    result = allocate(write(tmp_path, document), "-o", output)
    assert result.returncode != 0
    assert named in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.json"]


def test_a_missing_file_is_a_message_not_a_traceback(tmp_path):
    result = allocate(tmp_path / "nope.json")
    assert result.returncode != 0
    assert "cannot read" in result.stderr


@pytest.mark.parametrize("mode", ["stable", "optimal"])
def test_a_class_without_places_yet_is_a_result(tmp_path, mode):
    document = {"students": [{"id": "s1", "preferences": []}], "places": []}
    result = allocate(write(tmp_path, document), "--mode", mode)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["assignment"] == {"s1": None}
    assert [(u["student"], u["code"]) for u in data["unassigned"]] == [("s1", "no_preferences")]
