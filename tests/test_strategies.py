"""The Hypothesis strategies: valid, varied, steerable, registered, and shrinking well."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

import botocore.session
import jsonschema
import pytest
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, Phase, find, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from hpt_request import (
    CreateHyperParameterTuningJobRequest,
    ParameterRanges,
    from_wire,
    model,
    strategies,
    to_wire,
    validate,
)
from hpt_request.schema import engines as schema
from hpt_request.strategies import _defects

OPERATION = (
    botocore.session.get_session()
    .get_service_model("sagemaker")
    .operation_model("CreateHyperParameterTuningJob")
)
DEFINITIONS = schema.document(schema.REQUEST_SCHEMA)["definitions"]


@given(strategies.requests())
def test_drawn_requests_are_valid_everywhere(request: CreateHyperParameterTuningJobRequest) -> None:
    """Every drawn request passes the schema, every rule (errors and warnings) and botocore."""
    assert validate(request) == []
    wire = to_wire(request)
    report = ParamValidator().validate(wire, OPERATION.input_shape)
    assert not report.has_errors(), report.generate_report()
    assert from_wire(wire) == request
    assert to_wire(from_wire(wire)) == wire
    assert from_wire(json.loads(json.dumps(wire))) == request


@given(strategies.wire_requests(strategy=st.just("Grid")))
def test_wire_requests_can_be_steered(wire: dict[str, Any]) -> None:
    """wire_requests() draws JSON dicts, and its arguments steer the draw."""
    assert wire["HyperParameterTuningJobConfig"]["Strategy"] == "Grid"
    assert validate(wire) == []


def _walk(value: Any, name: str) -> Iterator[tuple[str, Any]]:
    node = DEFINITIONS[name]
    yield name, value
    if isinstance(value, dict) and "properties" in node:
        for key, item in value.items():
            yield from _walk(item, node["properties"][key]["$ref"].rsplit("/", 1)[-1])
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, node["items"]["$ref"].rsplit("/", 1)[-1])


def _coverage(
    draws: int, batch: int = 0
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], Counter[str]]:
    members: Counter[tuple[str, str]] = Counter()
    values: Counter[tuple[str, str]] = Counter()
    features: Counter[str] = Counter()

    @seed(batch)
    @settings(
        max_examples=draws,
        database=None,
        derandomize=False,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategies.wire_requests())
    def collect(wire: dict[str, Any]) -> None:
        for name, value in _walk(wire, "CreateHyperParameterTuningJobRequest"):
            if isinstance(value, dict) and "properties" in DEFINITIONS[name]:
                members.update((name, key) for key in value)
            if "enum" in DEFINITIONS[name]:
                values[(name, value)] += 1
        config = wire["HyperParameterTuningJobConfig"]
        strategy = config["Strategy"]
        features["single" if "TrainingJobDefinition" in wire else "multi"] += 1
        features["warm start"] += "WarmStartConfig" in wire
        features["autotune"] += "Autotune" in wire
        if strategy == "Hyperband":
            features[
                "hyperband with StrategyConfig"
                if "StrategyConfig" in config
                else "hyperband without StrategyConfig"
            ] += 1
        if strategy == "Grid":
            has_total = "MaxNumberOfTrainingJobs" in config["ResourceLimits"]
            features[
                "grid with MaxNumberOfTrainingJobs"
                if has_total
                else "grid without MaxNumberOfTrainingJobs"
            ] += 1

    collect()
    return members, values, features


DEFAULTS = settings(settings.get_profile("default"), database=None)


@pytest.mark.parametrize(
    ("name", "runs"), [("requests", 20), ("wire_requests", 3), ("invalid_requests", 3)]
)
def test_users_given_passes_default_health_checks(name: str, runs: int) -> None:
    """A user's @given(requests()) passes under Hypothesis's default settings (every health
    check on, not derandomized) 20 runs in a row; the other top-level strategies a few times."""
    assert DEFAULTS.suppress_health_check == ()
    assert not DEFAULTS.derandomize
    drawn: list[object] = []

    @DEFAULTS
    @given(getattr(strategies, name)())
    def users_test(value: object) -> None:
        drawn.append(value)

    for _ in range(runs):
        users_test()
    assert len(drawn) >= runs * DEFAULTS.max_examples


# Batches of draws, each from its own seed: what one batch of a derandomized run draws depends on
# the constants Hypothesis collects from every local module loaded so far (so on the tests run
# before), and a rare member can be missed by one batch and not by the next.
BATCHES = 4


def test_coverage_over_a_few_hundred_draws() -> None:
    """Over batches of 400 draws (four at the most) every optional member, every enum value
    (instance types aside), both definition forms, warm start, Autotune, Hyperband and Grid in
    both forms appear."""
    members: Counter[tuple[str, str]] = Counter()
    values: Counter[tuple[str, str]] = Counter()
    features: Counter[str] = Counter()
    optional = {
        (name, member)
        for name, node in DEFINITIONS.items()
        if "properties" in node
        for member in node["properties"]
        if member not in node.get("required", [])
    }
    optional -= {("CreateHyperParameterTuningJobResponse", "HyperParameterTuningJobArn")}
    enums = {
        (name, value)
        for name, node in DEFINITIONS.items()
        if "enum" in node and name != "TrainingInstanceType"
        for value in node["enum"]
    }
    expected = {
        "single", "multi", "warm start", "autotune", "hyperband with StrategyConfig",
        "hyperband without StrategyConfig", "grid with MaxNumberOfTrainingJobs",
        "grid without MaxNumberOfTrainingJobs",
    }  # fmt: skip
    for batch in range(BATCHES):
        found = _coverage(400, batch)
        members.update(found[0])
        values.update(found[1])
        features.update(found[2])
        if optional <= set(members) and enums <= set(values) and expected <= set(features):
            break
    assert sorted(optional - set(members)) == []
    assert sorted(enums - set(values)) == []
    assert {name for name, count in features.items() if count} >= expected


def test_every_instance_type_is_drawn() -> None:
    """instance_types() reaches every value of the spec's enum."""
    seen: set[str] = set()

    @settings(max_examples=3000, database=None, derandomize=True, phases=[Phase.generate])
    @given(strategies.instance_types())
    def collect(value: str) -> None:
        seen.add(value)

    collect()
    assert seen == set(DEFINITIONS["TrainingInstanceType"]["enum"])


