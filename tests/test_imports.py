"""The package's layers, read statically from the source: each stage imports only the stages
below it, over every import form.

Every ``import`` and ``from ... import`` inside the package counts: at module level, inside a
function (a lazy import is still a dependency) and under ``if TYPE_CHECKING:`` (a type that
names a higher stage is a dependency on it too). ``from hpt_request import x`` counts as an
import of the module ``x`` when it is one, else of the package. A package's ``__init__`` that
runs when a submodule is imported is not counted as an edge: that is Python's doing, not the
module's.

The layer order is the one ``docs/contributing.md`` documents (:data:`LAYERS`, bottom first).
The only edges that point up are the request's conveniences in ``hpt_request/model/request.py``
(:data:`UPWARD`), each imported where it is used, never when the module loads.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import hpt_request

PACKAGE = Path(hpt_request.__file__).parent
ROOT = PACKAGE.parent

# The stages, bottom first; a module belongs to the stage whose name is its longest prefix.
# ``hpt_request`` itself (its ``__init__``, the public API) is the top.
LAYERS = (
    "hpt_request.model",
    "hpt_request.schema",
    "hpt_request.rules",
    "hpt_request.text",
    "hpt_request.check",
    "hpt_request.aws",
    "hpt_request.strategies",
    "hpt_request.cli",
    "hpt_request.__main__",
    "hpt_request",
)

# The edges that point up the layers: the request's methods (``request.validate()``,
# ``.to_wire()``, ``.to_json()``, ``.summary()``, ``.worst_case()``, ``_repr_html_()``) are
# shortcuts for the stages that do the work. (importer, imported) -> how it may be imported.
UPWARD: dict[tuple[str, str], set[str]] = {
    ("hpt_request.model.request", "hpt_request.check"): {"local"},
    ("hpt_request.model.request", "hpt_request.text.display"): {"local", "type-checking"},
    ("hpt_request.model.request", "hpt_request.text.summary"): {"local", "type-checking"},
}

# What the top level of hpt_request/ holds: the stages, the public API, and the packaged data.
TOP_LEVEL = {
    "__init__.py",
    "__main__.py",
    "aws",
    "check.py",
    "cli.py",
    "model",
    "py.typed",
    "rules",
    "schema",
    "schemas",
    "strategies",
    "text",
}

Kind = Literal["module", "local", "type-checking"]


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


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in MODULES)
        return
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


def _imports(
    node: ast.AST, module: str, is_package: bool, kind: Kind = "module"
) -> Iterator[tuple[str, Kind]]:
    """The package modules that ``node`` imports, each with how: at module level, inside a
    function, or under ``if TYPE_CHECKING:``."""
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        for statement in node.body:
            yield from _imports(statement, module, is_package, "type-checking")
        for statement in node.orelse:
            yield from _imports(statement, module, is_package, kind)
        return
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield from ((target, kind) for target in _targets(node, module, is_package))
    inner: Kind = "local" if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else kind
    if kind == "type-checking":
        inner = kind
    for child in ast.iter_child_nodes(node):
        yield from _imports(child, module, is_package, inner)


def import_kinds() -> dict[str, dict[str, set[Kind]]]:
    """Each package module, the package modules it imports, and how it imports each."""
    found: dict[str, dict[str, set[Kind]]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges: dict[str, set[Kind]] = {}
        for target, kind in _imports(tree, name, path.name == "__init__.py"):
            if target != name:
                edges.setdefault(target, set()).add(kind)
        found[name] = edges
    return found


def graph() -> dict[str, set[str]]:
    """Each package module and the package modules it imports, by any import form."""
    return {name: set(edges) for name, edges in import_kinds().items()}


def layer(module: str) -> int:
    """The index in :data:`LAYERS` of the stage ``module`` belongs to."""
    owners = [name for name in LAYERS if module == name or module.startswith(f"{name}.")]
    return LAYERS.index(max(owners, key=len))


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


def _without_upward(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    return {
        name: {target for target in targets if (name, target) not in UPWARD}
        for name, targets in edges.items()
    }


def test_the_graph_is_read() -> None:
    """The static reading finds known edges, each with its import form."""
    kinds = import_kinds()
    assert kinds["hpt_request.check"]["hpt_request.schema.structure"] == {"module"}
    assert "module" in kinds["hpt_request.rules.budget"]["hpt_request.rules._core"]
    assert kinds["hpt_request.model.request"]["hpt_request.check"] == {"local"}
    assert "type-checking" in kinds["hpt_request.model.request"]["hpt_request.text.display"]
    assert kinds["hpt_request"]["hpt_request.aws.boto"] == {"type-checking"}


def test_the_readers_see_every_import_form() -> None:
    """A module-level, a function-local and a TYPE_CHECKING import are told apart."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "import hpt_request.check\n"
        "if TYPE_CHECKING:\n"
        "    from hpt_request.text import display\n"
        "def f():\n"
        "    from hpt_request.aws import boto\n"
        "    if TYPE_CHECKING:\n"
        "        from hpt_request import cli\n"
    )
    found = set(_imports(ast.parse(source), "hpt_request.model.x", False))
    assert found == {
        ("hpt_request.check", "module"),
        ("hpt_request.text.display", "type-checking"),
        ("hpt_request.aws.boto", "local"),
        ("hpt_request.cli", "type-checking"),
    }


