"""A Griffe extension for the API reference (``mkdocs.yml`` loads it; not part of the package).

Griffe reads the source without importing it, so it misses what decorators do at run time:

- The docstrings use reStructuredText roles (``:func:`to_wire```,
  ``:class:`~hpt_request.model.errors.Problem```), which Markdown would print as they are. Each role
  becomes a cross-reference when its target is an object of the package (looked up from the
  docstring's own class and module, then from the package), and a code span otherwise. The
  references are optional: a target that no page renders stays plain code, not a broken link.
- An attrs class gets the ``__init__`` that attrs writes (its fields in order, keyword-only
  where the decorator says ``kw_only=True``), so the page shows how to call it; the fields
  themselves are left to the class docstring, which lists them with their wire names.
- An enum lists its members and their wire values in its docstring.
- A function decorated with ``st.composite`` is called without its ``draw`` argument and returns
  a strategy; its documented signature says so.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from typing import Any

import griffe

ROLE = re.compile(r":(?:attr|class|data|exc|func|meth|mod|obj):`(?P<short>~?)(?P<target>[^`]+)`")
COMPOSITE = frozenset({"composite", "st.composite", "hypothesis.strategies.composite"})
ATTRS_CLASS = re.compile(r"^(?:attrs?\.)?(?:define|frozen|mutable|s|attrs)\b")
DEFAULT = re.compile(r"\bdefault=(?P<value>[^,()]+|\(\))")


def _objects(obj: griffe.Object) -> Iterator[griffe.Object]:
    """``obj`` and every object defined in it (aliases are documented where they point)."""
    yield obj
    for member in list(obj.members.values()):
        if isinstance(member, griffe.Object):
            yield from _objects(member)


def _find(pkg: griffe.Module, path: str) -> str | None:
    """The path of the package's object at ``path``, or None."""
    if path == pkg.path:
        return str(pkg.path)
    if not path.startswith(f"{pkg.path}."):
        return None
    try:
        found = pkg.get_member(path.removeprefix(f"{pkg.path}."))
        if isinstance(found, griffe.Alias):  # an imported name: link to where it is defined
            found = found.final_target
    except (KeyError, ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None
    return str(found.path)


def _resolve(target: str, obj: griffe.Object, pkg: griffe.Module) -> str | None:
    scopes = [obj, *(scope for scope in (obj.parent, obj.module) if scope is not None), pkg]
    for candidate in [target, *(f"{scope.path}.{target}" for scope in scopes)]:
        found = _find(pkg, candidate)
        if found is not None:
            return found
    return None


def _role(match: re.Match[str], obj: griffe.Object, pkg: griffe.Module) -> str:
    target = match["target"].removesuffix("()")
    shown = target.rsplit(".", 1)[-1] if match["short"] else target
    code = f"<code>{html.escape(shown)}</code>"
    path = _resolve(target, obj, pkg)
    if path is None:
        return code
    return f'<autoref optional identifier="{html.escape(path)}">{code}</autoref>'


def _decorators(obj: griffe.Class | griffe.Function) -> list[str]:
    return [str(decorator.value) for decorator in obj.decorators]


def _attrs_init(cls: griffe.Class) -> None:
    """Give an attrs class the ``__init__`` attrs generates, and hide its field attributes."""
    decorators = [d for d in _decorators(cls) if ATTRS_CLASS.match(d)]
    if not decorators or "__init__" in cls.members:
        return
    # Kinds by value: mypy's Python 3.10 stubs have no StrEnum, so members would type as str.
    anyhow = griffe.ParameterKind("positional or keyword")
    kind = griffe.ParameterKind("keyword-only") if "kw_only=True" in decorators[0] else anyhow
    parameters = [griffe.Parameter("self", kind=anyhow)]
    for name, member in list(cls.members.items()):
        if not isinstance(member, griffe.Attribute) or member.annotation is None:
            continue
        if "ClassVar" in str(member.annotation):
            continue
        value = None if member.value is None else str(member.value)
        default: str | None = value
        if value is not None and value.startswith(("attrs.field(", "attr.ib(", "field(")):
            found = DEFAULT.search(value)
            default = found["value"] if found else None
        parameters.append(
            griffe.Parameter(name, annotation=member.annotation, kind=kind, default=default)
        )
        if member.docstring is None:
            cls.del_member(name)
    init = griffe.Function("__init__", parameters=griffe.Parameters(*parameters), parent=cls)
    cls.set_member("__init__", init)


def _enum_values(cls: griffe.Class) -> None:
    """List the members of an enum (a class with a base named ``*Enum``) and their values in its
    docstring, rather than one heading per member."""
    if cls.docstring is None or not any(str(base).endswith("Enum") for base in cls.bases):
        return
    members = [
        f"`{name} = {member.value}`"
        for name, member in cls.members.items()
        if isinstance(member, griffe.Attribute) and member.value is not None
    ]
    if members:
        cls.docstring.value += "\n\nMembers: " + ", ".join(members) + "."


class ApiReference(griffe.Extension):
    """Apply the rewrites of the module docstring to every object of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        for obj in _objects(pkg):
            docstring = obj.docstring
            if docstring is not None:
                docstring.value = ROLE.sub(
                    functools.partial(_role, obj=obj, pkg=pkg), docstring.value
                )
            if isinstance(obj, griffe.Class):
                _attrs_init(obj)
                _enum_values(obj)
            if isinstance(obj, griffe.Function) and COMPOSITE & set(_decorators(obj)):
                if len(obj.parameters) and obj.parameters[0].name == "draw":
                    del obj.parameters[0]
                obj.returns = f"SearchStrategy[{obj.returns}]"
