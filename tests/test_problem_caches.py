"""What the problem path remembers between calls (did-you-mean verdicts, rendered places, sort
keys) is bounded, and remembering never changes a result: each cached answer equals the one
worked out afresh, and the order of problems is the order of the plain step-by-step key."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpt_request.model import errors
from hpt_request.model.errors import Problem, Step
from hpt_request.schema import engines as schema

REQUEST = "CreateHyperParameterTuningJobRequest"
MODES = ("Pipe", "File", "FastFile")


@pytest.fixture
def fresh() -> Iterator[None]:
    """Empty caches before and after a test, so that it sees only its own entries."""
    schema._remembered_closest.cache_clear()
    schema._HINTS.clear()
    schema._PLACES.clear()
    errors._STEPS_KEYS.clear()
    yield
    schema._remembered_closest.cache_clear()
    schema._HINTS.clear()
    schema._PLACES.clear()
    errors._STEPS_KEYS.clear()


def test_did_you_mean_names_the_choice_the_value_stands_for(fresh: None) -> None:
    """A case or underscore slip and a near miss name the choice; an unrelated value gets none."""
    assert schema._did_you_mean("file", MODES) == " (did you mean File?)"
    assert schema._did_you_mean("Fast_File", MODES) == " (did you mean FastFile?)"
    assert schema._did_you_mean("FastFil", MODES) == " (did you mean FastFile?)"
    assert schema._did_you_mean("Tape", MODES) == ""


@given(st.lists(st.text(max_size=12), max_size=30), st.lists(st.text(max_size=12), max_size=6))
def test_remembered_did_you_mean_equals_a_fresh_one(values: list[str], choices: list[str]) -> None:
    """Asked twice (the second time from the cache), the verdict is the uncached verdict."""
    for value in values + values:
        assert schema._did_you_mean(value, choices) == schema._closest(value, tuple(choices))


def test_did_you_mean_cache_is_bounded_and_skips_long_values(fresh: None) -> None:
    """More distinct values than the bound leave at most the bound; long values are not kept."""
    for index in range(schema.REMEMBERED_HINTS + 50):
        schema._did_you_mean(f"value-{index}", MODES)
    assert schema._remembered_closest.cache_info().currsize == schema.REMEMBERED_HINTS
    schema._remembered_closest.cache_clear()
    schema._did_you_mean("x" * (schema.REMEMBERED_TEXT + 1), MODES)
    assert schema._remembered_closest.cache_info().currsize == 0


@given(st.lists(st.text(max_size=12), max_size=30), st.lists(st.text(max_size=12), max_size=6))
def test_hint_for_a_fixed_list_of_choices_equals_a_fresh_one(
    values: list[str], choices: list[str]
) -> None:
    """The verdict the readers' messages remember per list of choices (asked twice, the second
    time from memory) is the uncached verdict, for each of two lists made of the same texts."""
    lists = (schema._Choices(choices), schema._Choices(choices))
    for value in values + values:
        for listed in lists:
            assert schema._hint(value, listed) == schema._closest(value, tuple(choices))


def test_hint_memory_is_bounded_and_skips_long_values(fresh: None) -> None:
    """More distinct values than the bound leave at most the bound; long values are not kept."""
    modes = schema._Choices(MODES)
    for index in range(schema.REMEMBERED_HINTS + 50):
        schema._hint(f"value-{index}", modes)
    assert 0 < len(schema._HINTS) <= schema.REMEMBERED_HINTS
    schema._HINTS.clear()
    assert schema._hint("x" * (schema.REMEMBERED_TEXT + 1), modes) == ""
    assert not schema._HINTS


def test_places_render_paths_with_indexes_and_map_keys(fresh: None) -> None:
    """A remembered place gives the wire path and the subject of messages, twice alike."""
    tag = ("Tags", 3, "Value")
    static = ("TrainingJobDefinition", "StaticHyperParameters", "max depth")
    for _ in range(2):
        assert schema._place(tag, REQUEST) == ("Tags[3].Value", "Value")
        assert schema._place(static, REQUEST) == (
            'TrainingJobDefinition.StaticHyperParameters["max depth"]',
            'StaticHyperParameters["max depth"]',
        )
        assert schema._place((), REQUEST) == ("", "The request")


@pytest.mark.parametrize("key", ["a{b}", "a{{b}}", "}{", "{0}", "{}"])
def test_map_keys_with_braces_are_written_as_given(fresh: None, key: str) -> None:
    """A key with braces is written as the key, under a list index or not (the templates that
    render paths must not format it, nor leave their own escaping in)."""
    quoted = json.dumps(key)
    alone = ("TrainingJobDefinition", "StaticHyperParameters", key)
    listed = ("TrainingJobDefinitions", 2, "StaticHyperParameters", key)
    for _ in range(2):
        assert schema._place(alone, REQUEST)[0] == (
            f"TrainingJobDefinition.StaticHyperParameters[{quoted}]"
        )
        assert schema._place(listed, REQUEST)[0] == (
            f"TrainingJobDefinitions[2].StaticHyperParameters[{quoted}]"
        )


LOCATIONS = st.lists(
    st.one_of(
        st.sampled_from(
            ["Tags", "Key", "Value", "TrainingJobDefinitions", "StaticHyperParameters"]
        ),
        st.text(max_size=8),
        st.integers(min_value=0, max_value=300),
    ),
    max_size=5,
).map(tuple)


@given(st.lists(LOCATIONS, max_size=20))
def test_remembered_places_equal_fresh_ones(locations: list[tuple[Step, ...]]) -> None:
    """Asked twice (the second time from the cache), a place is the one rendered afresh."""
    for location in locations + locations:
        assert schema._place(location, REQUEST) == schema._render_place(location, REQUEST)


def test_place_cache_is_bounded_and_skips_long_paths(fresh: None) -> None:
    """More distinct places than the bound leave at most the bound; long paths are not kept."""
    for index in range(schema.REMEMBERED_PLACES + 50):
        schema._place(("Tags", index, "Key"), REQUEST)
        assert len(schema._PLACES[REQUEST]) <= schema.REMEMBERED_PLACES
    schema._PLACES.clear()
    long_key = "k" * (schema.REMEMBERED_PATH + 1)
    path, _ = schema._place(("TrainingJobDefinition", "StaticHyperParameters", long_key), REQUEST)
    assert long_key in path
    assert not schema._PLACES[REQUEST]


def plain_key(problem: Problem) -> tuple[object, ...]:
    """The order problems are listed in, step by step: at each step a member or key name comes
    before a list index, names compare as text and indexes as numbers, and a location comes
    before the locations under it; then path, code and message."""
    steps = tuple(
        (0, "", step) if isinstance(step, str) else (1, step, "") for step in problem.location
    )
    return (steps, problem.path, problem.code, problem.message)


PROBLEMS = st.builds(
    Problem,
    path=st.sampled_from(["", "Tags", "Tags[1].Key", "a.b"]),
    code=st.sampled_from(["type", "enum", "rule-x"]),
    message=st.sampled_from(["m", "n"]),
    severity=st.sampled_from(["error", "warning"]),
    location=LOCATIONS,
)


@given(st.lists(PROBLEMS, max_size=25))
def test_ordered_sorts_by_the_plain_key_and_drops_duplicates(problems: list[Problem]) -> None:
    """``ordered`` lists each distinct problem once, in the order of the plain key; problems
    whose keys tie (only their severities differ) stay in the order they were first given."""
    first_seen = list(dict.fromkeys(problems))
    for _ in range(2):  # the second time, the step keys come from the cache
        found = errors.ordered(problems)
        assert found == sorted(first_seen, key=plain_key)


def test_ordered_keeps_ties_in_the_order_given_and_drops_distant_duplicates() -> None:
    """Two problems differing only in severity keep their order; a repeat far away is dropped."""
    error = Problem("Tags[0].Key", "minLength", "m", location=("Tags", 0, "Key"))
    warning = Problem("Tags[0].Key", "minLength", "m", "warning", ("Tags", 0, "Key"))
    earlier = Problem("Name", "type", "m", location=("Name",))
    assert errors.ordered([warning, error, earlier, warning]) == [earlier, warning, error]
    assert errors.ordered([error, warning, error]) == [error, warning]


def test_step_key_cache_is_bounded_and_skips_long_names(fresh: None) -> None:
    """More distinct locations than the bound leave at most the bound; long names are not kept."""
    for index in range(errors.REMEMBERED_KEYS + 50):
        errors.sort_key(Problem("p", "c", "m", location=("Tags", index)))
        assert len(errors._STEPS_KEYS) <= errors.REMEMBERED_KEYS
    errors._STEPS_KEYS.clear()
    errors.sort_key(Problem("p", "c", "m", location=("k" * (errors.REMEMBERED_TEXT + 1),)))
    assert not errors._STEPS_KEYS
