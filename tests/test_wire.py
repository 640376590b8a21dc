"""to_wire, from_wire and validate on the golden corpus and on hand-made edge cases."""

from __future__ import annotations

import copy
import json
from collections import Counter
from typing import Any

import attrs
import jsonschema
import pytest

from hpt_request import (
    CreateHyperParameterTuningJobRequest,
    CreateHyperParameterTuningJobResponse,
    FieldTypeError,
    HyperParameterTuningJobStrategyType,
    ParameterRanges,
    Problem,
    RequestValidationError,
    ResourceLimits,
    Tag,
    from_wire,
    to_wire,
    validate,
)
from hpt_request.model import examples
from hpt_request.schema import engines as schema
from tests.corpus import golden_invalid, golden_valid, golden_valid_texts

VALID = golden_valid()
TEXTS = golden_valid_texts()
INVALID = golden_invalid()
REFERENCE = jsonschema.Draft7Validator(schema.document(schema.REQUEST_SCHEMA))


def test_corpus_is_big_enough() -> None:
    """The corpus holds at least 12 valid and 12 invalid requests."""
    assert len(VALID) >= 12
    assert len(INVALID) >= 12


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_round_trip(name: str) -> None:
    """wire -> objects -> wire gives the same dict and the same JSON text; objects -> wire ->
    objects gives equal objects; the schema accepts what we send."""
    wire = VALID[name]
    request = from_wire(wire)
    assert isinstance(request, CreateHyperParameterTuningJobRequest)
    sent = to_wire(request)
    assert sent == wire
    assert json.dumps(sent, indent=2, ensure_ascii=False) + "\n" == TEXTS[name]
    assert from_wire(sent) == request
    assert list(REFERENCE.iter_errors(sent)) == []
    assert validate(wire) == []
    assert validate(request) == []


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_golden_files(name: str) -> None:
    """validate() reports exactly the expected (code, path) pairs, and from_wire raises with
    the same problems."""
    case = INVALID[name]
    expected = Counter((e["code"], e["path"]) for e in case["expected"])
    problems = validate(case["request"])
    assert Counter((p.code, p.path) for p in problems) == expected
    with pytest.raises(RequestValidationError) as caught:
        from_wire(case["request"])
    assert caught.value.problems == problems
    lines = str(caught.value).splitlines()
    assert len(lines) == len(problems) + 1
    for problem, line in zip(problems, lines[1:], strict=True):
        assert line.strip() == str(problem)


