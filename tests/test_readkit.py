"""What the generated readers lean on (hpt_request._readkit): places passed down as linked pairs
and flattened into wire locations only when an error is noted (deep errors included), the
setters that write checked values straight into the model's slots, and the bounded memory of
texts known to be valid."""

from __future__ import annotations

import copy
import re

import pytest

from hpt_request import model
from hpt_request.model import examples
from hpt_request.model.errors import ordered
from hpt_request.schema import engines as schema
from hpt_request.schema import reading
from hpt_request.schema._readkit import (
    MISSING,
    REMEMBERED,
    Pass,
    Pattern,
    ValidTexts,
    flatten,
    slot,
)
from tests.test_reading import same_tree

SHAPE = "CreateHyperParameterTuningJobRequest"


def test_the_root_place_is_the_empty_location() -> None:
    """The root (None, or None with the root's MISSING step) is the empty location."""
    assert flatten(None) == ()
    assert flatten((None, MISSING)) == ()


def test_a_linked_place_flattens_to_its_steps_in_order() -> None:
    """Each pair adds its step after its parent's; MISSING steps add nothing."""
    root = (None, MISSING)
    ranges = ((((root, "TrainingJobDefinitions"), 1), "HyperParameterRanges"), "Ranges")
    assert flatten(ranges) == ("TrainingJobDefinitions", 1, "HyperParameterRanges", "Ranges")
    assert flatten((ranges, 0))[-2:] == ("Ranges", 0)


def test_a_pass_notes_errors_at_flat_locations() -> None:
    """An error at a step from a place, one at the place itself, and a map key's error."""
    state = Pass()
    place = ((None, MISSING), "Tags")
    state.error(place, 3, "type", "Tag", 5)
    state.error(place, MISSING, "maxItems", "TagList", [])
    state.key_error(place, "k", "pattern", "TagKey", "bad key")
    assert [error[0] for error in state.errors] == [("Tags", 3), ("Tags",), ("Tags", "k")]


def test_a_pass_notes_errors_where_flatten_locates_them() -> None:
    """At the root, at a step from it, and deep down: the location is the flattened place."""
    state = Pass()
    root = (None, MISSING)
    deep = ((((root, "TrainingJobDefinitions"), 1), "HyperParameterRanges"), "Ranges")
    cases = [(None, MISSING), (root, "Tags"), (root, MISSING), (deep, 0), (deep, MISSING)]
    for at, step in cases:
        state.error(at, step, "type", "Tag", 5)
    assert [error[0] for error in state.errors] == [flatten((at, step)) for at, step in cases]
    assert [error[0] for error in state.errors][:3] == [(), ("Tags",), ()]


def test_an_error_six_levels_down_has_its_full_wire_location() -> None:
    """A wrong type deep in the second definition's ranges is located exactly, step by step."""
    request = copy.deepcopy(examples.load("multi-algorithm"))
    definition = request["TrainingJobDefinitions"][1]
    ranges = definition["HyperParameterRanges"].setdefault("ContinuousParameterRanges", [])
    ranges.append({"Name": "deep", "MinValue": 0.1, "MaxValue": "1"})
    found = reading.read_plain(request, SHAPE)
    assert found is not None
    index = len(ranges) - 1
    expected = (
        "TrainingJobDefinitions",
        1,
        "HyperParameterRanges",
        "ContinuousParameterRanges",
        index,
        "MinValue",
    )
    assert [(p.location, p.code) for p in found.problems] == [(expected, "type")]
    assert ordered(found.problems) == schema.reference_problems(request, SHAPE)


def test_a_map_key_error_is_located_at_its_map() -> None:
    """A hyperparameter name that is too long is noted under the map that holds it."""
    request = copy.deepcopy(examples.load("multi-algorithm"))
    request["TrainingJobDefinitions"][0]["StaticHyperParameters"]["k" * 300] = "1"
    found = reading.read_plain(request, SHAPE)
    assert found is not None
    assert ordered(found.problems) == schema.reference_problems(request, SHAPE)
    assert [p.location[:3] for p in found.problems] == [
        ("TrainingJobDefinitions", 0, "StaticHyperParameters")
    ]


def test_a_slot_setter_sets_the_attribute_and_refuses_what_is_no_slot() -> None:
    """slot() writes past the model's own checks, and only into a real slot."""
    tag = model.Tag(key="k", value="v")
    slot(model.Tag, "value")(tag, "checked elsewhere")
    assert tag.value == "checked elsewhere"
    with pytest.raises(TypeError, match="not a slot"):
        slot(model.Tag, "__init__")


