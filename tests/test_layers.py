"""The package layering of `app/`: no import cycle between its packages (and top-level
modules), and no import of test or benchmark code. Read from the source with `ast`, so an
import inside a function or under `TYPE_CHECKING` counts as much as one at the top. Also
read from the source: every module-level name of `app/` is bound once."""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

APP = ROOT / "app"
# The composition roots wire everything together; nothing imports them back but the other.
ROOTS = {"app.main", "app.cli"}
FORBIDDEN = ("tests", "bench")

Graph = dict[str, set[str]]


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    """The layer a module belongs to: its package under `app`, or itself at the top."""
    return ".".join(module.split(".")[:2])


def _imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, int]]:
    """(module, line) for every import in `tree`, relative ones resolved; `from pkg import
    name` names `pkg.name` when that is a module of ours."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                path = ROOT.joinpath(*sub.split("."))
                exists = path.with_suffix(".py").is_file() or path.is_dir()
                found.append((sub if exists else base, node.lineno))
    return found


@functools.cache
def _app_sources() -> tuple[tuple[Path, ast.Module], ...]:
    """Every module under `app/` and its syntax tree, parsed once per test process (the
    tests here only read the trees)."""
    return tuple(
        (path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for path in sorted(APP.rglob("*.py"))
    )


@functools.cache
def import_graph() -> tuple[Graph, dict[tuple[str, str], list[str]], list[str]]:
    """(edges between units of `app`, where each edge comes from, imports of test code);
    built once per test process and only read by the tests."""
    edges: Graph = defaultdict(set)
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    forbidden = []
    for path, tree in _app_sources():
        module = _module(path)
        for target, line in _imported(tree, module, path.name == "__init__.py"):
            top = target.split(".")[0]
            if top in FORBIDDEN:
                forbidden.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
            if top != "app" or target == "app":
                continue
            src, dst = _unit(module), _unit(target)
            if src != dst:
                edges[src].add(dst)
                where[(src, dst)].append(f"{path.relative_to(ROOT)}:{line}")
    return edges, where, forbidden


def cycles(edges: Graph, ignore: set[str] = frozenset()) -> list[list[str]]:
    """The strongly connected components with more than one unit (Tarjan), `ignore` left
    out of the graph."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt in ignore:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    nodes = set(edges) | {d for targets in edges.values() for d in targets}
    for node in sorted(nodes - set(ignore)):
        if node not in index:
            visit(node)
    return found


def test_cycle_finder_finds_a_cycle_and_only_cycles():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "r": {"a"}, "a2": {"r"}}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles(edges, ignore={"b"}) == []
    assert cycles({"x": {"y"}, "y": {"x"}}) == [["x", "y"]]


def test_the_graph_sees_every_kind_of_import():
    edges, where, _ = import_graph()
    # Known imports of each kind: top-level, `from app import module`, inside a function.
    assert "app.errors" in edges["app.api"] and "app.security" in edges["app.store"]
    assert "app.resources" in edges["app.templating"]
    assert any(w.startswith("app/cli.py") for w in where[("app.cli", "app.exports")])


def test_no_package_cycle_under_app():
    edges, where, _ = import_graph()
    problems = []
    for component in cycles(edges, ignore=ROOTS):
        inside = [
            f"  {a} -> {b}: {', '.join(list(dict.fromkeys(where[(a, b)]))[:3])}"
            for a in component
            for b in sorted(edges[a])
            if b in component
        ]
        problems.append(" <-> ".join(component) + "\n" + "\n".join(inside))
    assert not problems, "package import cycles:\n" + "\n".join(problems)


def test_app_imports_no_test_or_benchmark_code():
    _, _, forbidden = import_graph()
    assert not forbidden, "\n".join(forbidden)


def _rebound(tree: ast.Module) -> dict[str, list[int]]:
    """Names a module's top level binds more than once (assignment, def or class), with the
    lines; neither ruff's F811 (only unused bindings) nor mypy (same type) reports them."""
    lines: dict[str, list[int]] = defaultdict(list)
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        else:
            continue
        for name in names:
            lines[name].append(node.lineno)
    return {name: at for name, at in lines.items() if len(at) > 1}


def test_rebinding_finder_sees_a_second_constant():
    tree = ast.parse("import re\nA = re.compile('x')\ndef f(): return A\nA = re.compile('y')\n")
    assert _rebound(tree) == {"A": [2, 4]}


def test_every_module_level_name_under_app_is_bound_once():
    """Two branches that each add a module constant of the same name merge without a conflict,
    and the later one silently replaces the earlier (it happened to the reader's `_FREQUENCY`:
    'trained once a week' raised the no-retrain red flag again)."""
    found = {
        str(path.relative_to(ROOT)): rebound
        for path, tree in _app_sources()
        if (rebound := _rebound(tree))
    }
    assert found == {}
