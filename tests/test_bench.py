"""The benchmark's requests are what it says they are (valid requests botocore accepts, streams of
distinct requests with exactly the problem they claim), and its speed-ups keep the answers."""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from botocore.validate import ParamValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from hpt_request import from_wire, to_wire, validate
from hpt_request.model import errors
from hpt_request.rules import algorithms
from hpt_request.schema import _readkit
from hpt_request.schema import engines as schema

BENCH = Path(__file__).parent.parent / "bench" / "bench.py"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_under_test", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["medium", "large"])
def test_bench_requests_are_valid(name: str) -> None:
    """The medium and large bench requests break no rule, even strict, and botocore takes them."""
    bench = _bench()
    request = getattr(bench, name)()
    assert validate(request, strict=True) == []
    shape = bench.OPERATION.input_shape
    report = ParamValidator().validate(request, shape)
    assert not report.has_errors(), report.generate_report()


@pytest.mark.parametrize("name", ["medium", "large"])
def test_new_texts_are_valid_and_all_different(name: str) -> None:
    """The stream of requests with new texts stays valid for both sides, and no varied text
    repeats from one request to the next."""
    bench = _bench()
    variants = bench.new_texts(getattr(bench, name)(), 3)
    for variant in variants:
        assert validate(variant, strict=True) == []
        report = ParamValidator().validate(variant, bench.OPERATION.input_shape)
        assert not report.has_errors(), report.generate_report()
    names = [variant["HyperParameterTuningJobName"] for variant in variants]
    tags = [variant["Tags"][0]["Value"] for variant in variants]
    assert len(set(names)) == len(set(tags)) == 3


def test_paired_ratio_compares_each_round_with_its_fastest_peer() -> None:
    """On a clock that only the timed calls move, the ratio and the figures are exact: ours
    costs 6 ticks, the peers 3 and 4, so the ratio is 2 in every round."""
    bench = _bench()
    clock = [0.0]

    def costs(ticks: float) -> Any:
        def call() -> None:
            clock[0] += ticks

        return call

    timed = bench.paired(costs(6), costs(3), costs(4), rounds=5, timer=lambda: clock[0])
    assert timed.ours == 6
    assert timed.peers == [3, 4]
    assert timed.ratio == 2


def test_paired_with_fixed_calls_makes_exactly_that_many_calls() -> None:
    """With ``calls``, every side is called that many times a round and never to calibrate."""
    bench = _bench()
    clock = [0.0]
    made = {"ours": 0, "peer": 0}

    def costs(side: str, ticks: float) -> Any:
        def call() -> None:
            made[side] += 1
            clock[0] += ticks

        return call

    timed = bench.paired(
        costs("ours", 2), costs("peer", 4), rounds=3, timer=lambda: clock[0], calls=5
    )
    assert made == {"ours": 15, "peer": 15}
    assert (timed.ours, timed.peers, timed.ratio) == (2, [4], 0.5)


def test_streamed_takes_each_item_once_at_the_same_positions_on_both_sides() -> None:
    """Each side takes its own items in order, each once, a round's share at a time, the two
    sides in alternation (ours first in even rounds)."""
    bench = _bench()
    taken: list[tuple[str, int]] = []
    bench.streamed(
        lambda item: taken.append(("ours", item)),
        lambda item: taken.append(("peer", item)),
        [0, 1, 2, 3, 4, 5],
        [10, 11, 12, 13, 14, 15],
        rounds=3,
    )
    assert taken == [
        ("ours", 0), ("ours", 1), ("peer", 10), ("peer", 11),
        ("peer", 12), ("peer", 13), ("ours", 2), ("ours", 3),
        ("ours", 4), ("ours", 5), ("peer", 14), ("peer", 15),
    ]  # fmt: skip


def test_the_stream_pool_is_the_corpus_without_its_documented_findings() -> None:
    """The pool holds every real-world request but those SOURCES.md expects a finding of."""
    bench = _bench()
    pool = bench.realworld()
    corpus = sorted((Path(__file__).parent / "realworld").glob("*.json"))
    flagged = (
        (Path(__file__).parent / "realworld" / "SOURCES.md").read_text().count("\n- expected: ")
    )
    assert flagged >= 1
    assert 40 <= len(pool) == len(corpus) - flagged


