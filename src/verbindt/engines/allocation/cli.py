"""``verbindt allocate INPUT.json [-o OUTPUT.json] [--mode stable|optimal]``: no database.

Reads and checks the whole input first (JSON, then the JSON Schema, then the semantic
checks); on any problem it exits with status 1 and a message per item, and writes nothing.
The output file is written to a temporary file beside it and renamed into place, so it is
either complete or not there.
"""

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .engine import allocate
from .io import dump, load, parse
from .model import MODES
from .validate import AllocationInputError


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def main(args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="verbindt allocate",
        description="Allocate students to places (see docs/allocation-format.md).",
    )
    parser.add_argument("input", type=Path, help="the input JSON file")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of to stdout")
    parser.add_argument("--mode", choices=MODES, help="overrides options.mode")
    options = parser.parse_args(args)
    try:
        problem = load(parse(options.input.read_bytes()))
        if options.mode:
            problem = replace(problem, options=replace(problem.options, mode=options.mode))
        result = allocate(problem)
    except OSError as error:
        print(f"verbindt allocate: cannot read {options.input}: {error.strerror}", file=sys.stderr)
        return 1
    except AllocationInputError as error:
        print(f"verbindt allocate: {options.input} is not valid:", file=sys.stderr)
        for problem_text in error.problems:
            print(f"  {problem_text}", file=sys.stderr)
        return 1
    text = json.dumps(dump(result), ensure_ascii=False, indent=1) + "\n"
    if options.output is None:
        sys.stdout.write(text)
    else:
        _write_atomically(options.output, text)
    return 0