def test_messages_name_the_field_the_value_and_what_is_allowed() -> None:
    """A message says which field, what value and what would be accepted."""
    wire = examples.load("bayesian")
    wire["HyperParameterTuningJobConfig"]["Strategy"] = "bayesian"
    wire["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0
    wire["HyperParameterTuningJobConfig"]["random_seed"] = 3
    by_code = {p.code: p for p in validate(wire)}
    assert by_code["enum"].message.startswith('Strategy is "bayesian"')
    assert "did you mean Bayesian?" in by_code["enum"].message
    assert "Grid" in by_code["enum"].message
    assert (
        by_code["minimum"].path
        == "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs"
    )
    assert "minimum is 1" in by_code["minimum"].message
    assert "did you mean RandomSeed?" in by_code["additionalProperties"].message


def test_map_entries_use_quoted_keys() -> None:
    """Map entries are rendered as ["key"], for bad values and bad keys alike."""
    wire = examples.load("bayesian")
    definition = wire["TrainingJobDefinition"]
    definition["StaticHyperParameters"]["num.round"] = "x" * 2501
    definition["Environment"] = {"1BAD": "v"}
    paths = {p.path: p.code for p in validate(wire)}
    assert paths == {
        'TrainingJobDefinition.StaticHyperParameters["num.round"]': "maxLength",
        'TrainingJobDefinition.Environment["1BAD"]': "propertyNames",
    }


def test_problems_are_in_document_order() -> None:
    """List indexes sort as numbers, so [2] comes before [10]."""
    wire = examples.load("bayesian")
    wire["Tags"] = [
        {"Key": "k" * 200, "Value": "v"} if i in (2, 10) else {"Key": f"k{i}", "Value": "v"}
        for i in range(12)
    ]
    paths = [p.path for p in validate(wire)]
    assert paths == ["Tags[2].Key", "Tags[10].Key"]


def _small_request(**config: Any) -> CreateHyperParameterTuningJobRequest:
    request = from_wire(examples.load("seed-era"))
    return attrs.evolve(request, **config)


def test_falsy_values_are_kept_and_none_is_omitted() -> None:
    """0, False and "" reach the wire; None members do not."""
    request = from_wire(examples.load("bayesian"))
    request.hyper_parameter_tuning_job_config.random_seed = 0
    assert request.training_job_definition is not None
    request.training_job_definition.enable_network_isolation = False
    request.training_job_definition.static_hyper_parameters = {"note": ""}
    request.tags = [Tag(key="empty", value="")]
    request.warm_start_config = None
    wire = to_wire(request)
    assert wire["HyperParameterTuningJobConfig"]["RandomSeed"] == 0
    assert wire["TrainingJobDefinition"]["EnableNetworkIsolation"] is False
    assert wire["TrainingJobDefinition"]["StaticHyperParameters"] == {"note": ""}
    assert wire["Tags"] == [{"Key": "empty", "Value": ""}]
    assert "WarmStartConfig" not in wire
    assert "Autotune" not in wire


def _key_orders(value: Any, node: Any, definitions: Any) -> list[tuple[list[str], list[str]]]:
    while "$ref" in node:
        node = definitions[node["$ref"].rsplit("/", 1)[-1]]
    found = []
    if isinstance(value, dict) and "properties" in node:
        found.append((list(value), [k for k in node["properties"] if k in value]))
        for key, item in value.items():
            found += _key_orders(item, node["properties"][key], definitions)
    elif isinstance(value, list) and "items" in node:
        for item in value:
            found += _key_orders(item, node["items"], definitions)
    return found


@pytest.mark.parametrize("name", sorted(VALID))
def test_keys_in_spec_member_order(name: str) -> None:
    """Every object's keys come out in the spec's member order, whatever order came in."""
    shuffled = json.loads(
        json.dumps(VALID[name]), object_pairs_hook=lambda pairs: dict(reversed(pairs))
    )
    wire = to_wire(from_wire(shuffled))
    document = schema.document(schema.REQUEST_SCHEMA)
    for actual, expected in _key_orders(wire, document, document["definitions"]):
        assert actual == expected


def test_enum_members_and_strings() -> None:
    """Enum fields read from the wire are members; strings are written as plain str."""
    request = from_wire(examples.load("grid"))
    strategy = request.hyper_parameter_tuning_job_config.strategy
    assert strategy is HyperParameterTuningJobStrategyType.GRID
    written = to_wire(request)["HyperParameterTuningJobConfig"]["Strategy"]
    assert type(written) is str


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "minimum"),
        (None, "required"),
        (2**40, "maximum"),
    ],
)
def test_bad_object_values_are_reported_at_wire_paths(value: Any, code: str) -> None:
    """An object holding a wrong value fails in validate() and to_wire() with its wire path."""
    request = _small_request()
    request.hyper_parameter_tuning_job_config.resource_limits.max_parallel_training_jobs = value
    path = "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs"
    assert [(p.code, p.path) for p in validate(request)] == [(code, path)]
    with pytest.raises(RequestValidationError) as caught:
        to_wire(request)
    assert [(p.code, p.path) for p in caught.value.problems] == [(code, path)]


@pytest.mark.parametrize("value", ["5", 5.0, True])
def test_wrong_python_type_is_refused_when_assigned(value: Any) -> None:
    """A value of the wrong Python type is refused at assignment, naming the field."""
    request = _small_request()
    limits = request.hyper_parameter_tuning_job_config.resource_limits
    with pytest.raises(FieldTypeError) as caught:
        limits.max_parallel_training_jobs = value
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("type", "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs")
    ]


def test_wrong_object_in_a_field() -> None:
    """A dict or a different model class where a structure belongs is reported, not crashed on."""
    request = _small_request()
    request.hyper_parameter_tuning_job_config.resource_limits = Tag(key="a", value="b")  # type: ignore[assignment]
    problems = {(p.code, p.path) for p in validate(request)}
    assert ("additionalProperties", "HyperParameterTuningJobConfig.ResourceLimits.Key") in problems
    assert (
        "required",
        "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs",
    ) in problems
    request.hyper_parameter_tuning_job_config.parameter_ranges = [1, 2]  # type: ignore[assignment]
    assert ("type", "HyperParameterTuningJobConfig.ParameterRanges") in {
        (p.code, p.path) for p in validate(request)
    }


def _bayesian_with_a_finding() -> CreateHyperParameterTuningJobRequest:
    """The bayesian example with a rule's finding of its own (above the default parallel
    quota), away from the members the tests below change."""
    request = from_wire(examples.load("bayesian"))
    request.hyper_parameter_tuning_job_config.resource_limits.max_parallel_training_jobs = 50
    return request


