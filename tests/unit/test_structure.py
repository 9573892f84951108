"""The code's shape: imports point one way (app_pages → integritas → etl → core) and the package graph has no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

OURS = ("app_pages", "integritas", "etl", "core")
# What each layer may import of ours. A page sees only integritas; etl never sees the app.
ALLOWED = {
    "app": {"integritas"},
    "app_pages": {"integritas"},
    "integritas": {"integritas", "etl", "core"},
    "etl": {"etl", "core"},
    "core": {"core"},
}
# Libraries that only the data-access layer may touch: pages lay out view models, they never query.
PAGE_FORBIDDEN = {"duckdb", "pandas.io.sql"}


def _layer(path: Path) -> str:
    rel = path.relative_to(REPO)
    return "app" if rel.parts == ("app.py",) else rel.parts[0]


def _sources() -> list[Path]:
    files = [REPO / "app.py"]
    for layer in ("app_pages", "integritas", "etl", "core"):
        files += sorted((REPO / layer).rglob("*.py"))
    return files


def imports_of(path: Path) -> set[str]:
    """Every module name `path` imports, at any depth (imports inside functions count too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(REPO)))
def test_imports_point_one_way(path: Path) -> None:
    layer = _layer(path)
    ours = {name.split(".")[0] for name in imports_of(path)} & set(OURS)
    assert ours <= ALLOWED[layer], f"{path.relative_to(REPO)} ({layer}) imports {sorted(ours - ALLOWED[layer])}"
    if layer in ("app", "app_pages"):
        assert not {n.split(".")[0] for n in imports_of(path)} & PAGE_FORBIDDEN


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    # The rule above is only worth something if a wrong import is seen, also one hidden inside a function.
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from integritas import db\n    import duckdb\n", encoding="utf-8")
    assert {"integritas", "integritas.db", "duckdb"} <= imports_of(bad)


def test_no_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {layer: set() for layer in OURS}
    for path in _sources():
        layer = _layer(path)
        if layer == "app":
            continue
        graph[layer] |= ({n.split(".")[0] for n in imports_of(path)} & set(OURS)) - {layer}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(n == target or (n not in seen and reaches(n, target, seen | {n})) for n in graph[start])

    cycles = [layer for layer in OURS if reaches(layer, layer, set())]
    assert not cycles, f"import cycle through {cycles}: {graph}"
