"""Emit ``hpt_request/model/shapes.py``: one attrs class per structure, one ``str`` enum per
enum."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from generator.names import attribute_name, converter_name, enum_member_name
from generator.spec import REQUEST_ROOT, RESPONSE_ROOT, Spec, SpecError

# Members whose wire strings are built from Python values (see hpt_request/model/values.py).
# (structure, member) -> (function in _values, input annotation, output annotation)
VALUE_MEMBERS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("IntegerParameterRange", "MinValue"): ("range_bound", "_values.RangeBound", "str"),
    ("IntegerParameterRange", "MaxValue"): ("range_bound", "_values.RangeBound", "str"),
    ("ContinuousParameterRange", "MinValue"): ("range_bound", "_values.RangeBound", "str"),
    ("ContinuousParameterRange", "MaxValue"): ("range_bound", "_values.RangeBound", "str"),
    ("CategoricalParameterRange", "Values"): (
        "hyperparameter_values",
        "Iterable[_values.HyperParameterInput]",
        "list[str]",
    ),
    ("AutoParameter", "ValueHint"): (
        "hyperparameter_value",
        "_values.HyperParameterInput",
        "str",
    ),
    ("HyperParameterTrainingJobDefinition", "StaticHyperParameters"): (
        "hyperparameter_map",
        "Mapping[str, _values.HyperParameterInput] | None",
        "dict[str, str] | None",
    ),
}

# Hand-written helper methods mixed into generated classes (hpt_request/model/base.py and, for
# the request, hpt_request/model/request.py): the only behaviour a model class has beyond its
# fields (and the ``==`` and ``repr()`` of ``_base.Structure``, the base of the others and of
# every class not named here). structure -> helper class, as the generated module names it.
HELPERS: dict[str, str] = {
    "IntegerParameterRange": "_base.IntegerRangeHelpers",
    "ContinuousParameterRange": "_base.ContinuousRangeHelpers",
    "CategoricalParameterRange": "_base.CategoricalRangeHelpers",
    "CreateHyperParameterTuningJobRequest": "_request.RequestHelpers",
}

SCALAR_PYTHON = {
    "string": "str",
    "integer": "int",
    "long": "int",
    "float": "float",
    "double": "float",
    "boolean": "bool",
}


class ModelEmitter:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.shapes = spec.shapes
        request = spec.closure(REQUEST_ROOT)
        response = spec.closure(RESPONSE_ROOT)
        self.names = list(dict.fromkeys(request + response))
        self.places = self.single_places()
        if set(HELPERS) - set(self.names):
            raise SpecError(
                f"HELPERS names structures the spec lacks: {sorted(set(HELPERS) - set(self.names))}"
            )
        unknown = set(VALUE_MEMBERS) - {
            (s, m) for s in self.names for m in self.shapes[s].get("members", {})
        }
        if unknown:
            raise SpecError(f"VALUE_MEMBERS names members the spec lacks: {sorted(unknown)}")

    def single_places(self) -> dict[str, str]:
        """The wire path of each structure that has a single place in a request (or a
        response) outside any list: ``""`` for the roots. A structure with several places, or
        one in a list, cannot know its own when it is built, and is not listed."""
        places: dict[str, list[str | None]] = {}
        stack: list[tuple[str, str | None]] = [(REQUEST_ROOT, ""), (RESPONSE_ROOT, "")]
        while stack:
            name, path = stack.pop()
            places.setdefault(name, []).append(path)
            for member, ref in self.shapes[name].get("members", {}).items():
                held, in_list = ref["shape"], False
                if self.shapes[held]["type"] == "list":
                    held, in_list = self.shapes[held]["member"]["shape"], True
                if self.shapes[held]["type"] != "structure" or len(places.get(held, ())) > 1:
                    continue  # two places are as many as it takes to have no single one
                inner = None if path is None or in_list else f"{path}.{member}".lstrip(".")
                stack.append((held, inner))
        return {
            name: found[0]
            for name, found in places.items()
            if len(found) == 1 and found[0] is not None
        }

    def label(self, structure: str, member: str) -> str:
        """How a FieldTypeError names a member: by its wire path where its structure has a
        single place (:meth:`single_places`), else as ``Structure.Member``."""
        place = self.places.get(structure)
        if place is None:
            return f"{structure}.{member}"
        return f"{place}.{member}" if place else member

    def is_enum(self, name: str) -> bool:
        return "enum" in self.shapes[name]

    @staticmethod
    def literal_name(name: str) -> str:
        """The ``Literal`` alias of an enum's wire strings (what a type checker accepts)."""
        return f"_{name}Literal"

    def python_type(self, name: str) -> str:
        shape = self.shapes[name]
        kind = shape["type"]
        if kind == "structure":
            return name
        if self.is_enum(name):
            return f"{name} | {self.literal_name(name)}"
        if kind in SCALAR_PYTHON:
            return SCALAR_PYTHON[kind]
        if kind == "list":
            member = shape["member"]["shape"]
            if self.is_enum(member):
                raise SpecError(f"list {name} of enum {member} is not supported")
            return f"list[{self.python_type(member)}]"
        if kind == "map":
            key, value = shape["key"]["shape"], shape["value"]["shape"]
            if self.shapes[value]["type"] != "string" or self.is_enum(value) or self.is_enum(key):
                raise SpecError(f"map {name}: only maps of plain strings are supported")
            return "dict[str, str]"
        raise SpecError(f"shape {name}: no Python type for {kind}")

    def structure_order(self) -> list[str]:
        """Structures with every structure they use defined before them."""
        done: dict[str, None] = {}

        def visit(name: str) -> None:
            if name in done:
                return
            shape = self.shapes[name]
            for ref in _refs(shape):
                visit(ref)
            if shape["type"] == "structure":
                done[name] = None

        for name in self.names:
            visit(name)
        return list(done)

    def emit(self) -> str:
        spec = self.spec
        enums = sorted(n for n in self.names if self.is_enum(n))
        structures = self.structure_order()
        lines = [
            f"# GENERATED by `python -m generator` from botocore {spec.botocore_version}",
            f"# (SageMaker API {spec.api_version}, spec sha256 {spec.sha256}).",
            "# Do not edit: change the generator or refresh the spec, then regenerate.",
            '"""The attrs model of the CreateHyperParameterTuningJob request and response.',
            "",
            "One class per structure of the spec and one ``str`` enum per enum, each named",
            "exactly as its spec shape. Attributes are snake_case and keyword-only; required",
            "members are required arguments and optional ones default to ``None``. Every field's",
            'metadata holds its wire name (``"wire"``, copied from the spec) and its spec shape',
            '(``"shape"``); ``SHAPE_CONSTRAINTS`` holds the constraints of every non-structure',
            "shape as the spec states them. Class docstrings and the string after each field",
            "carry botocore's documentation of the shape and member (its first sentence or two),",
            "for ``help()`` and editors' hovers.",
            '"""',
            "",
            "from collections.abc import Iterable, Mapping",
            "from typing import Any, Final, Literal, TypeAlias",
            "",
            "import attrs",
            "",
            "from hpt_request.model import base as _base",
            "from hpt_request.model import request as _request",
            "from hpt_request.model import values as _values",
            "",
            f'BOTOCORE_VERSION: Final = "{spec.botocore_version}"',
            f'API_VERSION: Final = "{spec.api_version}"',
            f'SPEC_SHA256: Final = "{spec.sha256}"',
        ]
        for name in enums:
            lines += self.emit_enum(name)
        for structure in structures:
            for member in self.shapes[structure]["members"]:
                if (structure, member) in VALUE_MEMBERS:
                    lines += self.emit_value_converter(structure, member)
        for structure in structures:
            lines += self.emit_structure(structure)
        lines += self.emit_tables(enums, structures)
        return "\n".join(lines).rstrip("\n") + "\n"

    def emit_enum(self, name: str) -> list[str]:
        values = self.shapes[name]["enum"]
        members = [enum_member_name(v) for v in values]
        if len(set(members)) != len(members):
            raise SpecError(f"enum {name}: member names collide: {members}")
        summary = f"{self.spec.docs[name]} " if name in self.spec.docs else ""
        doc = f'    r"""{summary}Spec enum ``{name}``."""'
        out = ["", "", f"class {name}(_values.WireEnum):", doc, ""]
        out += [f"    {m} = {json.dumps(v)}" for m, v in zip(members, values, strict=True)]
        literal = self.literal_name(name)
        strings = ", ".join(json.dumps(v) for v in values)
        out += [
            "",
            "",
            f"{literal}: TypeAlias = Literal[{strings}]",
            "",
            "",
            f"def _as_{attribute_name(name)}("
            f"value: {name} | {literal} | None) -> {name} | {literal} | None:",
            f"    return _values.enum_or_str({name}, value)",
        ]
        return out

    def emit_value_converter(self, structure: str, member: str) -> list[str]:
        function, given, result = VALUE_MEMBERS[(structure, member)]
        label = self.label(structure, member)
        return [
            "",
            "",
            f"def {converter_name(structure, member)}(value: {given}) -> {result}:",
            f'    return _values.{function}(value, "{label}")',
        ]

    def emit_structure(self, name: str) -> list[str]:
        shape = self.shapes[name]
        required = set(shape.get("required", []))
        doc = ['    r"""' + self.spec.docs.get(name, f"Spec structure ``{name}``."), ""]
        if name in self.spec.docs:
            doc += [f"    Spec structure ``{name}``. Wire members, in order:", ""]
        else:
            doc += ["    Wire members, in order:", ""]
        fields = []
        seen: set[str] = set()
        for member, ref in shape["members"].items():
            attr = attribute_name(member)
            if attr in seen:
                raise SpecError(f"{name}: two members map to attribute {attr!r}")
            seen.add(attr)
            ref_name = ref["shape"]
            annotation = self.python_type(ref_name)
            arguments = []
            if (name, member) in VALUE_MEMBERS:
                annotation = VALUE_MEMBERS[(name, member)][2].replace(" | None", "")
                arguments.append(f"converter={converter_name(name, member)}")
            elif self.is_enum(ref_name):
                arguments.append(f"converter=_as_{attribute_name(ref_name)}")
                label = self.label(name, member)
                arguments.append(f'validator=_values.python_type("{label}", "string")')
            elif self.shapes[ref_name]["type"] in SCALAR_PYTHON:
                kind = self.shapes[ref_name]["type"]
                label = self.label(name, member)
                arguments.append(f'validator=_values.python_type("{label}", "{kind}")')
            if member not in required:
                annotation += " | None"
                arguments.insert(0, "default=None")
            metadata = f'{{"wire": "{member}", "shape": "{ref_name}"}}'
            arguments.append(f"metadata={metadata}")
            fields.append(f"    {attr}: {annotation} = attrs.field({', '.join(arguments)})")
            flag = "required" if member in required else "optional"
            text = self.spec.docs.get(f"{name}.{member}")
            line = f"    - ``{attr}``: ``{member}`` ({flag}; {self.describe(ref_name)})"
            doc.append(f"{line}. {text}" if text else line)
            if text:  # an attribute docstring: what editors show when hovering the field
                fields.append(f'    """``{member}``: {_escaped(text)}"""')
        doc += ['    """', ""]
        base = HELPERS.get(name, "_base.Structure")
        # eq and repr come from _base.Structure, shared rather than compiled per class; every
        # field is an attrs.field(), so attrs need not scan the annotations for them (it would
        # render each annotation as text to look for ClassVar): the same fields, types and order.
        decorator = "@attrs.define(kw_only=True, eq=False, repr=False, auto_attribs=False)"
        return ["", "", decorator, f"class {name}({base}):", *doc, *fields]

    def describe(self, name: str) -> str:
        shape = self.shapes[name]
        kind = shape["type"]
        if kind == "structure":
            return f"``{name}``"
        if kind == "list":
            text = f"list of {self.describe(shape['member']['shape'])}"
            return text + _limits(shape, "items")
        if kind == "map":
            return "map of string to string" + _limits(shape, "entries")
        if "enum" in shape:
            return f"``{name}``"
        text = str(kind) + _limits(shape, "characters" if kind == "string" else "")
        if "pattern" in shape:
            text += f", pattern ``{shape['pattern']}``"
        return text

    def emit_tables(self, enums: list[str], structures: list[str]) -> list[str]:
        constraints: dict[str, Mapping[str, Any]] = {
            name: dict(self.shapes[name])
            for name in sorted(self.names)
            if self.shapes[name]["type"] != "structure"
        }
        out = ["", "", "SHAPE_CONSTRAINTS: Final[Mapping[str, Mapping[str, Any]]] = {"]
        for name, shape in constraints.items():
            out.append(f"    {json.dumps(name)}: {_python_literal(shape)},")
        out.append("}")
        out += ["", "ENUMS: Final[tuple[type[_values.WireEnum], ...]] = ("]
        out += [f"    {name}," for name in enums]
        out += [")", "", "STRUCTURES: Final[tuple[type[Any], ...]] = ("]
        out += [f"    {name}," for name in sorted(structures)]
        out += [")"]
        names = ["API_VERSION", "BOTOCORE_VERSION", "SPEC_SHA256", *enums, *structures]
        # isort style, as ruff's RUF022 wants: CONSTANTS, then Classes, then functions.
        exported = sorted(names, key=lambda n: (0 if n.isupper() else 1, n))
        out += ["", "__all__ = ["] + [f'    "{name}",' for name in exported] + ["]"]
        return out


def _limits(shape: Mapping[str, Any], unit: str) -> str:
    low, high = shape.get("min"), shape.get("max")
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f", {low}-{high}{unit}"
    if low is not None:
        return f", at least {low}{unit}"
    if high is not None:
        return f", at most {high}{unit}"
    return ""


def _escaped(text: str) -> str:
    """``text`` inside a plain triple-quoted string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _python_literal(value: Any) -> str:
    return str(
        json.dumps(value, ensure_ascii=True).replace("true", "True").replace("false", "False")
    )


def _refs(shape: Mapping[str, Any]) -> list[str]:
    refs = [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    return refs + [m["shape"] for m in shape.get("members", {}).values()]


def emit(spec: Spec) -> str:
    return ModelEmitter(spec).emit()
