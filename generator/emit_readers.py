"""Write ``hpt_request/schema/readers.py``: one reader function per definition of the JSON Schemas.

A reader takes ``(value, place of its parent, its step there or MISSING, the pass)``, a place
being a linked pair ``(parent's place, step)`` (``_readkit.Place``) that becomes a location only
when an error is noted; a container builds its own place only if it holds containers. It
checks every keyword of its definition as the reference engine does (with the wire's strict
types, see ``hpt_request.schema.engines``), notes each error in the pass, and returns what the
value reads as (see ``hpt_request.schema.reading``). If the pass keeps copies (``keep``:
``from_wire`` asks for them, ``validate`` does not), the reader of an object or an array also
leaves a private deep copy of the value in the pass (``last``), for ``to_wire`` to compare with
later.
Scalars are checked in place by the reader of the structure, list or map that holds them (a
string with a pattern by one lookup among the texts already known to pass its definition); only
when that quick check fails is the scalar's own reader called, to note exactly which keywords
fail. A structure's members are set straight into the model object's slots (``_readkit.slot``):
every value has been checked.

The code is written from the schema documents that ``emit_schema`` makes, so it checks exactly
what the packaged schemas say; the model's names (classes, attributes, enums) come from the same
spec through ``names``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator import emit_schema, names
from generator.spec import REQUEST_ROOT, RESPONSE_ROOT, Spec


def _deref(node: Mapping[str, Any]) -> str:
    return str(node["$ref"]).rsplit("/", 1)[-1]


def _report(keyword: str, title: str) -> str:
    return f"c.error(at, step, {keyword!r}, {title!r}, v)"


class ReaderEmitter:
    """Writes the reader of each definition once, depth first from the roots."""

    def __init__(self, spec: Spec, definitions: Mapping[str, Any]) -> None:
        self.spec = spec
        self.definitions = definitions
        self.done: set[str] = set()
        self.patterns: set[str] = set()
        self.functions: list[str] = []
        self.constants: list[str] = []

    # -- the parts of the module -----------------------------------------------------------------

    def reader(self, title: str) -> str:
        """The name of the reader of definition ``title`` (written on first use)."""
        if title not in self.done:
            self.done.add(title)
            node = self.definitions[title]
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
            else:
                raise ValueError(f"no reader for schema type {kind!r} ({title})")
            self.functions.append("\n".join(lines))
        return f"read_{title}"

    def pattern(self, title: str, node: Mapping[str, Any]) -> None:
        """Declare definition ``title``'s pattern (once) and its valid texts known so far."""
        if title not in self.patterns:
            self.patterns.add(title)
            low, high = int(node.get("minLength", 0)), node.get("maxLength")
            bounds = f"{low}, {None if high is None else int(high)}"
            self.constants += [
                f"PATTERN_{title} = Pattern({node['pattern']!r})",
                f"TEXTS_{title} = ValidTexts(PATTERN_{title}, {bounds})",
                f"VALID_{title} = TEXTS_{title}.seen",
            ]

    def known_valid(self, title: str, node: Mapping[str, Any], var: str) -> str:
        """A test that the ``str`` ``var`` passes every string keyword of a definition with a
        pattern: first among the texts already known to, else checked (and remembered)."""
        self.pattern(title, node)
        return f"({var} in VALID_{title} or TEXTS_{title}.admits({var}))"

    def enum(self, title: str, node: Mapping[str, Any]) -> None:
        values = [str(value) for value in node["enum"]]
        shape = self.spec.shapes[title]
        if list(shape.get("enum", ())) != values:
            raise ValueError(f"{title}: the schema's enum is not the spec's")
        if any(key in node for key in ("minLength", "maxLength", "pattern")):
            raise ValueError(f"{title}: an enum with other string keywords is not read here")
        self.constants.append(f"ENUM_{title} = members(model.{title})")

    def is_container(self, title: str) -> bool:
        """Whether a value of definition ``title`` is an object or an array (whose reader leaves
        a copy of it in the pass's ``last`` if the pass keeps copies)."""
        return str(self.definitions[title]["type"]) in ("object", "array")

    def here(self, titles: list[str]) -> str:
        """The expression of a container's own place in its reader: ``here``, made once at the
        start, if it holds containers (whose readers are always called); else a pair made
        only where a member's quick check fails or an error is noted."""
        return "here" if any(self.is_container(title) for title in titles) else "(at, step)"

    # -- quick checks in place ------------------------------------------------------------------

    def inline(self, title: str, var: str, at: str, step: str) -> str:
        """An expression that reads ``var``, a value of definition ``title``: a scalar is
        checked in place and goes to its reader only if that check fails."""
        read = self.reader(title)
        node = self.definitions[title]
        slow = f"{read}({var}, {at}, {step}, c)"
        kind = node["type"]
        tests: list[str]
        if kind == "string" and "enum" in node:
            return (
                f"(m if type({var}) is str and (m := ENUM_{title}.get({var}, MISSING)) "
                f"is not MISSING else {slow})"
            )
        if kind == "string" and "pattern" in node:
            tests = [f"type({var}) is str", self.known_valid(title, node, var)]
        elif kind == "string":
            tests = [f"type({var}) is str", f"{var}.isascii()"]
            low, high = int(node.get("minLength", 0)), node.get("maxLength")
            if high is not None:
                tests.append(
                    f"len({var}) <= {int(high)}"
                    if not low
                    else f"{low} <= len({var}) <= {int(high)}"
                )
            elif low:
                tests.append(f"{low} <= len({var})")
        elif kind == "integer":
            tests = [f"type({var}) is int", *self.bound_tests(node, var)]
        elif kind == "number":
            tests = [
                f"(type({var}) is int or (type({var}) is float and finite({var})))",
                *self.bound_tests(node, var),
            ]
        elif kind == "boolean":
            tests = [f"type({var}) is bool"]
        else:
            return slow
        return f"({var} if {' and '.join(tests)} else {slow})"

    @staticmethod
    def bound_tests(node: Mapping[str, Any], var: str) -> list[str]:
        low, high = node.get("minimum"), node.get("maximum")
        if low is not None and high is not None:
            return [f"{low!r} <= {var} <= {high!r}"]
        if low is not None:
            return [f"{var} >= {low!r}"]
        return [f"{var} <= {high!r}"] if high is not None else []

    # -- the readers -----------------------------------------------------------------------------

    def string_checks(
        self, title: str, node: Mapping[str, Any], var: str, report: str
    ) -> list[str]:
        """Lines that check the string ``var`` against the string keywords of ``node`` and set
        ``bad``; ``report`` notes an error (``{kw}`` stands for the keyword)."""
        lines = []
        low, high = int(node.get("minLength", 0)), node.get("maxLength")
        if low > 0 or high is not None:
            lines.append(f"n = len({var})")
        if low > 0:
            lines += [f"if n < {low}:", "    " + report.format(kw="'minLength'"), "    bad = True"]
        if high is not None:
            lines += [
                f"if n > {int(high)}:",
                "    " + report.format(kw="'maxLength'"),
                "    bad = True",
            ]
        if "pattern" in node:
            self.pattern(title, node)
            lines += [
                f"if not PATTERN_{title}.search({var}):",
                "    " + report.format(kw="'pattern'"),
                "    bad = True",
            ]
        return lines

    def string(self, title: str, node: Mapping[str, Any]) -> list[str]:
        has_enum = "enum" in node
        report = f"c.error(at, step, {{kw}}, {title!r}, v)"
        lines = [
            f"def read_{title}(v: Any, at: Place, step: Any, c: Pass) -> Any:",
            "    if type(v) is not str:",
            "        if isinstance(v, str):",
            "            raise GiveUp",
            f"        return c.wrong_type(at, step, {title!r}, v, {has_enum})",
            "    bad = False",
            "    if not v.isascii() and surrogate(v):",
            "        " + _report("type", title),
        ]
        if has_enum:  # enum is not gated on the type: a lone surrogate is not in it either
            lines.append("        " + _report("enum", title))
        lines.append("        return UNKNOWN")
        lines += ["    " + line for line in self.string_checks(title, node, "v", report)]
        if has_enum:
            self.enum(title, node)
            lines += [
                f"    member = ENUM_{title}.get(v, MISSING)",
                "    if member is MISSING:",
                "        " + _report("enum", title),
                "        return UNKNOWN",
                "    return UNKNOWN if bad else member",
            ]
        else:
            lines.append("    return UNKNOWN if bad else v")
        return lines

    def number(self, title: str, node: Mapping[str, Any]) -> list[str]:
        bounds = []
        for keyword, test in (("minimum", "<"), ("maximum", ">")):
            if keyword in node:
                bounds += [
                    f"    if v {test} {node[keyword]!r}:",
                    "        " + _report(keyword, title),
                    "        bad = True",
                ]
        lines = [
            f"def read_{title}(v: Any, at: Place, step: Any, c: Pass) -> Any:",
            "    kind = type(v)",
            "    bad = False",
            "    if kind is float:",
            "        if not finite(v):",
            "            " + _report("type", title),
            "            return UNKNOWN",
        ]
        if node["type"] == "integer":  # a float is no integer, but its bounds are checked too
            lines += ["        " + _report("type", title), "        bad = True"]
        lines += [
            "    elif kind is not int:",
            "        if kind is bool or isinstance(v, (int, float)):",
            "            if kind is not bool:",
            "                raise GiveUp",
            "            " + _report("type", title),
            "            return UNKNOWN",
            f"        return c.wrong_type(at, step, {title!r}, v, False)",
            *bounds,
            "    return UNKNOWN if bad else v",
        ]
        return lines

    def boolean(self, title: str) -> list[str]:
        return [
            f"def read_{title}(v: Any, at: Place, step: Any, c: Pass) -> Any:",
            "    if type(v) is bool:",
            "        return v",
            "    if isinstance(v, bool):",
            "        raise GiveUp",
            f"    return c.wrong_type(at, step, {title!r}, v, False)",
        ]

    def container_start(self, title: str, kind: str, bounded: bool = False) -> list[str]:
        """The first lines of a reader of a ``dict`` or ``list``: its type, and its size counted
        against the pass's bounds. A ``bounded`` container (a structure) checks the bounds only
        when it holds more than its members: until then its size is at most their number, and
        the next container, or the end of the pass, sees that the pass went over."""
        other = "list" if kind == "dict" else "dict"
        return [
            f"def read_{title}(v: Any, at: Place, step: Any, c: Pass) -> Any:",
            f"    if type(v) is not {kind} and (isinstance(v, {other}) or "
            f"not isinstance(v, {kind})):",
            f"        return c.wrong_type(at, step, {title!r}, v, False)",
            "    size = len(v)",
            "    c.left -= size",
            *(
                []
                if bounded
                else ["    if size > MAX_ENTRIES or c.left < 0:", "        raise GiveUp"]
            ),
        ]

    def structure(self, title: str, node: Mapping[str, Any]) -> list[str]:
        shape = self.spec.shapes[title]
        properties: Mapping[str, Any] = node["properties"]
        if list(shape["members"]) != list(properties):
            raise ValueError(f"{title}: the schema's members are not the spec's")
        required = set(node.get("required", ()))
        if len(properties) > 1000:  # _readkit.MAX_ENTRIES: a structure's own size is bounded
            raise ValueError(f"{title}: more members than a pass reads in one container")
        self.constants.append(f"MEMBERS_{title} = frozenset({list(properties)!r})")
        here = self.here([_deref(member) for member in properties.values()])
        # Whether the copy of the value (kept if the pass keeps copies) holds copies of its
        # members' containers, made as they are read; else it is a plain copy, made at the end.
        nested = here == "here"
        lines = [
            *self.container_start(title, "dict", bounded=True),
            *(["    here = (at, step)"] if nested else []),
            f"    o = new(model.{title})",
            *(["    keep = c.keep", "    if keep:", "        w = dict(v)"] if nested else []),
            "    found = 0",
            *(["    missing = False"] if required else []),
        ]
        for wire, member in properties.items():
            attribute = names.attribute_name(wire)
            setter = f"SET_{title}_{attribute}"
            self.constants.append(f"{setter} = slot(model.{title}, {attribute!r})")
            read = self.inline(_deref(member), "x", here, repr(wire))
            if wire in required:
                absent = ["        missing = True", f"        {setter}(o, UNKNOWN)"]
            else:
                absent = [f"        {setter}(o, None)"]
            lines += [
                f"    if {wire!r} in v:",
                f"        x = v[{wire!r}]",
                "        found += 1",
                f"        {setter}(o, {read})",
            ]
            if self.is_container(_deref(member)):
                lines += ["        if keep:", f"            w[{wire!r}] = c.last"]
            lines += ["    else:", *absent]
        if required:
            lines += [
                "    if missing:",
                f"        c.error(at, step, 'required', {title!r}, v)",
            ]
        lines += [
            "    if found != size:",
            "        if size > MAX_ENTRIES or c.left < 0:",
            "            raise GiveUp",
            "        for key, x in v.items():",
            f"            if key not in MEMBERS_{title}:",
            "                c.count_all(x)",
            f"        c.error(at, step, 'additionalProperties', {title!r}, v)",
            *(
                ["    if keep:", "        c.last = w"]
                if nested
                else ["    if c.keep:", "        c.last = dict(v)"]
            ),
            "    return o",
        ]
        return lines

    @staticmethod
    def size_checks(title: str, node: Mapping[str, Any], low: str, high: str) -> list[str]:
        """Lines that note ``node``'s size keywords (``low``, ``high``) a container breaks."""
        lines = []
        for keyword, test in ((low, "<"), (high, ">")):
            if keyword in node and not (test == "<" and int(node[keyword]) == 0):  # size >= 0
                lines += [
                    f"    if size {test} {int(node[keyword])}:",
                    f"        c.error(at, step, {keyword!r}, {title!r}, v)",
                    "        bad = True",
                ]
        return lines

    def mapping(self, title: str, node: Mapping[str, Any]) -> list[str]:
        key_title = _deref(node["propertyNames"])
        key_node = self.definitions[key_title]
        if key_node["type"] != "string" or "enum" in key_node:
            raise ValueError(f"{title}: map keys other than plain strings are not read here")
        here = self.here([_deref(node["additionalProperties"])])
        value = self.inline(_deref(node["additionalProperties"]), "x", here, "key")
        lines = [
            *self.container_start(title, "dict"),
            *(["    here = (at, step)"] if here == "here" else []),
            "    bad = False",
            *self.size_checks(title, node, "minProperties", "maxProperties"),
        ]
        report = f"c.key_error(at, step, {{kw}}, {key_title!r}, key)"
        checks = [
            "if not key.isascii() and surrogate(key):",
            "    raise GiveUp",
            *self.string_checks(key_title, key_node, "key", report),
        ]
        if "pattern" in key_node:  # the keys known to be valid skip the checks
            checks = [
                f"if not {self.known_valid(key_title, key_node, 'key')}:",
                *("    " + line for line in checks),
            ]
        lines += [
            "    for key, x in v.items():",
            "        if type(key) is not str:",
            "            raise GiveUp",
            *("        " + line for line in checks),
            f"        if {value} is UNKNOWN:",
            "            bad = True",
            "    if c.keep:",
            "        c.last = dict(v)",
            "    return UNKNOWN if bad else dict(v)",
        ]
        return lines

    def array(self, title: str, node: Mapping[str, Any]) -> list[str]:
        here = self.here([_deref(node["items"])])
        item = self.inline(_deref(node["items"]), "x", here, "i")
        lines = [
            *self.container_start(title, "list"),
            *(["    here = (at, step)"] if here == "here" else []),
            "    bad = False",
            *self.size_checks(title, node, "minItems", "maxItems"),
        ]
        if self.is_container(_deref(node["items"])):
            lines += [
                "    out = []",
                "    if c.keep:",
                "        copies = []",
                "        for i, x in enumerate(v):",
                f"            out.append({item})",
                "            copies.append(c.last)",
                "        c.last = copies",
                "    else:",
                "        for i, x in enumerate(v):",
                f"            out.append({item})",
            ]
        else:
            lines += [
                f"    out = [{item} for i, x in enumerate(v)]",
                "    if c.keep:",
                "        c.last = list(v)",
            ]
        lines.append("    return UNKNOWN if bad else out")
        return lines


