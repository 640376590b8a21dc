"""Leaving out the rules a request gives nothing to say changes nothing.

A rule may declare the features of a request it needs (``needs=``: a warm start, a Hyperband
strategy, a channel with CompressionType, ...); ``rules.run`` does not call it for a request that
has none of them. These tests run every check twice, once as the registry runs it and once with
every rule called (every feature counted as present), on the golden and real-world corpus, on
every rule's test cases, and on drawn requests (valid ones, and ones with a structural problem,
whose rules read partial objects), and require the same problems. They also check that
:func:`~hpt_request.rules._core.features` sees each feature where it is and nowhere else.
"""

from __future__ import annotations

import copy
import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hpt_request import from_wire, rules, strategies, validate
from hpt_request.model import CreateHyperParameterTuningJobRequest, examples
from hpt_request.model.errors import Problem
from hpt_request.rules import _core
from tests import corpus, wire_strategies
from tests.test_rules import CASES, Case

REALWORLD = Path(__file__).parent / "realworld"
Seen = list[tuple[str, str, str, str]]


@contextmanager
def _every_rule_called() -> Iterator[None]:
    """Within the block, every request counts as having every feature."""
    with mock.patch.object(_core, "features", return_value=_core.FEATURES):
        yield


def _seen(problems: list[Problem]) -> Seen:
    return [(p.path, p.code, p.message, p.effective_severity) for p in problems]


def _both(request: Any, **options: Any) -> tuple[Seen, Seen]:
    """validate(request) as the registry runs it, and with every rule called."""
    gated = _seen(validate(request, **options))
    with _every_rule_called():
        called = _seen(validate(request, **options))
    return gated, called


def _realworld() -> dict[str, dict[str, Any]]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(REALWORLD.glob("*.json"))
    }


