"""The package layout: imports go one way, no module imports one that imports it.

Every ``import`` and ``from ... import`` in ``src/tally`` is read with ``ast``,
those inside functions too (a lazy import is still a dependency), and resolved
to a module of tally: ``from .x import name`` depends on ``x``, or on ``x.name``
when that is a module. Two graphs must have no cycle: the modules, and the
stage packages ("rooms": ``tally.where``, ``tally.claims``...; a top-level
module such as ``tally.extract`` is a room of its own).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tally

ROOT = Path(tally.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    out = {}
    for f in ROOT.rglob("*.py"):
        parts = ("tally",) + f.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


MODULES = _modules()


def _targets(name: str, path: Path) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "tally"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "tally":
                target = node.module
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in MODULES else target)
    return {t for t in out if t in MODULES and t != name}


GRAPH = {name: _targets(name, path) for name, path in MODULES.items()}


def _room(name: str) -> str:
    parts = name.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else name


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path that ends where it starts, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_the_walker_reads_relative_lazy_and_submodule_imports():
    # relative, one level up: the claims' sentence loop uses the number finder
    assert "tally.text.quantities" in GRAPH["tally.claims.sentence"]
    # inside a function: extract() is imported lazily by the evaluation
    assert "tally.extract" in GRAPH["tally.evaluate"]
    # "from . import store": a submodule, not the package
    assert "tally.cli.store" in GRAPH["tally.cli"]


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_chain():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_module_imports_a_module_that_imports_it():
    assert _cycle(GRAPH) is None


def test_stage_packages_import_downwards_only():
    rooms: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        rooms.setdefault(_room(name), set()).update(_room(t) for t in targets if _room(t) != _room(name))
    assert _cycle(rooms) is None


@pytest.mark.parametrize("package", sorted(n for n, p in MODULES.items() if p.name == "__init__.py"))
def test_every_package_says_what_it_takes_and_gives(package):
    doc = ast.get_docstring(ast.parse(MODULES[package].read_text(encoding="utf-8")))
    assert doc and len(doc.split()) >= 12, f"{package} needs a docstring saying what it takes and gives"