DEFECTS = sorted(_defects.STRUCTURAL) + sorted(_defects.SEMANTIC)


@pytest.mark.parametrize("code", DEFECTS)
def test_invalid_requests_carry_the_reported_defect(code: str) -> None:
    """For every defect kind, validate() reports exactly that code at that path (and no other
    problem)."""

    @settings(
        max_examples=15, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(strategies.invalid_requests(codes=st.just(code)))
    def check(case: tuple[dict[str, Any], str, str]) -> None:
        wire, expected_code, expected_path = case
        assert expected_code == code
        assert [(p.code, p.path) for p in validate(wire)] == [(expected_code, expected_path)]

    check()


def test_every_rule_but_the_parents_one_has_a_defect() -> None:
    """invalid_requests() covers every rule id that runs by default and needs no extra input."""
    from hpt_request.rules import RULES

    default = {rule.id for rule in RULES if rule.default}
    assert set(_defects.SEMANTIC) == default - _defects.NEEDS_PARENTS


@pytest.mark.parametrize(
    "strategy",
    [
        lambda: strategies.requests(max_ranges=0),
        lambda: strategies.requests(strategy=st.just("Exhaustive")),
        lambda: strategies.requests(strategy="Grid"),  # type: ignore[arg-type]
        lambda: strategies.requests(definitions=st.just(11)),
        lambda: strategies.parameter_ranges(max_ranges=31),
        lambda: strategies.parameter_ranges(kinds=st.just("boolean")),
        lambda: strategies.invalid_requests(codes=st.just("no-such-rule")),
    ],
)
def test_impossible_arguments_raise_invalid_argument(strategy: Any) -> None:
    """Impossible combinations raise InvalidArgument, as Hypothesis strategies do."""

    @settings(max_examples=1, database=None)
    @given(st.data())
    def draw(data: st.DataObject) -> None:
        data.draw(strategy())

    with pytest.raises(InvalidArgument):
        draw()


def test_shrinks_to_a_small_request() -> None:
    """A simple failing property shrinks to a request with at most one range."""
    found = find(
        strategies.requests(),
        lambda r: r.hyper_parameter_tuning_job_config.strategy == "Random",
        settings=settings(database=None, max_examples=500),
    )
    ranges = found.hyper_parameter_tuning_job_config.parameter_ranges
    assert ranges is not None
    count = sum(
        len(getattr(ranges, f) or [])
        for f in (
            "integer_parameter_ranges",
            "continuous_parameter_ranges",
            "categorical_parameter_ranges",
        )
    )
    assert count <= 1
    assert found.training_job_definition is not None
    assert found.tags is None


@given(st.from_type(ParameterRanges))
def test_from_type_finds_our_strategy(ranges: ParameterRanges) -> None:
    """st.from_type() draws valid, realistic parameter ranges through the registration."""
    assert validate(ranges) == []
    names = [
        r.name
        for r in (ranges.integer_parameter_ranges or [])
        + (ranges.continuous_parameter_ranges or [])
    ]
    assert len(names) == len(set(names))


def _fresh(code: str) -> list[str]:
    """The lines ``code`` prints in a fresh interpreter (entry points enabled)."""
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_entry_point_imports_nothing_and_registers_lazily() -> None:
    """Importing Hypothesis imports nothing of hpt_request; after the model is imported,
    st.from_type draws from our strategies, which are imported only at that first draw."""
    code = (
        "import sys; import hypothesis.strategies as st; "
        "print(sorted(m for m in sys.modules if m.startswith('hpt_request'))); "
        "from hpt_request import ParameterRanges, validate; "
        "print('hpt_request.strategies' in sys.modules); "
        "r = st.from_type(ParameterRanges).example(); "
        "print('hpt_request.strategies' in sys.modules, validate(r))"
    )
    assert _fresh(code) == ["[]", "False", "True []"]


def test_entry_point_registers_when_hpt_request_came_first() -> None:
    """With hpt_request imported before Hypothesis, the entry point registers every class, still
    without building or importing the strategies."""
    code = (
        "import sys; import hpt_request; import hypothesis.strategies as st; "
        "print('hpt_request.strategies' in sys.modules); "
        "r = st.from_type(hpt_request.CreateHyperParameterTuningJobRequest).example(); "
        "print('hpt_request.strategies' in sys.modules, hpt_request.validate(r))"
    )
    assert _fresh(code) == ["False", "True []"]


REFERENCE = jsonschema.Draft7Validator(schema.document(schema.REQUEST_SCHEMA))


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(strategies.invalid_requests())
def test_layers_agree_on_single_defects(case: tuple[dict[str, Any], str, str]) -> None:
    """A structural defect is refused by the schema and by the model; a rule defect passes the
    schema and the model and is caught by the rules alone. botocore never accepts less."""
    wire, code, _path = case
    structural = code in _defects.STRUCTURAL
    assert REFERENCE.is_valid(wire) is not structural
    assert (validate(wire, rules=False) != []) is structural
    if not structural:
        assert to_wire(from_wire(wire, rules=False)) == wire
    if ParamValidator().validate(wire, OPERATION.input_shape).has_errors():
        assert validate(wire)


CLASSES: dict[str, type[Any]] = {cls.__name__: cls for cls in model.STRUCTURES}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_model_class_has_a_registered_strategy(name: str) -> None:
    """st.from_type() draws structurally valid objects for every model class."""
    cls = CLASSES[name]
    assert set(strategies.STRATEGIES_BY_CLASS) == set(model.STRUCTURES)

    @settings(
        max_examples=10, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.from_type(cls))
    def check(obj: Any) -> None:
        assert isinstance(obj, cls)
        assert validate(obj, rules=False) == []

    check()


def test_strategies_import_first() -> None:
    """Importing hpt_request.strategies before Hypothesis works (no circular import), and
    st.from_type then resolves to our strategy."""
    code = (
        "import hpt_request.strategies as s; import hypothesis.strategies as st; "
        "print(repr(st.from_type(s.Tag)) == repr(s.tags()), "
        "isinstance(st.from_type(s.Tag).example(), s.Tag))"
    )
    assert _fresh(code) == ["True True"]


class _UserPipeline:
    """A user's class that takes a request: st.builds() infers it from the annotation."""

    def __init__(
        self, request: CreateHyperParameterTuningJobRequest, ranges: ParameterRanges
    ) -> None:
        self.request = request
        self.ranges = ranges


@settings(max_examples=20, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.builds(_UserPipeline))
def test_builds_infers_our_strategies(pipeline: _UserPipeline) -> None:
    """st.builds() on a user's class fills model-typed arguments with valid objects."""
    assert validate(pipeline.request) == []
    assert validate(pipeline.ranges) == []