CORPUS = {
    **corpus.golden_valid(),
    **{f"invalid/{name}": value for name, value in corpus.golden_invalid().items()},
    **{f"realworld/{name}": value for name, value in _realworld().items()},
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_reports_the_same(name: str) -> None:
    """Every golden, invalid and real-world request gets the same problems either way."""
    gated, called = _both(copy.deepcopy(CORPUS[name]))
    assert gated == called


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_cases_report_the_same(case: Case) -> None:
    """Each rule's own passing and failing cases get the same problems either way."""
    gated, called = _both(
        case.build(), parents=case.parent_responses(), settings=case.settings, rules=True
    )
    assert gated == called


def test_the_failing_cases_of_gated_rules_still_fail() -> None:
    """Each rule that declares features is still reported where its failing cases break it
    (the equality above is not met by two empty lists)."""
    gated = {rule.id for rule in rules.RULES if rule.needs and rule.default}
    reported = set()
    for case in CASES:
        if case.rule in gated and case.expected:
            found = validate(case.build(), parents=case.parent_responses(), settings=case.settings)
            if any(problem.code == case.rule for problem in found):
                reported.add(case.rule)
    assert reported == gated


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(strategies.requests())
def test_drawn_model_requests_report_the_same(
    request: CreateHyperParameterTuningJobRequest,
) -> None:
    """Drawn model objects (every optional feature appears now and then) get the same
    problems either way."""
    gated = _seen(rules.run(request))
    with _every_rule_called():
        called = _seen(rules.run(request))
    assert sorted(gated) == sorted(called)


@SETTINGS
@given(wire_strategies.requests())
def test_drawn_wire_requests_report_the_same(request: dict[str, Any]) -> None:
    """Drawn schema-valid wire requests (any member, any value the schema allows) get the
    same problems either way."""
    gated, called = _both(request)
    assert gated == called


@SETTINGS
@given(
    st.one_of(
        wire_strategies.mutated(wire_strategies.requests()),
        wire_strategies.mutated(st.sampled_from([examples.load(n) for n in examples.names()])),
    )
)
def test_requests_with_a_structural_problem_report_the_same(request: dict[str, Any]) -> None:
    """With a structural problem the rules read partial objects; they still get the same
    problems either way."""
    gated, called = _both(request)
    assert gated == called


# -- features() sees each feature where it is -----------------------------------------------------

ADDED: dict[str, tuple[str, Any]] = {
    # feature: (path of a member of _plain(), value given to it)
    "multi": ("TrainingJobDefinitions", "definitions"),
    "warm-start": (
        "WarmStartConfig",
        {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "parent"}],
            "WarmStartType": "IdenticalDataAndAlgorithm",
        },
    ),
    "tags": ("Tags", [{"Key": "team", "Value": "ml"}]),
    "strategy-config": (
        "HyperParameterTuningJobConfig.StrategyConfig",
        {"HyperbandStrategyConfig": {"MinResource": 1}},
    ),
    "hyperband": ("HyperParameterTuningJobConfig.Strategy", "Hyperband"),
    "grid": ("HyperParameterTuningJobConfig.Strategy", "Grid"),
    "completion": (
        "HyperParameterTuningJobConfig.TuningJobCompletionCriteria",
        {"TargetObjectiveMetricValue": 0.9},
    ),
    "algorithm-name": (
        "TrainingJobDefinition.AlgorithmSpecification.AlgorithmName",
        "my-algorithm",
    ),
    "metric-definitions": (
        "TrainingJobDefinition.AlgorithmSpecification.MetricDefinitions",
        [{"Name": "loss", "Regex": "loss=([0-9.]+)"}],
    ),
    "max-wait": ("TrainingJobDefinition.StoppingCondition.MaxWaitTimeInSeconds", 7200),
    "spot": ("TrainingJobDefinition.EnableManagedSpotTraining", False),
    "tuning-resource-config": (
        "TrainingJobDefinition.HyperParameterTuningResourceConfig",
        {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
    ),
    "pipe-options": ("TrainingJobDefinition.InputDataConfig.0.CompressionType", "Gzip"),
    "augmented-manifest": (
        "TrainingJobDefinition.InputDataConfig.0.DataSource.S3DataSource.S3DataType",
        "AugmentedManifestFile",
    ),
    "auto-parameters": (
        "HyperParameterTuningJobConfig.ParameterRanges.AutoParameters",
        [{"Name": "alpha", "ValueHint": "0.1"}],
    ),
    "range-findings": (
        "HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges.0.MinValue",
        "100",
    ),
    # XGBoost documents max_depth as an integer of at least 0
    "builtin-findings": ("TrainingJobDefinition.StaticHyperParameters.max_depth", "-1"),
    # max_depth is tuned too (a documented value: the built-in rules have nothing to say)
    "search-space-findings": ("TrainingJobDefinition.StaticHyperParameters.max_depth", "5"),
    # above MaxNumberOfTrainingJobs (50) and the default quota of 10
    "budget-findings": ("HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs", 60),
    # above 28 days
    "training-findings": ("TrainingJobDefinition.StoppingCondition.MaxRuntimeInSeconds", 2_500_000),
}


# Features that come with another: where a definition's ranges are not clean, the built-in
# algorithm rules (the request runs XGBoost) decide one by one; some members added below break
# a rule that every request calls.
ALSO = {
    "range-findings": {"builtin-findings"},
    # max_depth is tuned too: static-not-tuned has something to say
    "builtin-findings": {"search-space-findings"},
    # beside the TrainingImage (image-xor-algorithm) and the ResourceConfig
    # (resource-config-exactly-one) the request already has
    "algorithm-name": {"training-findings"},
    "tuning-resource-config": {"training-findings"},
}


def _plain() -> dict[str, Any]:
    """The bayesian example without its tags: one definition, Bayesian, no options."""
    wire = examples.load("bayesian")
    del wire["Tags"]
    return wire


def _features_of(wire: dict[str, Any]) -> frozenset[str]:
    obj = from_wire(wire, rules=False)
    return _core.features(_core.context(obj))