def emit(spec: Spec) -> str:
    definitions: dict[str, Any] = {}
    for root in (REQUEST_ROOT, RESPONSE_ROOT):
        for title, node in emit_schema.document(spec, root)["definitions"].items():
            if definitions.setdefault(title, node) != node:
                raise ValueError(f"{title} differs between the schemas")
    emitter = ReaderEmitter(spec, definitions)
    for root in (REQUEST_ROOT, RESPONSE_ROOT):
        emitter.reader(root)
    structures = sorted(
        title
        for title, node in definitions.items()
        if node["type"] == "object" and "properties" in node
    )
    readers = "\n".join(f'    "{title}": read_{title},' for title in structures)
    lines = [
        f"# GENERATED by `python -m generator` from botocore {spec.botocore_version}",
        f"# (SageMaker API {spec.api_version}, spec sha256 {spec.sha256}).",
        "# Do not edit: change generator/emit_readers.py or refresh the spec, then regenerate.",
        '"""The wire readers: one function per definition of the packaged JSON Schemas, written',
        "from them by ``generator/emit_readers.py``. Each checks its definition's keywords as the",
        "reference engine does and reads the value into model objects; see",
        ":mod:`hpt_request.schema.reading`, which calls them.",
        '"""',
        "",
        "from typing import Any",
        "",
        "from hpt_request.model import shapes as model",
        "from hpt_request.schema._readkit import (",
        "    MAX_ENTRIES,",
        "    MISSING,",
        "    UNKNOWN,",
        "    GiveUp,",
        "    Pass,",
        "    Pattern,",
        "    Place,",
        "    ValidTexts,",
        "    finite,",
        "    members,",
        "    slot,",
        "    surrogate,",
        ")",
        "",
        "new = object.__new__",
        "",
        *sorted(emitter.constants),
        "",
        "",
        "\n\n\n".join(emitter.functions),
        "",
        "",
        "# The reader of each structure, by its spec shape (what reading.read starts from).",
        "STRUCTURES = {",
        readers,
        "}",
        "",
    ]
    return "\n".join(lines)