def test_a_pattern_is_compiled_at_its_first_search_and_searches_like_re() -> None:
    """The first search compiles the pattern; every search finds what ``re.search`` finds."""
    pattern = Pattern("^[a-z]+$")
    texts = ["abc", "", "ab1", "abc\n", "x"]
    found = [bool(pattern.search(text)) for text in texts]
    assert found == [re.search("^[a-z]+$", text) is not None for text in texts]
    assert found == [True, False, False, True, True]  # "$" also matches before a final newline
    assert pattern.search == re.compile("^[a-z]+$").search  # compiled once, then called as is


def test_valid_texts_admit_and_remember_only_what_passes_every_keyword() -> None:
    """Length bounds, pattern and valid Unicode are all checked; only passing texts are kept."""
    texts = ValidTexts(Pattern("^[a-z]+$"), 2, 5)
    assert texts.admits("abc")
    assert texts.admits("ab\u00e9") is False  # the pattern refuses the accent
    for bad in ("a", "abcdef", "ab1", "ab\ud800"):
        assert not texts.admits(bad)
    assert texts.seen == {"abc"}
    accented = ValidTexts(Pattern("^.+$"), 0, None)
    assert accented.admits("caf\u00e9")
    assert not accented.admits("caf\ud800")
    assert accented.seen == {"caf\u00e9"}


def test_valid_texts_are_bounded() -> None:
    """The memory never holds more than REMEMBERED texts: it starts again when full."""
    texts = ValidTexts(Pattern("^[0-9]+$"), 0, None)
    for number in range(REMEMBERED + 10):
        assert texts.admits(str(number))
    assert 0 < len(texts.seen) <= REMEMBERED
    assert str(REMEMBERED + 9) in texts.seen


def test_a_text_valid_in_one_place_is_checked_again_in_a_tighter_one() -> None:
    """A 200-character text is a valid hyperparameter value, yet too long for a tag key."""
    request = copy.deepcopy(examples.load("multi-algorithm"))
    text = "x" * 200
    request["TrainingJobDefinitions"][0]["StaticHyperParameters"]["long"] = text
    request["Tags"] = [{"Key": text, "Value": "v"}]
    found = reading.read_plain(request, SHAPE)
    assert found is not None
    assert [(p.location, p.code) for p in found.problems] == [(("Tags", 0, "Key"), "maxLength")]
    assert ordered(found.problems) == schema.reference_problems(request, SHAPE)


def _sized(tags: int) -> dict[str, object]:
    """A request of 99,202 + 3 x ``tags`` containers' entries, shared lists counted at every
    place: 99 ranges of 999 values each, then ``tags`` tags of two members."""
    values = ["a"] * 999
    ranges = [{"Name": "n", "Values": values}] * 99
    config = {"ParameterRanges": {"CategoricalParameterRanges": ranges}}
    return {"HyperParameterTuningJobConfig": config, "Tags": [{"Key": "k", "Value": "v"}] * tags}


def test_the_bound_is_kept_when_the_last_containers_read_are_structures() -> None:
    """The pass gives up one entry past its budget even where only structures (which check the
    bound late) went over it: 99,202 + 3 x 266 entries are read, 3 x 267 are not."""
    assert reading.read_plain(_sized(266), SHAPE) is not None
    assert reading.read_plain(_sized(267), SHAPE) is None


@pytest.mark.parametrize("name", ["seed-era", "bayesian", "multi-algorithm"])
def test_a_pass_that_keeps_no_copy_reads_the_same_objects(name: str) -> None:
    """Without ``keep`` a pass makes no copy of the data, and reads the same objects."""
    request = examples.load(name)
    kept = reading.read_plain(request, SHAPE)
    bare = reading.read_plain(request, SHAPE, keep=False)
    assert kept is not None
    assert bare is not None
    assert kept.wire == request
    assert bare.wire is None
    assert bare.value == kept.value
    assert bare.problems == kept.problems == []


def test_a_pass_that_keeps_no_copy_finds_the_same_problems() -> None:
    """With problems in structures, lists and maps, ``keep`` changes nothing that is found."""
    request = copy.deepcopy(examples.load("multi-algorithm"))
    definition = request["TrainingJobDefinitions"][0]
    definition["StaticHyperParameters"]["k" * 300] = "1"
    definition["StoppingCondition"]["MaxRuntimeInSeconds"] = 0
    request["Tags"] = [{"Key": "", "Value": 5}]
    kept = reading.read_plain(request, SHAPE)
    bare = reading.read_plain(request, SHAPE, keep=False)
    assert kept is not None
    assert bare is not None
    assert len(bare.problems) == 4
    assert bare.problems == kept.problems
    assert bare.unknown == kept.unknown
    assert same_tree(bare.value, kept.value)  # UNKNOWN where the problems are, in both