def _with(wire: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(wire)
    if value == "definitions":  # the single definition moved into a list of one
        definition = changed.pop("TrainingJobDefinition")
        config = changed["HyperParameterTuningJobConfig"]
        definition["DefinitionName"] = "only"
        definition["TuningObjective"] = config.pop("HyperParameterTuningJobObjective")
        definition["HyperParameterRanges"] = config.pop("ParameterRanges")
        changed["TrainingJobDefinitions"] = [definition]
        return changed
    *steps, last = [int(step) if step.isdigit() else step for step in path.split(".")]
    holder: Any = changed
    for step in steps:
        holder = holder[step]
    holder[last] = value
    return changed


def test_the_table_names_every_feature() -> None:
    """The test below covers every feature the rules may need."""
    assert set(ADDED) == set(_core.FEATURES)


def test_a_plain_request_has_no_feature() -> None:
    """A request with one definition, Bayesian, and no options has none of the features, so
    every rule that needs one is left out."""
    assert _features_of(_plain()) == frozenset()


@pytest.mark.parametrize("feature", sorted(ADDED))
def test_each_feature_is_seen_where_it_is(feature: str) -> None:
    """Giving the member a feature stands for makes exactly that feature appear (with those it
    always brings along)."""
    path, value = ADDED[feature]
    wire = _with(_plain(), path, value)
    assert _features_of(wire) == {feature, *ALSO.get(feature, ())}


def test_an_unreadable_member_counts_as_every_feature() -> None:
    """Where the request cannot be read, every rule runs and decides for itself."""
    wire = _plain()
    wire["TrainingJobDefinition"]["StoppingCondition"] = "one hour"
    found = validate(wire)
    assert any(p.path == "TrainingJobDefinition.StoppingCondition" for p in found)
    obj, _problems = rules_view(wire)
    assert _core.features(_core.context(obj)) == _core.FEATURES


def test_a_member_that_a_rule_cannot_read_leaves_only_that_rule_out() -> None:
    """A rule whose test meets an unreadable member would be skipped: the feature its test
    belongs to is still told by the other rules' tests (here none has anything to say)."""
    wire = _plain()
    wire["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0
    obj, problems = rules_view(wire)
    assert [p.path for p in problems] == [
        "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs"
    ]
    assert _core.features(_core.context(obj)) == frozenset()
    gated, called = _both(wire)
    assert gated == called
    wire["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"] = 20_000
    obj, _problems = rules_view(wire)
    assert _core.features(_core.context(obj)) == {"budget-findings"}  # max-jobs-quota
    gated, called = _both(wire)
    assert gated == called
    assert "max-jobs-quota" in [code for _path, code, _message, _severity in gated]


def test_a_member_that_tells_a_feature_unreadable_counts_as_that_feature() -> None:
    """Where only what a topic module reads to tell its feature is unreadable, that feature
    counts as present (its rules decide one by one) and the others are still told."""
    wire = _plain()
    wire["HyperParameterTuningJobConfig"]["ResourceLimits"] = "as many as it takes"
    obj, problems = rules_view(wire)
    assert [p.path for p in problems] == ["HyperParameterTuningJobConfig.ResourceLimits"]
    assert _core.features(_core.context(obj)) == {"budget-findings"}
    gated, called = _both(wire)
    assert gated == called


def test_tags_with_an_unreadable_key_are_left_to_no_rule() -> None:
    """Both tag rules read every key: with one key unreadable they would both be skipped, so
    the request does not count as having tags (and the other tags' problems are still said)."""
    wire = _plain()
    wire["Tags"] = [{"Key": "", "Value": "empty"}, {"Key": "aws:team", "Value": "x"}]
    obj, _problems = rules_view(wire)
    assert "tags" not in _core.features(_core.context(obj))
    gated, called = _both(wire)
    assert gated == called
    assert [p.code for p in validate(wire)] == ["minLength"]


def rules_view(wire: dict[str, Any]) -> tuple[Any, list[Problem]]:
    """The partial object the rules read for ``wire``, and its structural problems."""
    from hpt_request.schema import reading

    found = reading.read_plain(wire, "CreateHyperParameterTuningJobRequest")
    assert found is not None
    assert found.problems
    return found.value, found.problems


def test_a_rule_needing_an_unknown_feature_is_refused() -> None:
    """A misspelt feature fails at registration, not silently at run time."""
    with pytest.raises(ValueError, match="unknown features"):
        _core.rule(
            "never-registered", severity="error", source="-", description="-", needs=["spots"]
        )


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("Tags", [{"Key": "", "Value": "empty"}]),  # a tag key unreadable
        ("Tags", [5]),  # a tag unreadable
        ("TrainingJobDefinition.StoppingCondition", "one hour"),  # every feature counted
        ("TrainingJobDefinition.StaticHyperParameters", ["not", "a", "map"]),
        # one rule's test skipped (max-parallel-quota), one feature counted (budget-findings)
        ("HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs", 0),
        ("HyperParameterTuningJobConfig.ResourceLimits", "as many as it takes"),
    ],
)
def test_telling_the_features_of_a_partial_request_leaves_no_garbage_cycles(
    where: str, value: Any
) -> None:
    """An exception met while telling the features is kept with the facts without its
    frames, so a check frees everything it computed without the garbage collector."""
    wire = _with(_plain(), where, value)
    validate(wire)  # anything loaded on first use is loaded
    # Everything alive now, garbage included, is left out of the collection below, which counts
    # the unreachable objects the check made (and is quick on the test process's large heap).
    gc.disable()
    gc.freeze()
    try:
        assert validate(wire)
        assert gc.collect() == 0
    finally:
        gc.unfreeze()
        gc.enable()


