"""Patterns keep the service's meaning and read the same in every engine."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from hpt_request import validate
from hpt_request.model import examples
from hpt_request.schema import engines as schema

DEFINITIONS: dict[str, Any] = {
    **schema.document(schema.RESPONSE_SCHEMA)["definitions"],
    **schema.document(schema.REQUEST_SCHEMA)["definitions"],
}
PATTERNED = sorted(name for name, node in DEFINITIONS.items() if "pattern" in node)
SERVICE_PATTERNS = {
    name: node["$comment"].split(": ", 1)[1]
    for name, node in DEFINITIONS.items()
    if "pattern" in node
}


def java_oracle(pattern: str) -> str:
    """The service pattern in the `regex` package's dialect with Java's meaning: ASCII \\d and
    \\w, and '.' excluding Java's line terminators. Written independently of the generator."""
    out, in_class, index = [], False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            pair = pattern[index : index + 2]
            if not in_class and pair in ("\\d", "\\w"):
                out.append("[0-9]" if pair == "\\d" else "[A-Za-z0-9_]")
            else:
                # Inside a class the spec only has [\S\s] (any character in both dialects).
                assert not in_class or pair not in ("\\d", "\\w"), pattern
                out.append(pair)
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class and pattern[index - 1] not in "[^":
            in_class = False
        elif char == "." and not in_class:
            char = "[^\\n\\r\\x85\\u2028\\u2029]"
        out.append(char)
        index += 1
    return "".join(out)


RUST = {
    name: jsonschema_rs.Draft7Validator({"type": "string", "pattern": DEFINITIONS[name]["pattern"]})
    for name in PATTERNED
}
ORACLES = {name: regex.compile(java_oracle(SERVICE_PATTERNS[name])) for name in PATTERNED}

ALPHABET = st.sampled_from(
    [
        *list("aZ09-_./:=+@, \t\n\r"),
        "é",
        "部",
        "١",
        "\xa0",
        "\u2003",
        "Ⅻ",
        "½",
        "😀",
        "́",
        "\u2028",
        "\x85",
    ]
)

# Everything an example needs is built once here, not inside the test. A test that calls
# st.from_regex(emitted) per example relies on Hypothesis's global strategy cache to reuse it,
# and after a long run that cache is full of entries read more than once, so it evicts a new
# entry first: each TagKey/TagValue example then rebuilt the strategy of the expanded \p{..}
# class (~160,000 characters, ~0.8 s) and the two took ~80 s each in the full suite. Same
# strategies and same engines as before; only where they are kept has changed. The emitted
# pattern is compiled here for the same reason (re.search(pattern, text) uses re's own cache).
PYTHON = {name: re.compile(DEFINITIONS[name]["pattern"]) for name in PATTERNED}
STRINGS = {
    name: st.from_regex(DEFINITIONS[name]["pattern"]) | st.text(ALPHABET, max_size=30)
    for name in PATTERNED
}


@pytest.mark.parametrize("name", PATTERNED)
def test_every_pattern_compiles_in_both_engines(name: str) -> None:
    """Python's re and jsonschema-rs both accept every emitted pattern."""
    pattern = DEFINITIONS[name]["pattern"]
    re.compile(pattern)
    jsonschema_rs.Draft7Validator({"type": "string", "pattern": pattern})
    assert pattern.startswith("^(?:")
    assert pattern.endswith(")$(?!\\n)")


@pytest.mark.parametrize("name", PATTERNED)
@given(data=st.data())
def test_translation_keeps_the_service_meaning(name: str, data: st.DataObject) -> None:
    """On drawn strings, the emitted pattern (Python re, jsonschema-rs) and a Java-semantics
    oracle on the service pattern give the same verdict."""
    text = data.draw(STRINGS[name])
    oracle = ORACLES[name].fullmatch(text) is not None
    python = PYTHON[name].search(text) is not None
    rust = RUST[name].is_valid(text)
    assert python == oracle == rust


def _request_with(**changes: Any) -> dict[str, Any]:
    request = examples.load("bayesian")
    for dotted, value in changes.items():
        target: Any = request
        steps = dotted.split("__")
        for step in steps[:-1]:
            target = target[int(step)] if step.isdigit() else target[step]
        target[steps[-1]] = value
    return request


def test_unicode_tag_value_is_valid() -> None:
    """\\p{L}, \\p{Z} and \\p{N} keep their Unicode meaning: accents and spaces pass."""
    request = _request_with(Tags=[{"Key": "équipe", "Value": "Équipe données 2"}])
    assert validate(request) == []


def test_arabic_indic_account_id_is_invalid() -> None:
    """\\d is ASCII in the service's dialect: Arabic-Indic digits do not make an account id."""
    request = _request_with(
        TrainingJobDefinition__RoleArn="arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/SageMakerRole"
    )
    problems = validate(request)
    assert [(p.code, p.path) for p in problems] == [("pattern", "TrainingJobDefinition.RoleArn")]


@pytest.mark.parametrize(
    ("value", "valid"),
    [("tuning-1", True), ("tuning-1\n", False), ("\ntuning-1", False), ("tuning_1", False)],
)
def test_whole_value_must_match(value: str, valid: bool) -> None:
    """Anchoring is whole-string in every engine, trailing newline included."""
    request = _request_with(HyperParameterTuningJobName=value)
    assert (validate(request) == []) is valid
    node = DEFINITIONS["HyperParameterTuningJobName"]
    assert jsonschema_rs.Draft7Validator(node).is_valid(value) is valid
    assert jsonschema.Draft7Validator(node).is_valid(value) is valid


def test_tag_pattern_class_size_is_reasonable() -> None:
    """The expanded \\p{..} class stays a few kilobytes (UTF-8)."""
    size = len(json.dumps(DEFINITIONS["TagKey"]["pattern"], ensure_ascii=False).encode())
    assert 2_000 < size < 10_000


@pytest.mark.parametrize("name", [name for name in PATTERNED if "\\p{" in SERVICE_PATTERNS[name]])
def test_unicode_classes_agree_on_every_character(name: str) -> None:
    """Where the service pattern is one repeated class of Unicode properties (TagKey,
    TagValue), every single character, all of Unicode but surrogates, gets the same verdict
    from the emitted pattern (re and jsonschema-rs) and the oracle: a range the translation
    dropped or added is found even in a block no drawn string reaches."""
    assert SERVICE_PATTERNS[name].startswith("([")
    assert SERVICE_PATTERNS[name].endswith("]*)")  # so one character tests the class
    characters = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    oracle = ORACLES[name]
    differ = [
        char
        for char in characters
        if (PYTHON[name].search(char) is not None) != (oracle.fullmatch(char) is not None)
    ]
    assert differ == []
    sample = characters[::97]  # jsonschema-rs is called once per text: a spread, not all
    assert [c for c in sample if RUST[name].is_valid(c) != (oracle.fullmatch(c) is not None)] == []
