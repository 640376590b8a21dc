"""Every code a problem can carry has a catalogue entry: found by reading the package's source
for the codes it gives problems, not from a list kept by hand."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

from hpt_request.rules import RULES
from hpt_request.text.codes import ONLINE, STRUCTURAL, TUNER

PACKAGE = Path(__file__).resolve().parent.parent / "hpt_request"
# Codes that never reach a report: the stand-in problems that locate skipped checks.
INTERNAL = {"skipped"}


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def _value(node: ast.expr, module: str) -> object:
    """A code argument's value: a literal, or a module's constant (``CODE``, ``docs.UNKNOWN``)."""
    if isinstance(node, ast.Constant):
        return node.value
    loaded = importlib.import_module(module)
    if isinstance(node, ast.Name):
        return getattr(loaded, node.id, None)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        owner = getattr(loaded, node.value.id, None)
        return getattr(owner, node.attr, None)
    return None


def given_codes() -> Iterator[tuple[str, object]]:
    """(module, code) for every ``Problem(...)``/``new_problem(...)`` call and every ``code=``
    argument in the package whose code is a literal or a module constant."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            arguments = [kw.value for kw in node.keywords if kw.arg == "code"]
            if name in ("Problem", "new_problem") and len(node.args) >= 2:
                arguments.append(node.args[1])
            for argument in arguments:
                if isinstance(argument, ast.Constant | ast.Name | ast.Attribute):
                    yield module, _value(argument, module)


def test_every_code_given_to_a_problem_is_in_the_catalogue() -> None:
    known = {*STRUCTURAL, *ONLINE, *TUNER, *(rule.id for rule in RULES)}
    found = {(module, code) for module, code in given_codes() if isinstance(code, str)}
    assert len(found) > 20  # the scan sees the package's problems
    missing = sorted(
        (module, code) for module, code in found if code not in known and code not in INTERNAL
    )
    assert missing == []
