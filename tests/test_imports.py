"""The package's import graph, read statically from the source: no cycles, and the generated model
at the bottom.

Every ``import`` and ``from ... import`` inside the package counts, at module level or inside a
function (a lazy import is still a dependency); imports under ``if TYPE_CHECKING:`` do not, since
they never run. ``from hpt_request import x`` counts as an import of the module ``x`` when it is
one, else of the package. A package's ``__init__`` that runs when a submodule is imported is not
counted as an edge: that is Python's doing, not the module's.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import hpt_request

PACKAGE = Path(hpt_request.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    """The package modules that ``node`` imports, outside ``if TYPE_CHECKING:`` blocks."""
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        for statement in node.orelse:
            yield from _imports(statement, module, is_package)
        return
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in MODULES)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            anchor = module if is_package else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                anchor = anchor.rpartition(".")[0]
            base = f"{anchor}.{base}" if base else anchor
        for alias in node.names:
            full = f"{base}.{alias.name}"
            if full in MODULES:
                yield full
            elif base in MODULES:
                yield base
    for child in ast.iter_child_nodes(node):
        yield from _imports(child, module, is_package)


def graph() -> dict[str, set[str]]:
    """Each package module and the package modules it imports."""
    found = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found[name] = set(_imports(tree, name, path.name == "__init__.py")) - {name}
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges[node]:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or not."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in edges[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_the_graph_is_read() -> None:
    """The static reading finds known edges, lazy and TYPE_CHECKING imports handled."""
    edges = graph()
    assert "hpt_request.model" in edges["hpt_request.wire"]
    assert "hpt_request.rules" in edges["hpt_request.wire"]  # from hpt_request.rules import run
    assert "hpt_request.rules._core" in edges["hpt_request.rules.budget"]
    assert "hpt_request.strategies" in edges["hpt_request._hypothesis_hook"]  # a lazy import
    assert "hpt_request.summary" not in edges["hpt_request._helpers"]  # only for TYPE_CHECKING


def test_the_cycle_finder_finds_cycles() -> None:
    """A two-module loop and a longer one are reported; a tree is not."""
    edges = {"a": {"b"}, "b": {"a", "c"}, "c": set(), "d": {"e"}, "e": {"f"}, "f": {"d"}}
    assert cycles(edges) == [["a", "b"], ["d", "e", "f"]]
    assert cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_package_has_no_import_cycle() -> None:
    """No module imports, directly or not, a module that imports it back."""
    assert cycles(graph()) == []


def test_the_generated_model_sits_at_the_bottom() -> None:
    """The model imports only the helpers mixed into its classes and the value rules (and what
    they import), nothing that reads or checks requests."""
    below = reachable(graph(), "hpt_request.model")
    assert below == {"hpt_request._helpers", "hpt_request._values", "hpt_request.errors"}
    assert reachable(graph(), "hpt_request._helpers") == set()