def _one_verdict(request: object) -> list[tuple[str, str]]:
    """The problems of validate() with and without rules, and of to_wire(), as (code, path):
    one list if the three agree on the structure."""
    with_rules = [(p.code, p.path) for p in validate(request)]
    structural = [(p.code, p.path) for p in validate(request, rules=False)]
    with pytest.raises(RequestValidationError) as caught:
        to_wire(request)
    written = [(p.code, p.path) for p in caught.value.problems]
    assert [item for item in with_rules if item[0] != "max-parallel-quota"] == structural
    assert written == structural
    return with_rules


@pytest.mark.parametrize(
    ("member", "value", "path"),
    [
        (
            "resource_config",
            {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
            "TrainingJobDefinition.ResourceConfig",
        ),
        (
            "stopping_condition",
            {"MaxRuntimeInSeconds": 3600},
            "TrainingJobDefinition.StoppingCondition",
        ),
        (
            "input_data_config",
            [
                {
                    "ChannelName": "train",
                    "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t"}},
                }
            ],
            "TrainingJobDefinition.InputDataConfig[0]",
        ),
    ],
)
def test_a_wire_dict_in_a_structure_member_is_a_type_problem_everywhere(
    member: str, value: Any, path: str
) -> None:
    """A wire dict where the model holds a structure is the wrong Python type, as a str is
    where it holds an int: a type problem at its wire path from validate() with and without
    rules and from to_wire(), the rules' other findings still reported."""
    request = _bayesian_with_a_finding()
    setattr(request.training_job_definition, member, value)
    assert _one_verdict(request) == [
        (
            "max-parallel-quota",
            "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs",
        ),
        ("type", path),
    ]
    (problem,) = validate(request, rules=False)
    assert "dict" in problem.message
    assert "from_wire" in problem.message


def test_non_model_inputs() -> None:
    """to_wire takes model objects, validate takes objects or dicts; anything else is a
    problem."""
    for value in (None, [1], "text", 3, object()):
        with pytest.raises(RequestValidationError):
            to_wire(value)
        assert [p.code for p in validate(value)] == ["type"]
        with pytest.raises(RequestValidationError):
            from_wire(value)


def test_sub_shapes_and_the_response() -> None:
    """from_wire reads any model class; the response's ARN pattern is checked."""
    ranges = from_wire(
        {"IntegerParameterRanges": [{"Name": "d", "MinValue": "1", "MaxValue": "9"}]},
        ParameterRanges,
    )
    assert ranges.integer_parameter_ranges is not None
    assert ranges.integer_parameter_ranges[0].max_value == "9"
    arn = "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/churn-xgb"
    response = from_wire({"HyperParameterTuningJobArn": arn}, CreateHyperParameterTuningJobResponse)
    assert response.hyper_parameter_tuning_job_arn == arn
    assert to_wire(response) == {"HyperParameterTuningJobArn": arn}
    bad = {"HyperParameterTuningJobArn": "arn:aws:sagemaker:us-east-1:12345:training-job/x"}
    with pytest.raises(RequestValidationError) as caught:
        from_wire(bad, CreateHyperParameterTuningJobResponse)
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("pattern", "HyperParameterTuningJobArn")
    ]
    assert validate({"MaxParallelTrainingJobs": 2}, cls=ResourceLimits) == []


def test_problem_and_error_rendering() -> None:
    """Problem.__str__ is PATH: CODE: message; the error lists one problem per line."""
    problem = Problem(path="Tags[0].Key", code="pattern", message="Key ... does not match")
    assert str(problem) == "Tags[0].Key: pattern: Key ... does not match"
    error = RequestValidationError([problem, Problem(path="", code="type", message="m")])
    assert str(error).splitlines() == ["2 problems found", f"  {problem}", "  <request>: type: m"]
    assert isinstance(error, ValueError)


def test_from_wire_does_not_alias_its_input() -> None:
    """Objects read from a dict share no lists or dicts with it."""
    wire = examples.load("bayesian")
    before = copy.deepcopy(wire)
    request = from_wire(wire)
    assert request.tags is not None
    request.tags.append(Tag(key="new", value="v"))
    assert wire == before


def test_number_for_a_string_says_how_to_write_it() -> None:
    """A bare number where the wire wants a string (a YAML slip) gets a hint to quote it."""
    wire = examples.load("bayesian")
    wire["HyperParameterTuningJobConfig"]["ParameterRanges"]["ContinuousParameterRanges"][0][
        "MaxValue"
    ] = 0.3
    (problem,) = validate(wire)
    assert problem.code == "type"
    assert (
        problem.path
        == "HyperParameterTuningJobConfig.ParameterRanges.ContinuousParameterRanges[0].MaxValue"
    )
    assert 'write "0.3"' in problem.message
