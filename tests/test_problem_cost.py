"""What makes each schema problem cheaper changes no result: the message functions made once per
schema definition and keyword say what the ones made afresh say, values are shown as
``json.dumps`` writes them, problems made by the fast constructor are the problems ``Problem()``
makes, and the flat sort key orders problems as the step-by-step key does."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpt_request.model import errors
from hpt_request.model.errors import Problem, Step, new_problem
from hpt_request.schema import engines as schema

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
    schema._messages.cache_clear()
    for index in range(200):
        for title, keyword in (("TagValue", "maxLength"), ("TagKey", "minLength")):
            location = ("Tags", index, "Value")
            schema.problems_of([(location, keyword, title, "v" * (300 + index), False)], REQUEST)
    assert len(schema._messages(REQUEST)) == 2


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


LOCATIONS = st.lists(
    st.one_of(st.text(max_size=6), st.integers(min_value=0, max_value=300)), max_size=4
).map(tuple)
SEVERITIES = st.sampled_from(["error", "warning"])
FIELDS = st.tuples(st.text(max_size=8), st.text(max_size=8), st.text(max_size=8))


@given(FIELDS, SEVERITIES, LOCATIONS, SEVERITIES)
def test_new_problem_is_the_problem_init_makes(
    texts: tuple[str, str, str],
    severity: errors.Severity,
    location: tuple[Step, ...],
    effective: errors.Severity,
) -> None:
    """new_problem gives what Problem() gives: every slot, equality both ways, hash and repr."""
    path, code, message = texts
    made = new_problem(path, code, message, severity, location, effective)
    expected = Problem(path, code, message, severity, location, effective)
    for name in Problem.__slots__:  # type: ignore[attr-defined]
        if name != "__weakref__":
            assert getattr(made, name) == getattr(expected, name), name
    assert made == expected
    assert expected == made
    assert hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    assert str(made) == str(expected)
    assert made in {expected}


def test_new_problems_are_frozen_attrs_problems_that_evolve() -> None:
    """A problem from new_problem refuses changes, has Problem's attrs fields, and evolves."""
    made = new_problem("Tags[0].Key", "minLength", "m", "error", ("Tags", 0, "Key"), "error")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.path = "elsewhere"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del made.code
    assert [field.name for field in attrs.fields(Problem)] == [
        "path",
        "code",
        "message",
        "severity",
        "location",
        "effective_severity",
    ]
    assert attrs.asdict(made) == {
        "path": "Tags[0].Key",
        "code": "minLength",
        "message": "m",
        "severity": "error",
        "location": ("Tags", 0, "Key"),
        "effective_severity": "error",
    }
    warned = attrs.evolve(made, severity="warning", effective_severity="warning")
    assert warned == Problem("Tags[0].Key", "minLength", "m", "warning", ("Tags", 0, "Key"))
    assert warned != made
    assert hash(made) == hash(Problem("Tags[0].Key", "minLength", "m", location=("Tags", 0, "Key")))


def step_by_step(problem: Problem) -> tuple[object, ...]:
    """The order problems are listed in, said plainly: step by step, a member or key name before
    a list index, names compared as text and indexes as numbers, a location before the locations
    under it; then path, code and message."""
    steps = tuple(
        (0, step, 0) if isinstance(step, str) else (1, "", step) for step in problem.location
    )
    return (steps, problem.path, problem.code, problem.message)


# Names that sort close to each other and to the characters an encoding might use, and indexes
# of every size and sign (a Problem made in Python may hold any int).
HOSTILE_STEPS = st.one_of(
    st.sampled_from(["", "\x00", "\x00\x00", "\x01", "a", "a\x00", "a\x00b", "ab", "Tags", "Key"]),
    st.text(alphabet="\x00\x01\x02ab\uffff\U0010ffff", max_size=4),
    st.text(max_size=6),
    st.integers(min_value=-3, max_value=300),
    st.integers(),
    st.sampled_from([2**16 - 1, 2**16, 2**32, -(2**16), 2**400]),
    st.booleans(),
)
HOSTILE_PROBLEMS = st.builds(
    Problem,
    path=st.sampled_from(["", "Tags", "Tags[1].Key", "a.b", "\x00"]),
    code=st.sampled_from(["type", "enum", "rule-x"]),
    message=st.sampled_from(["m", "n", ""]),
    severity=SEVERITIES,
    location=st.lists(HOSTILE_STEPS, max_size=4).map(tuple),
)


@given(st.lists(HOSTILE_PROBLEMS, max_size=30), st.randoms(use_true_random=False))
def test_ordered_lists_each_problem_once_in_the_step_by_step_order(
    problems: list[Problem], random: Any
) -> None:
    """``ordered`` gives each distinct problem once, in the step-by-step order, problems that
    tie (only their severities differ) in the order first given; repeats and shuffles alike."""
    problems = problems + random.sample(problems, len(problems) // 2)
    expected = sorted(dict.fromkeys(problems), key=step_by_step)
    for _ in range(2):  # the second time, the step keys come from the cache
        assert errors.ordered(problems) == expected


@given(HOSTILE_PROBLEMS, HOSTILE_PROBLEMS)
def test_sort_keys_compare_as_the_step_by_step_keys(first: Problem, second: Problem) -> None:
    """Two problems' sort keys compare (less, equal, greater) as their step-by-step keys do."""
    new = errors.sort_key(first), errors.sort_key(second)
    old = step_by_step(first), step_by_step(second)
    assert (new[0] < new[1], new[0] == new[1], new[0] > new[1]) == (
        old[0] < old[1],
        old[0] == old[1],
        old[0] > old[1],
    )


def test_index_texts_sort_as_the_numbers_do_at_every_size() -> None:
    """List indexes at the edges of the encoding (byte counts, signs, integers of more bytes
    than a character can count) sort as numbers when sorted by their texts."""
    top = errors._TOP
    huge = 2 ** (8 * top)  # top + 1 bytes: its byte count needs two characters
    numbers = [0, 1, 255, 256, 2**16, 2**400, huge - 1, huge, huge * 7]
    numbers += [-number for number in numbers if number] + [True, False]
    by_text = sorted(numbers, key=errors._index_text)
    assert by_text == sorted(numbers)
    assert errors._index_text(True) == errors._index_text(1)


def test_new_problem_falls_back_to_the_class_when_a_maker_differs() -> None:
    """A maker whose problem is not Problem()'s (an exception, another message)
    is replaced by the class itself; with this attrs, the slot filler is used."""

    def raising(*_args: object) -> Problem:
        raise TypeError("laid out otherwise")

    def another_message(*args: Any) -> Problem:
        made = Problem(*args)
        object.__setattr__(made, "message", "other")
        return made

    assert errors._same_as_init(None) is Problem
    assert errors._same_as_init(raising) is Problem
    assert errors._same_as_init(another_message) is Problem
    assert errors.new_problem is not Problem
