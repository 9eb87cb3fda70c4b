"""No import circles inside cchc_cli: data flows one way, from the CLI down to the models.

A circle hidden in a function-level import still ties two modules together (each must know the
other, neither can be read, tested or loaded alone), so imports at every depth are counted, not
only those at the top of a module. Imports under ``if TYPE_CHECKING:`` are left out: they exist for
mypy alone and are never executed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import cchc_cli

PACKAGE = Path(cchc_cli.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, modules: set[str], here: str, is_package: bool) -> set[str]:
    found: set[str] = set()

    def target(name: str) -> str | None:
        # "from cchc_cli import api" names a module; "from cchc_cli.api import check" names its module.
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (t := target(alias.name)) is not None:
                    found.add(t)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                drop = node.level - 1 if is_package else node.level
                anchor = anchor[: len(anchor) - drop] if drop else anchor
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                t = target(f"{base}.{alias.name}") if f"{base}.{alias.name}" in modules else target(base)
                if t is not None:
                    found.add(t)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(here)
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {
        name: _imports(ast.parse(path.read_text(encoding="utf-8")), modules, name, path.name == "__init__.py")
        for name, path in files.items()
    }


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def _edges_within(graph: dict[str, set[str]], circle: list[str]) -> list[str]:
    members = set(circle)
    return [f"{a} -> {b}" for a in circle for b in sorted(graph[a] & members)]


def test_the_detector_finds_a_circle() -> None:
    # The detector itself must be able to fail: a package __init__ re-exporting a sibling that
    # imports the package back is a circle, as are two modules that import each other in functions.
    graph = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "p.d": {"p.a"}}
    assert _circles(graph) == [["p.a", "p.b", "p.c"]]
    tree = ast.parse("def f():\n    from p import b\nif TYPE_CHECKING:\n    from p import c\n")
    assert _imports(tree, {"p", "p.a", "p.b", "p.c"}, "p.a", False) == {"p.b"}


def test_no_import_circles_in_the_package() -> None:
    graph = _graph()
    assert "cchc_cli.cli" in graph and "cchc_cli.api" in graph  # the walk found the package
    circles = _circles(graph)
    assert circles == [], "\n".join("circle: " + "; ".join(_edges_within(graph, c)) for c in circles)