def test_valid_stream_is_clean_strict_and_accepted_by_botocore() -> None:
    """Two passes of the valid stream: clean even with strict=True, accepted by botocore, and
    read and written back unchanged."""
    bench = _bench()
    pool = bench.realworld()
    for request in bench.valid_stream(pool, 2 * len(pool)):
        assert validate(request, strict=True) == [], request["HyperParameterTuningJobName"]
        report = ParamValidator().validate(request, bench.OPERATION.input_shape)
        assert not report.has_errors(), report.generate_report()
        assert to_wire(from_wire(request)) == request


def test_invalid_stream_has_exactly_the_injected_problem() -> None:
    """Every pairing of a pool request with a defect has one problem (even with strict=True),
    the one injected, and every kind of defect is used."""
    bench = _bench()
    pool = bench.realworld()
    stream = bench.invalid_stream(pool, len(pool) * len(bench.DEFECTS))
    for injected in stream:
        found = [(p.path, p.code) for p in validate(injected.request, strict=True)]
        assert found == [(injected.path, injected.code)]
    codes = {injected.code for injected in stream}
    assert codes == {"enum", "minimum", "maxLength", "type", "required", "additionalProperties"}
    assert len({(injected.path, injected.code) for injected in stream}) >= len(bench.DEFECTS)


def test_misspelt_stream_has_one_warning_with_a_suggestion() -> None:
    """Each warned request has exactly one problem (strict=True): the unknown built-in
    hyperparameter warning, with a did-you-mean; its twin is clean and the same request but for
    the slip and its marks; no slip repeats on one algorithm."""
    bench = _bench()
    pool = bench.realworld()
    chosen = [request for request in pool if bench.builtin_definition(request) is not None]
    assert len(chosen) >= 20
    stream = bench.misspelt_stream(pool, 2 * len(chosen))
    slips = set()
    for pair in stream:
        (problem,) = validate(pair.warned, strict=True)
        assert (problem.path, problem.code, problem.severity) == (
            pair.path,
            "builtin-hyperparameter-known",
            "warning",
        )
        assert "(did you mean " in problem.message
        assert validate(pair.clean, strict=True) == []
        located = bench.builtin_definition(pair.warned)
        slip = problem.location[-1]
        slips.add((located[2].key, slip))
        without = json.loads(json.dumps(pair.warned))
        del bench.builtin_definition(without)[1]["StaticHyperParameters"][slip]
        if not bench.builtin_definition(pair.clean)[1].get("StaticHyperParameters"):
            del bench.builtin_definition(without)[1]["StaticHyperParameters"]
        ours, theirs = (r["HyperParameterTuningJobName"][-5:] for r in (without, pair.clean))
        assert json.dumps(without).replace(ours, theirs) == json.dumps(pair.clean)
    assert len(slips) == len(stream)


def _varied_texts(request: dict[str, Any]) -> set[str]:
    """The texts of a request that a stream renews: job names, S3 locations, tag values."""
    found = {request["HyperParameterTuningJobName"]}
    warm = request.get("WarmStartConfig") or {}
    found |= {
        p["HyperParameterTuningJobName"] for p in warm.get("ParentHyperParameterTuningJobs", [])
    }
    found |= {tag["Value"] for tag in request.get("Tags", [])}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str) and "s3://" in node:
            found.add(node)

    walk(request)
    return found


def test_no_two_stream_requests_share_a_name_location_or_tag_value() -> None:
    """Across the three streams made in one process, no job name, S3 location or tag value is
    in two requests."""
    bench = _bench()
    pool = bench.realworld()
    requests = [
        *bench.valid_stream(pool, 2 * len(pool)),
        *(injected.request for injected in bench.invalid_stream(pool, 2 * len(pool))),
        *(r for pair in bench.misspelt_stream(pool, len(pool)) for r in (pair.warned, pair.clean)),
    ]
    seen: dict[str, int] = {}
    for index, request in enumerate(requests):
        for text in _varied_texts(request):
            assert seen.setdefault(text, index) == index, text
    assert len(seen) > 3 * len(requests)


