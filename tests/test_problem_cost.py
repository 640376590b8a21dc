"""What makes each schema problem cheaper changes no result: the message functions made once per
schema definition and keyword say what the ones made afresh say, values are shown as
``json.dumps`` writes them, problems made by the fast constructor are the problems ``Problem()``
makes, and the flat sort key orders problems as the step-by-step key does."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hpt_request import schema

REQUEST = "CreateHyperParameterTuningJobRequest"
DEFINITIONS = schema._definitions(REQUEST)

# Every (definition, keyword) of the request schema that has a message function of its own.
EXPLAINED = sorted(
    (title, keyword)
    for title, node in DEFINITIONS.items()
    for keyword in schema._EXPLAIN
    if isinstance(node, dict) and keyword in node
)

# Offending values of every JSON kind, and some that are not JSON at all.
VALUES = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=300),
    st.sampled_from(["", "ml.m5.xlarge", "m5.xlarge", "file", "Tape", "x" * 300]),
    st.integers(),
    st.integers(min_value=2**250, max_value=2**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
)
SUBJECTS = st.sampled_from(["Value", "the key", "The request", 'StaticHyperParameters["a b"]'])


@given(st.sampled_from(EXPLAINED), st.lists(st.tuples(SUBJECTS, VALUES), min_size=1, max_size=8))
def test_remembered_message_functions_say_what_fresh_ones_say(
    where: tuple[str, str], cases: list[tuple[str, Any]]
) -> None:
    """The function made once for a definition and keyword, used on value after value, gives
    the message that a function made afresh for each value gives."""
    title, keyword = where
    node = DEFINITIONS[title]
    remembered = schema._definition_message(REQUEST, title, keyword)
    for subject, value in cases:
        fresh = schema._message_function(keyword, node, node[keyword])
        assert remembered(subject, value) == fresh(subject, value)
        assert remembered(subject, value) == schema._describe(
            keyword, subject, value, node, node[keyword]
        )


def test_message_functions_are_kept_per_definition_and_keyword_only() -> None:
    """However many values are explained, one function is kept per definition and keyword."""
    schema._definition_message.cache_clear()
    for index in range(200):
        for title, keyword in (("TagValue", "maxLength"), ("TagKey", "minLength")):
            location = ("Tags", index, "Value")
            schema.problems_of([(location, keyword, title, "v" * (300 + index), False)], REQUEST)
    assert schema._definition_message.cache_info().currsize == 2


def test_limits_are_in_the_messages_of_the_definitions_they_belong_to() -> None:
    """The parts made once say each definition's own limits (botocore: TagKey 1 to 128
    characters, TagValue at most 256, MaxParallelTrainingJobs at least 1)."""
    errors: list[schema.RawError] = [
        (("Tags", 0, "Key"), "minLength", "TagKey", "", False),
        (("Tags", 0, "Key"), "maxLength", "TagKey", "k" * 129, False),
        (("Tags", 1, "Value"), "maxLength", "TagValue", "v" * 257, False),
        (
            ("HyperParameterTuningJobConfig", "ResourceLimits", "MaxParallelTrainingJobs"),
            "minimum",
            "MaxParallelTrainingJobs",
            0,
            False,
        ),
    ]
    messages = [problem.message for problem in schema.problems_of(errors, REQUEST)]
    assert messages[0] == "Key is empty; it must be filled in (at least 1 character)"
    assert messages[1].startswith("Key is 129 characters long; at most 128 characters are ")
    assert messages[2].startswith("Value is 257 characters long; at most 256 characters are ")
    assert messages[3] == "MaxParallelTrainingJobs is 0; the minimum is 1"


def test_long_enums_list_eight_choices_and_count_them_all() -> None:
    """An enum of many values (the training instance types) lists the first eight and says how
    many there are, for every value explained with the same remembered function."""
    node = DEFINITIONS["TrainingInstanceType"]
    choices = node["enum"]
    assert len(choices) > schema.SHOWN_CHOICES
    listed = ", ".join(choices[: schema.SHOWN_CHOICES])
    tail = f"; allowed: {listed}, ... ({len(choices)} values in all)"
    explain = schema._definition_message(REQUEST, "TrainingInstanceType", "enum")
    for value in ("m5.xlarge", "ml.nope.huge", 7):
        assert explain("InstanceType", value).endswith(tail)
    assert "did you mean ml.m5.xlarge?" in explain("InstanceType", "m5.xlarge")


def _dumped(value: object, limit: int) -> str:
    """What _show promises for text: json.dumps of its first ``limit`` characters (non-ASCII
    kept), cut to ``limit`` characters with "..." at the end."""
    assert isinstance(value, str)
    text = json.dumps(value[:limit], ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@given(
    st.one_of(
        st.text(max_size=120),
        st.text(alphabet='ab"\\\x00\x1f\x7f\u2028 é', max_size=120),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=120),
    ),
    st.sampled_from([10, 57, 60, 61, 200]),
)
def test_text_is_shown_as_json_writes_it(value: str, limit: int) -> None:
    """Text with or without characters JSON escapes is shown as json.dumps writes it, cut."""
    assert schema._show(value, limit) == _dumped(value, limit)


@given(st.one_of(st.integers(max_value=2**200), st.floats(allow_nan=False)))
def test_numbers_are_shown_as_json_writes_them(value: float) -> None:
    """A number is shown as json.dumps writes it (cut to 60 characters)."""
    text = json.dumps(value)
    assert schema._show(value) == (text if len(text) <= 60 else text[:57] + "...")
