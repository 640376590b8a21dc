"""One pass over wire data: the schema's checks, compiled to Python, reading the model objects.

For each definition of a packaged schema this module writes one small Python function, from the
schema itself, at first use (the way cattrs and attrs write theirs). Called on a value, it
checks every keyword of its definition exactly as the reference engine
(:mod:`jsonschema`, with the wire's strict types: see :mod:`hpt_request.schema`) does, notes each
error it finds, and returns what the value reads as:

- a model object for a structure (made without running the model's converters and validators:
  every value has already been checked), a fresh list for an array, a copy for a map, the enum
  member for an enum string, the value itself for other scalars;
- :data:`~hpt_request.rules.UNKNOWN` for a value with a problem at its own place (and for a map
  with a problem anywhere inside it). A structure or list with problems further down is still
  read, member by member, so the rules can read what is sound: the same objects
  :func:`hpt_request.partial.readable` makes from the problems.

On valid data, the whole request costs one walk; the objects equal what the cattrs converter
makes. The errors become problems through the same function that explains the reference
engine's errors (:func:`hpt_request.schema.problems_of`), so the paths, codes and messages are
the reference engine's. The agreement tests check both claims on golden and generated input.

What this pass does not read the same way as the reference engine, it does not read at all: it
gives up (returns ``None``) and the caller asks the schema engines. That is input that is not
plain JSON data (tuples, sets, ``Decimal``, subclasses of ``str`` or ``int``, mappings that are
not ``dict``), maps with keys that are not strings, containers of more than
:data:`~hpt_request.schema.MAX_ENTRIES` entries, more than :data:`~hpt_request.schema.MAX_NODES`
values in all, and containers nested deeper than the schema goes in a place it does not describe.
"""

from __future__ import annotations

import enum
import functools
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from hpt_request import model, schema
from hpt_request.errors import Problem, Step
from hpt_request.rules import UNKNOWN

Location = tuple[Step, ...]
Reader = Callable[[Any, Location, Any, "_Pass"], Any]

# How deep the values under an unknown member or a wrongly typed container are counted before
# this pass gives up (the reference engine cuts its copy at schema.MAX_DEPTH).
_COUNTED_DEPTH = 16
_MISSING = object()
# How many texts that passed a pattern each definition remembers.
_REMEMBERED = 4096
_PLAIN_SCALARS = (int, float, bool, type(None), str)


class GiveUp(Exception):
    """The input is not plain JSON data this pass reads like the reference engine."""


class _Pass:
    """What one call gathers: the raw errors, and how many more values it may visit."""

    __slots__ = ("errors", "left")

    def __init__(self) -> None:
        self.errors: list[tuple[Location, str, Mapping[str, Any], object, bool]] = []
        self.left = schema.MAX_NODES

    def error(
        self, at: Location, step: Any, keyword: str, node: Mapping[str, Any], value: object
    ) -> None:
        where = at if step is _MISSING else (*at, step)
        self.errors.append((where, keyword, node, value, False))

    def key_error(self, at: Location, keyword: str, node: Mapping[str, Any], key: str) -> None:
        self.errors.append((at, keyword, node, key, True))

    def count(self, size: int) -> None:
        if size > schema.MAX_ENTRIES:
            raise GiveUp
        self.left -= size
        if self.left < 0:
            raise GiveUp

    def count_all(self, value: object, depth: int = _COUNTED_DEPTH) -> None:
        """Count the values of a container the schema does not describe (an unknown member's,
        or one given where a scalar belongs)."""
        if type(value) is dict:
            children: Any = value.values()
        elif type(value) is list:
            children = value
        elif type(value) in _PLAIN_SCALARS:
            return
        else:
            raise GiveUp
        if depth <= 0:
            raise GiveUp
        self.count(len(children))
        for child in children:
            if type(child) is dict or type(child) is list:
                self.count_all(child, depth - 1)
            elif type(child) not in _PLAIN_SCALARS:
                raise GiveUp

    def wrong_type(
        self, at: Location, step: Any, node: Mapping[str, Any], value: object, enum_too: bool
    ) -> Any:
        """A value of the wrong JSON type (not the node's own type): a ``type`` error, and an
        ``enum`` error too where the node lists strings."""
        self.count_all(value)
        self.error(at, step, "type", node, value)
        if enum_too:
            self.error(at, step, "enum", node, value)
        return UNKNOWN


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _remembering(search: Callable[[str], object], seen: set[str]) -> Callable[[str], bool]:
    """``search`` as a test that remembers (a bounded number of) the texts that passed: the
    same identifiers and numbers recur across ranges, definitions and requests."""

    def matches(text: str) -> bool:
        if search(text) is None:
            return False
        if len(seen) >= _REMEMBERED:
            seen.clear()
        seen.add(text)
        return True

    return matches


def _finite(value: float) -> bool:
    return math.isfinite(value)