# -- what the stream's speed-ups must keep ---------------------------------------------------------
# The did-you-mean search that the stream's misspelt requests timed (algorithms.suggest) answers
# what difflib answers, by its own measure of similarity, for any name and any choices.

_TEXTS = st.text(alphabet="ab_cD", max_size=12) | st.text(max_size=20)


def _difflib_suggest(name: str, choices: list[str]) -> str | None:
    folded = [choice for choice in choices if choice.lower() == name.lower()]
    if folded:
        return folded[0]
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return close[0] if close else None


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.lists(_TEXTS, max_size=12))
def test_suggest_answers_what_difflib_answers(name: str, choices: list[str]) -> None:
    """suggest() returns difflib.get_close_matches' choice (a case-insensitive match first)."""
    assert algorithms.suggest(name, choices) == _difflib_suggest(name, choices)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aab", max_size=14), st.text(alphabet="ab", max_size=14))
def test_suggest_ratio_is_difflibs(a: str, b: str) -> None:
    """The ratio suggest() computes is SequenceMatcher's, to the last bit, repeats included."""
    assert algorithms._ratio(a, b) == difflib.SequenceMatcher(None, a, b).ratio()


def test_suggest_on_every_slip_the_stream_makes() -> None:
    """On every slip of every documented name, and on names long enough for difflib's autojunk,
    suggest() answers what difflib answers."""
    bench = _bench()
    for algorithm in algorithms.algorithms().values():
        names = [h.name for h in algorithm.hyperparameters]
        for name in names:
            for slip in bench._misspellings(name):
                assert algorithms.suggest(slip, names) == _difflib_suggest(slip, names)
    long = "max_depth_" * 25
    choices = [long[:-3], long[1:] + "x", "max_depth"]
    assert algorithms.suggest(long, choices) == _difflib_suggest(long, choices)


_MAPS = [
    ("TrainingJobDefinition", "StaticHyperParameters"),
    ("TrainingJobDefinitions", 0, "StaticHyperParameters"),
    ("TrainingJobDefinitions", 0, "Environment"),
    ("TrainingJobDefinition",),
    ("Tags", 0),
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_MAPS), st.text(max_size=12) | st.sampled_from(["{0}", "a}{b", "x.y"]))
def test_a_new_map_key_is_rendered_as_a_walk_renders_it(parent: tuple[Any, ...], key: str) -> None:
    """The path templates of a location at a map key (the stream's misspelt hyperparameters),
    made from the map's own, are the templates the schema walk makes; elsewhere the same too."""
    pattern = (*parent, key)
    shape = "CreateHyperParameterTuningJobRequest"
    assert schema._templates_of(pattern, shape) == schema._templates(pattern, shape)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_a_map_key_is_quoted_as_json_dumps_quotes_it(key: str) -> None:
    """A map key's step is the key as json.dumps(key, ensure_ascii=False) writes it."""
    assert errors.step_text(key, True, first=False) == f"[{json.dumps(key, ensure_ascii=False)}]"


_LINE_TEXTS = st.text(
    alphabet=st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x85\u2028\u2029é"), max_size=8
)


def _hyphens_put_in(letters: int, places: list[int]) -> str:
    """``letters`` letters and digits with a hyphen put in before each of ``places``."""
    text = ("a0Z9" * 20)[:letters]
    for place in sorted(places, reverse=True):
        text = text[:place] + "-" + text[place:]
    return text


_NAME_TEXTS = st.text(alphabet=st.sampled_from("aZ09--\n\u0131"), max_size=70) | st.builds(
    _hyphens_put_in, st.integers(30, 66), st.lists(st.integers(0, 66), max_size=3)
)


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(sorted(_readkit._WITHOUT_REGEX)),
    _LINE_TEXTS | st.text(max_size=8) | _NAME_TEXTS,
)
def test_a_pattern_checked_without_regex_finds_what_the_regex_finds(
    pattern: str, text: str
) -> None:
    """The patterns the readers check without the regex engine (long values) accept exactly the
    texts the compiled pattern finds."""
    assert bool(_readkit._WITHOUT_REGEX[pattern](text)) == bool(re.search(pattern, text))