# -- a rule's test that meets an unreadable member says nothing for that rule only -----------------

DEFINITION = "TrainingJobDefinition"
LIMITS = "HyperParameterTuningJobConfig.ResourceLimits"
# Members made unreadable (a structural problem each), by the rule whose test reads them first.
UNREADABLE: dict[str, tuple[str, Any]] = {
    "objective-metric-defined": (f"{DEFINITION}.AlgorithmSpecification.TrainingImage", 5),
    "max-runtime-28-days": (f"{DEFINITION}.StoppingCondition.MaxRuntimeInSeconds", 0),
    "instance-count-positive": (f"{DEFINITION}.ResourceConfig.InstanceCount", "one"),
    "channel-names-unique": (f"{DEFINITION}.InputDataConfig.1.ChannelName", ""),
    "max-parallel-quota": (f"{LIMITS}.MaxParallelTrainingJobs", 0),
    "tuning-runtime-30-days": (f"{LIMITS}.MaxRuntimeInSeconds", 0),
    "max-jobs-quota": (f"{LIMITS}.MaxNumberOfTrainingJobs", 0),
}
# Members changed so that a rule of the same feature reports.
BROKEN: dict[str, tuple[str, Any]] = {
    "image-xor-algorithm": (f"{DEFINITION}.AlgorithmSpecification.AlgorithmName", "my-algo"),
    "max-runtime-28-days": (f"{DEFINITION}.StoppingCondition.MaxRuntimeInSeconds", 2_500_000),
    "resource-config-exactly-one": (
        f"{DEFINITION}.HyperParameterTuningResourceConfig",
        {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
    ),
    "instance-count-positive": (
        f"{DEFINITION}.ResourceConfig.InstanceGroups",
        [{"InstanceType": "ml.m5.large", "InstanceCount": 1, "InstanceGroupName": "main"}],
    ),
    "channel-names-unique": (f"{DEFINITION}.InputDataConfig.0.ChannelName", "validation"),
    "max-parallel-quota": (f"{LIMITS}.MaxParallelTrainingJobs", 20),
    "tuning-runtime-30-days": (f"{LIMITS}.MaxRuntimeInSeconds", 3_000_000),
    "max-jobs-quota": (f"{LIMITS}.MaxNumberOfTrainingJobs", 20_000),
}
FEATURE_OF = {
    registered.id: next(iter(registered.needs))
    for registered in rules.RULES
    if registered.needs & {"training-findings", "budget-findings"}
}


@pytest.mark.parametrize(
    ("unreadable", "broken"),
    [
        (unreadable, broken)
        for unreadable in UNREADABLE
        for broken in BROKEN
        if FEATURE_OF[unreadable] == FEATURE_OF[broken] and unreadable != broken
    ],
)
def test_a_rule_left_unread_does_not_hide_another(unreadable: str, broken: str) -> None:
    """Where one rule's test meets an unreadable member, another rule of the same feature that
    has something to say is still called, and says it."""
    wire = _with(_plain(), *UNREADABLE[unreadable])
    wire = _with(wire, *BROKEN[broken])
    _obj, problems = rules_view(wire)
    path = UNREADABLE[unreadable][0].replace(".1.", "[1].")  # list indexes in brackets
    assert path in [problem.path for problem in problems]
    gated, called = _both(wire)
    assert gated == called
    assert broken in [code for _path, code, _message, _severity in gated]