# -- writing the functions ------------------------------------------------------------------------


class _Writer:
    """Writes the source of every definition's reader into one namespace."""

    def __init__(self, definitions: Mapping[str, Any]) -> None:
        self.definitions = definitions
        self.namespace: dict[str, Any] = {
            "UNKNOWN": UNKNOWN,
            "MISSING": _MISSING,
            "GiveUp": GiveUp,
            "new": object.__new__,
            "put": object.__setattr__,
            "surrogate": _lone_surrogate,
            "finite": _finite,
            "isinstance": isinstance,
            "dict": dict,
            "list": list,
            "str": str,
            "int": int,
            "float": float,
            "bool": bool,
            "len": len,
            "enumerate": enumerate,
        }
        self.sources: list[str] = []
        self.done: set[str] = set()

    def deref(self, node: Mapping[str, Any]) -> str:
        return str(node["$ref"]).rsplit("/", 1)[-1]

    def reader(self, title: str) -> str:
        """The name of the function that reads definition ``title`` (written on first use)."""
        name = f"read_{title}"
        if title not in self.done:
            self.done.add(title)
            node = self.definitions[title]
            self.namespace[f"N_{title}"] = node
            kind = node["type"]
            if kind == "object" and "properties" in node:
                lines = self.structure(title, node)
            elif kind == "object":
                lines = self.mapping(title, node)
            elif kind == "array":
                lines = self.array(title, node)
            elif kind == "string":
                lines = self.string(title, node)
            elif kind in ("integer", "number"):
                lines = self.number(title, node)
            elif kind == "boolean":
                lines = self.boolean(title)
            else:  # the generator writes no other type; if it ever does, say so at first use
                raise ValueError(f"no reader for schema type {kind!r} ({title})")
            self.sources.append("\n".join(lines))
        return name

    # Every reader takes (value, location of its parent, its step there or MISSING, the pass).

    def inline(self, title: str, var: str, at: str, step: str) -> str:
        """An expression that reads ``var``, a value of definition ``title``: scalars are
        checked in place (the valid case costs no call) and go to their reader only when the
        check fails, which then notes the errors; other values go to their reader."""
        read = self.reader(title)
        node = self.definitions[title]
        slow = f"{read}({var}, {at}, {step}, c)"
        kind = node["type"]
        if kind == "string" and "enum" in node:
            allowed = {
                value: member
                for value, member in self.members(title, node).items()
                if not self.string_refuses(node, value)
            }
            self.namespace[f"F_{title}"] = allowed
            return (
                f"(m if type({var}) is str and (m := F_{title}.get({var}, MISSING)) is not MISSING"
                f" else {slow})"
            )
        if kind == "string":
            tests = [f"type({var}) is str", f"{var}.isascii()"]
            low, high = int(node.get("minLength", 0)), node.get("maxLength")
            if high is not None:
                tests.append(f"{low} <= len({var}) <= {int(high)}")
            elif low:
                tests.append(f"{low} <= len({var})")
            if "pattern" in node:
                seen: set[str] = set()
                self.namespace[f"S_{title}"] = seen
                self.namespace[f"M_{title}"] = _remembering(self.search(title, node), seen)
                tests.append(f"({var} in S_{title} or M_{title}({var}))")
            return f"({var} if {' and '.join(tests)} else {slow})"
        if kind in ("integer", "number"):
            if kind == "integer":
                tests = [f"type({var}) is int"]
            else:
                tests = [f"(type({var}) is int or (type({var}) is float and finite({var})))"]
            if "minimum" in node:
                tests.append(f"{node['minimum']!r} <= {var}")
            if "maximum" in node:
                tests.append(f"{var} <= {node['maximum']!r}")
            return f"({var} if {' and '.join(tests)} else {slow})"
        if kind == "boolean":
            return f"({var} if type({var}) is bool else {slow})"
        return slow

    def search(self, title: str, node: Mapping[str, Any]) -> Callable[[str], object]:
        """The pattern of ``node`` as the reference engine applies it (``re.search``)."""
        found: Callable[[str], object] = re.compile(str(node["pattern"])).search
        self.namespace[f"P_{title}"] = found
        return found

    def string_refuses(self, node: Mapping[str, Any], value: str) -> bool:
        """Whether a string keyword of ``node`` refuses ``value`` (an enum value)."""
        if len(value) < int(node.get("minLength", 0)):
            return True
        if "maxLength" in node and len(value) > int(node["maxLength"]):
            return True
        return "pattern" in node and re.search(str(node["pattern"]), value) is None

    def string_checks(
        self, title: str, node: Mapping[str, Any], var: str, report: str
    ) -> list[str]:
        """Lines that check the string ``var`` against ``node``'s string keywords and set
        ``bad``; ``report(keyword)`` is the statement that notes an error."""
        lines = []
        low = int(node.get("minLength", 0))
        high = node.get("maxLength")
        if low > 0 or high is not None:
            lines.append(f"n = len({var})")
        if low > 0:
            lines += [f"if n < {low}:", f"    {report.format(kw='minLength')}", "    bad = True"]
        if high is not None:
            lines += [
                f"if n > {int(high)}:",
                f"    {report.format(kw='maxLength')}",
                "    bad = True",
            ]
        if "pattern" in node:
            self.search(title, node)
            lines += [
                f"if P_{title}({var}) is None:",
                f"    {report.format(kw='pattern')}",
                "    bad = True",
            ]
        return lines

    def string(self, title: str, node: Mapping[str, Any]) -> list[str]:
        has_enum = "enum" in node
        report = f"c.error(at, step, {{kw!r}}, N_{title}, v)"
        lines = [
            f"def read_{title}(v, at, step, c):",
            "    if type(v) is not str:",
            "        if isinstance(v, str):",
            "            raise GiveUp",
            f"        return c.wrong_type(at, step, N_{title}, v, {has_enum})",
            "    bad = False",
            "    if not v.isascii() and surrogate(v):",
            f"        {report.format(kw='type')}",
        ]
        if has_enum:  # enum is not gated on the type: a lone surrogate is not in it either
            lines.append(f"        {report.format(kw='enum')}")
        lines.append("        return UNKNOWN")
        lines += ["    " + line for line in self.string_checks(title, node, "v", report)]
        if has_enum:
            self.namespace[f"E_{title}"] = self.members(title, node)
            lines += [
                f"    member = E_{title}.get(v, MISSING)",
                "    if member is MISSING:",
                f"        {report.format(kw='enum')}",
                "        return UNKNOWN",
                "    return UNKNOWN if bad else member",
            ]
        else:
            lines.append("    return UNKNOWN if bad else v")
        return lines

    def members(self, title: str, node: Mapping[str, Any]) -> dict[str, Any]:
        """Each allowed value with what it reads as: the model's enum member of that value."""
        cls = getattr(model, title, None)
        values = [str(value) for value in node["enum"]]
        if isinstance(cls, type) and issubclass(cls, enum.Enum):
            by_value = {member.value: member for member in cls}
            return {value: by_value.get(value, value) for value in values}
        return {value: value for value in values}

    def number(self, title: str, node: Mapping[str, Any]) -> list[str]:
        report = f"c.error(at, step, {{kw!r}}, N_{title}, v)"
        bounds = []
        if "minimum" in node:
            bounds += [
                f"    if v < {node['minimum']!r}:",
                f"        {report.format(kw='minimum')}",
                "        bad = True",
            ]
        if "maximum" in node:
            bounds += [
                f"    if v > {node['maximum']!r}:",
                f"        {report.format(kw='maximum')}",
                "        bad = True",
            ]
        integer = node["type"] == "integer"
        lines = [
            f"def read_{title}(v, at, step, c):",
            "    kind = type(v)",
            "    bad = False",
            "    if kind is float:",
            "        if not finite(v):",
            f"            {report.format(kw='type')}",
            "            return UNKNOWN",
        ]
        if (
            integer
        ):  # a float is not an integer on the wire, but its bounds are checked all the same
            lines += [f"        {report.format(kw='type')}", "        bad = True"]
        lines += [
            "    elif kind is not int:",
            "        if kind is bool or isinstance(v, (int, float)):",
            "            if kind is not bool:",
            "                raise GiveUp",
            f"            {report.format(kw='type')}",
            "            return UNKNOWN",
            f"        return c.wrong_type(at, step, N_{title}, v, False)",
            *bounds,
            "    return UNKNOWN if bad else v",
        ]
        return lines

    def boolean(self, title: str) -> list[str]:
        return [
            f"def read_{title}(v, at, step, c):",
            "    if type(v) is bool:",
            "        return v",
            "    if isinstance(v, bool):",
            "        raise GiveUp",
            f"    return c.wrong_type(at, step, N_{title}, v, False)",
        ]

    def container_start(self, title: str, kind: str) -> list[str]:
        """The opening lines of a reader of a ``dict`` or ``list`` value: its type, its place,
        its size counted."""
        other = "list" if kind == "dict" else "dict"
        return [
            f"def read_{title}(v, at, step, c):",
            f"    if type(v) is not {kind}:",
            f"        if isinstance(v, {other}) or not isinstance(v, {kind}):",
            f"            return c.wrong_type(at, step, N_{title}, v, False)",
            "    here = at if step is MISSING else (*at, step)",
            "    size = len(v)",
            "    c.left -= size",
            f"    if size > {schema.MAX_ENTRIES} or c.left < 0:",
            "        raise GiveUp",
        ]

    def structure(self, title: str, node: Mapping[str, Any]) -> list[str]:
        cls = getattr(model, title)
        fields = {field.metadata["wire"]: field.name for field in attrs.fields(cls)}
        properties: Mapping[str, Any] = node["properties"]
        if set(fields) != set(properties):
            raise ValueError(f"{title}: the model and the schema disagree on the members")
        required = set(node.get("required", ()))
        self.namespace[f"C_{title}"] = cls
        self.namespace[f"K_{title}"] = frozenset(properties)
        lines = [
            *self.container_start(title, "dict"),
            f"    o = new(C_{title})",
            "    get = v.get",
            "    found = 0",
            "    missing = False",
        ]
        for wire, member in properties.items():
            read = self.inline(self.deref(member), "x", "here", repr(wire))
            absent = ["        missing = True", f"        put(o, {fields[wire]!r}, UNKNOWN)"]
            if wire not in required:
                absent = [f"        put(o, {fields[wire]!r}, None)"]
            lines += [
                f"    x = get({wire!r}, MISSING)",
                "    if x is MISSING:",
                *absent,
                "    else:",
                "        found += 1",
                f"        put(o, {fields[wire]!r}, {read})",
            ]
        if required:
            lines += [
                "    if missing:",
                f"        c.error(here, MISSING, 'required', N_{title}, v)",
            ]
        lines += [
            "    if found != size:",
            "        for key, x in v.items():",
            f"            if key not in K_{title}:",
            "                c.count_all(x)",
            f"        c.error(here, MISSING, 'additionalProperties', N_{title}, v)",
            "    return o",
        ]
        return lines

    def mapping(self, title: str, node: Mapping[str, Any]) -> list[str]:
        key_title = self.deref(node["propertyNames"])
        key_node = self.definitions[key_title]
        if key_node["type"] != "string" or "enum" in key_node:
            raise ValueError(f"{title}: map keys other than plain strings are not read here")
        self.namespace[f"N_{key_title}"] = key_node
        value = self.inline(self.deref(node["additionalProperties"]), "x", "here", "key")
        report = f"c.key_error(here, {{kw!r}}, N_{key_title}, key)"
        lines = [*self.container_start(title, "dict"), "    bad = False"]
        for keyword, test in (("minProperties", "<"), ("maxProperties", ">")):
            if keyword in node:
                lines += [
                    f"    if size {test} {int(node[keyword])}:",
                    f"        c.error(here, MISSING, {keyword!r}, N_{title}, v)",
                    "        bad = True",
                ]
        key_checks = self.string_checks(key_title, key_node, "key", report)
        lines += [
            "    for key, x in v.items():",
            "        if type(key) is not str:",
            "            raise GiveUp",
            "        if not key.isascii() and surrogate(key):",
            "            raise GiveUp",
            *("        " + line for line in key_checks),
            f"        if {value} is UNKNOWN:",
            "            bad = True",
            "    return UNKNOWN if bad else dict(v)",
        ]
        return lines

    def array(self, title: str, node: Mapping[str, Any]) -> list[str]:
        item = self.inline(self.deref(node["items"]), "x", "here", "i")
        lines = [*self.container_start(title, "list"), "    bad = False"]
        for keyword, test in (("minItems", "<"), ("maxItems", ">")):
            if keyword in node:
                lines += [
                    f"    if size {test} {int(node[keyword])}:",
                    f"        c.error(here, MISSING, {keyword!r}, N_{title}, v)",
                    "        bad = True",
                ]
        lines += [
            f"    out = [{item} for i, x in enumerate(v)]",
            "    return UNKNOWN if bad else out",
        ]
        return lines


@functools.cache
def _reader(shape: str) -> Reader:
    definitions = schema.definitions_of(shape)
    writer = _Writer(definitions)
    name = writer.reader(shape)
    source = "\n\n".join(writer.sources)
    code = compile(source, f"<hpt_request.reading {shape}>", "exec")
    exec(code, writer.namespace)  # the functions written above, from the packaged schema
    function: Reader = writer.namespace[name]
    return function


@attrs.frozen
class Reading:
    """What one pass found: the value read (the model object of a valid input; with problems,
    the object with :data:`~hpt_request.rules.UNKNOWN` where they are, for the rules), the
    problems (sorted), and their locations."""

    value: Any
    problems: list[Problem]
    unknown: frozenset[Location]


def read(data: object, shape: str) -> Reading | None:
    """Check ``data`` as the wire form of spec shape ``shape`` and read it in one pass; None
    when the input is not plain JSON data this pass reads (the schema engines decide then)."""
    state = _Pass()
    try:
        value = _reader(shape)(data, (), _MISSING, state)
    except (GiveUp, RecursionError):
        return None
    if not state.errors:
        return Reading(value, [], frozenset())
    problems = schema.problems_of(state.errors, shape)
    return Reading(value, problems, frozenset(problem.location for problem in problems))