def test_the_cycle_finder_finds_cycles() -> None:
    """A two-module loop and a longer one are reported; a tree is not."""
    edges = {"a": {"b"}, "b": {"a", "c"}, "c": set(), "d": {"e"}, "e": {"f"}, "f": {"d"}}
    assert cycles(edges) == [["a", "b"], ["d", "e", "f"]]
    assert cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_every_module_is_in_a_layer() -> None:
    """Each module of the package belongs to one of the documented stages."""
    assert {layer(name) for name in MODULES} <= set(range(len(LAYERS)))
    assert layer("hpt_request.model.shapes") == 0
    assert layer("hpt_request") == len(LAYERS) - 1


def test_layers_import_only_downward() -> None:
    """No module imports a stage above its own, in any form, but the listed conveniences."""
    upward = {
        (name, target): kinds
        for name, edges in import_kinds().items()
        for target, kinds in edges.items()
        if layer(target) > layer(name)
    }
    assert set(upward) == set(UPWARD)  # each listed edge exists, and no other
    for edge, kinds in upward.items():
        assert kinds <= UPWARD[edge], edge  # never at module level


def test_the_package_has_no_import_cycle() -> None:
    """Apart from the listed upward conveniences, no module imports, directly or not, a module
    that imports it back."""
    assert cycles(_without_upward(graph())) == []


def test_the_generated_model_sits_at_the_bottom() -> None:
    """When the generated model loads, it loads the model stage only: its base classes, the
    value rules and the errors."""
    module_level = {
        name: {target for target, kinds in edges.items() if "module" in kinds}
        for name, edges in import_kinds().items()
    }
    below = reachable(module_level, "hpt_request.model.shapes")
    assert below == {
        "hpt_request.model.base",
        "hpt_request.model.errors",
        "hpt_request.model.request",
        "hpt_request.model.values",
    }


def test_no_import_is_looked_up_by_name() -> None:
    """Only the public API's ``__init__`` imports by name (its lazily loaded public names);
    nothing else in the package calls ``importlib.import_module`` or ``__import__``."""
    looked_up = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = node.func if isinstance(node, ast.Call) else None
            if (isinstance(called, ast.Attribute) and called.attr == "import_module") or (
                isinstance(called, ast.Name) and called.id in {"__import__", "import_module"}
            ):
                looked_up.append(name)
    assert set(looked_up) == {"hpt_request"}


def test_the_lazy_public_names_are_imports_the_reader_sees() -> None:
    """Every module ``hpt_request/__init__.py`` loads by name is one it also imports for type
    checkers, so the graph above holds each of those edges."""
    kinds = import_kinds()["hpt_request"]
    by_name = set(hpt_request._LAZY.values()) | set(hpt_request._MOVED.values())
    assert by_name <= {target for target, how in kinds.items() if "type-checking" in how}


def test_the_top_level_lists_the_stages() -> None:
    """hpt_request/ holds the stages, the public API and the packaged schemas: twelve entries."""
    entries = {path.name for path in PACKAGE.iterdir() if path.name != "__pycache__"}
    assert entries == TOP_LEVEL
    assert len(entries) <= 12


def test_every_stage_says_what_it_owns() -> None:
    """Each subpackage has a docstring that names what it may import."""
    for name in LAYERS:
        path = MODULES[name]
        if path.name != "__init__.py" or name == "hpt_request":
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert docstring, name
        assert "import" in docstring, name


def test_the_documented_order_is_this_order() -> None:
    """docs/contributing.md draws the stages in this order, bottom first, and names the upward
    conveniences' module as the one exception."""
    text = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    layout = text[text.index("## Layout") :]
    names = [
        "  model/",
        "  schema/",
        "  rules/",
        "  text/",
        "  check.py",
        "  aws/",
        "  strategies/",
        "  cli.py",
        "  __init__.py",
    ]
    assert len(names) == len(LAYERS) - 1  # __main__.py is the command line's other door
    places = [layout.index(f"\n{name} ") for name in names]
    assert places == sorted(places)
    assert "model/request.py" in layout
