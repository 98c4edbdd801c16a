"""Engines are pure Python: nothing under ``verbindt/engines`` imports Django."""

import ast
from pathlib import Path

import verbindt.engines

ENGINES = Path(verbindt.engines.__file__).parent


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_no_engine_imports_django():
    files = sorted(ENGINES.rglob("*.py"))
    assert files
    for path in files:
        django = {m for m in imported_modules(path) if m.split(".")[0] == "django"}
        assert not django, f"{path.relative_to(ENGINES)} imports {sorted(django)}"
