"""The model and the schemas agree with the spec, read from botocore itself: every structure,
member, wire name, required flag, enum value and constraint, and nothing extra."""

from __future__ import annotations

import html
import inspect
import re
import typing
from typing import Any

import attrs
import botocore.session
import pytest

from generator import patterns, spec
from hpt_request import model
from hpt_request.aws.specdiff import reachable
from hpt_request.schema import engines as schema

SERVICE = botocore.session.get_session().get_service_data("sagemaker")
SHAPES: dict[str, Any] = SERVICE["shapes"]
CLOSURE = reachable(SHAPES, spec.REQUEST_ROOT) + reachable(SHAPES, spec.RESPONSE_ROOT)
STRUCTURES = sorted({n for n in CLOSURE if SHAPES[n]["type"] == "structure"})
ENUMS = sorted({n for n in CLOSURE if "enum" in SHAPES[n]})
CONSTRAINT_KEYS = ("type", "min", "max", "pattern", "enum")


def test_one_class_per_structure_and_nothing_extra() -> None:
    """The model's classes are exactly the spec's structures, named as the shapes."""
    assert sorted(cls.__name__ for cls in model.STRUCTURES) == STRUCTURES
    assert sorted(cls.__name__ for cls in model.ENUMS) == ENUMS
    assert len(STRUCTURES) >= 40


@pytest.mark.parametrize("name", STRUCTURES)
def test_structure_members(name: str) -> None:
    """Members in spec order, wire names copied, required flags and shapes as in the spec."""
    cls = getattr(model, name)
    shape = SHAPES[name]
    fields = attrs.fields(cls)
    assert [f.metadata["wire"] for f in fields] == list(shape["members"])
    assert [f.metadata["shape"] for f in fields] == [m["shape"] for m in shape["members"].values()]
    required = set(shape.get("required", []))
    for field in fields:
        assert field.kw_only
        if field.metadata["wire"] in required:
            assert field.default is attrs.NOTHING, field.name
        else:
            assert field.default is None, field.name


@pytest.mark.parametrize("name", STRUCTURES)
def test_attribute_types_follow_the_spec(name: str) -> None:
    """Each attribute's annotation matches the kind of its member's shape."""
    hints = typing.get_type_hints(getattr(model, name))
    for field in attrs.fields(getattr(model, name)):
        target = SHAPES[field.metadata["shape"]]
        text = str(hints[field.name])
        expected = {
            "structure": field.metadata["shape"],
            "list": "list[",
            "map": "dict[str, str]",
            "integer": "int",
            "long": "int",
            "float": "float",
            "boolean": "bool",
            "string": "str",
        }[target["type"]]
        if "enum" in target:  # the enum or the Literal of its wire strings
            expected = "Literal[" + ", ".join(repr(value) for value in target["enum"]) + "]"
            assert field.metadata["shape"] in text, (field.name, text)
        assert expected in text, (field.name, text)


def test_snake_case_attribute_names() -> None:
    """Attributes are snake_case; the one member where naive conversion fails is right."""
    for cls in model.STRUCTURES:
        for field in attrs.fields(cls):
            assert re.fullmatch(r"[a-z][a-z0-9_]*", field.name), field.name
    names = {f.metadata["wire"]: f.name for f in attrs.fields(model.ResourceConfig)}
    assert names["VolumeSizeInGB"] == "volume_size_in_gb"


@pytest.mark.parametrize("name", ENUMS)
def test_enum_values(name: str) -> None:
    """Each enum lists the spec's values in order, and members are their wire strings."""
    cls = getattr(model, name)
    assert [member.value for member in cls] == SHAPES[name]["enum"]
    for member in cls:
        assert member == member.value
        assert str(member) == member.value


def test_shape_constraints_are_the_spec_constraints() -> None:
    """SHAPE_CONSTRAINTS holds every non-structure shape with exactly the spec's constraints."""
    expected = {}
    for name in sorted(set(CLOSURE)):
        if SHAPES[name]["type"] == "structure":
            continue
        kept = {
            k: v
            for k, v in SHAPES[name].items()
            if k in (*CONSTRAINT_KEYS, "member", "key", "value")
        }
        kept = {k: ({"shape": v["shape"]} if isinstance(v, dict) else v) for k, v in kept.items()}
        expected[name] = kept
    assert {k: dict(v) for k, v in model.SHAPE_CONSTRAINTS.items()} == expected


def _resolve(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    target: dict[str, Any] = definitions[node["$ref"].rsplit("/", 1)[-1]]
    return target


@pytest.mark.parametrize("file_name", schema.SCHEMA_FILES)
def test_schema_expresses_every_constraint(file_name: str) -> None:
    """One definition per closure shape, each carrying every constraint of its spec shape."""
    document = schema.document(file_name)
    definitions = document["definitions"]
    root = document["title"]
    assert set(definitions) == set(reachable(SHAPES, root))
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    for name, node in definitions.items():
        shape = SHAPES[name]
        kind = shape["type"]
        assert node["title"] == name
        if kind == "structure":
            assert node["type"] == "object"
            assert node["additionalProperties"] is False
            assert list(node["properties"]) == list(shape["members"])
            assert node.get("required", []) == shape.get("required", [])
            for member, ref in node["properties"].items():
                assert _resolve(ref, definitions)["title"] == shape["members"][member]["shape"]
            continue
        low, high = {
            "list": ("minItems", "maxItems"),
            "map": ("minProperties", "maxProperties"),
            "string": ("minLength", "maxLength"),
        }.get(kind, ("minimum", "maximum"))
        if "min" in shape:
            assert node[low] == shape["min"], name
        if "max" in shape:
            assert node[high] == shape["max"], name
        if "enum" in shape:
            assert node["enum"] == shape["enum"]
        if "pattern" in shape:
            assert node["pattern"] == patterns.translate(shape["pattern"])
        if kind == "list":
            assert _resolve(node["items"], definitions)["title"] == shape["member"]["shape"]
        if kind == "map":
            assert _resolve(node["propertyNames"], definitions)["title"] == shape["key"]["shape"]
            value = _resolve(node["additionalProperties"], definitions)
            assert value["title"] == shape["value"]["shape"]


def test_integer_widths_are_bounded() -> None:
    """Integers without a spec maximum are bounded by their wire width (int32 / int64)."""
    definitions = schema.document(schema.REQUEST_SCHEMA)["definitions"]
    assert definitions["MaxRuntimeInSeconds"]["maximum"] == 2**31 - 1
    assert definitions["Seed"]["minimum"] == -(2**63)
    assert definitions["Seed"]["maximum"] == 2**63 - 1


def _plain_words(html_text: str) -> list[str]:
    """botocore's HTML as words, tags and punctuation at word ends dropped (independently of
    the generator's own conversion)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", html_text))
    return [word.strip(".,;:!?()") for word in text.split()]


def _documented() -> dict[str, str]:
    """Every shape and member of the closure that botocore documents, by "Shape[.Member]"."""
    found = {}
    for name in set(CLOSURE):
        if SHAPES[name].get("documentation", "").strip():
            found[name] = SHAPES[name]["documentation"]
        for member, ref in SHAPES[name].get("members", {}).items():
            if ref.get("documentation", "").strip():
                found[f"{name}.{member}"] = ref["documentation"]
    return found


def test_documentation_is_botocores_first_sentences() -> None:
    """The spec keeps a description for each shape and member botocore documents, and each is
    plain text whose words are botocore's, in botocore's order, from its first word, ending at
    a sentence end or "..." after a whole word, at most 300 characters."""
    documented = _documented()
    docs = spec.load().docs
    assert set(docs) == set(documented)
    assert len(docs) >= 150
    for key, text in docs.items():
        assert not re.search(r"</?[a-z]+[ />]", text), key  # no tag left
        assert not re.search(r"&#?\w+;", text), key  # no entity left
        assert len(text) <= 300, key
        assert text.endswith((".", "...", "?", "!")), key
        words = [word.strip(".,;:!?()") for word in text.removesuffix("...").split()]
        source = iter(_plain_words(documented[key]))
        assert all(word in source for word in words), (key, text)  # an ordered subsequence
        assert words[0] == _plain_words(documented[key])[0], key


@pytest.mark.parametrize("file_name", schema.SCHEMA_FILES)
def test_schema_descriptions_are_the_spec_documentation(file_name: str) -> None:
    """Each definition and property of the schema has its shape's or member's documentation
    as ``description``, and nothing else has one."""
    docs = spec.load().docs
    definitions = schema.document(file_name)["definitions"]
    for name, node in definitions.items():
        assert node.get("description") == docs.get(name), name
        for member, ref in node.get("properties", {}).items():
            assert ref.get("description") == docs.get(f"{name}.{member}"), (name, member)


@pytest.mark.parametrize("name", STRUCTURES)
def test_class_docstrings_explain_each_member(name: str) -> None:
    """A class's docstring starts with its shape's documentation and gives each member's
    documentation on the line naming its attribute and wire name."""
    docs = spec.load().docs
    doc = inspect.getdoc(getattr(model, name)) or ""
    if name in docs:
        assert doc.splitlines()[0] == docs[name]
    lines = doc.splitlines()
    for field in attrs.fields(getattr(model, name)):
        wire = field.metadata["wire"]
        (line,) = [line for line in lines if line.startswith(f"- ``{field.name}``: ``{wire}``")]
        if f"{name}.{wire}" in docs:
            assert line.endswith(f". {docs[f'{name}.{wire}']}"), line
