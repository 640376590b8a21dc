"""The notebook helpers: the one-call builder, range constructors, summaries, JSON text."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

from hpt_request import (
    Categorical,
    CategoricalParameterRange,
    Continuous,
    ContinuousParameterRange,
    CreateHyperParameterTuningJobRequest,
    FieldTypeError,
    HyperParameterScalingType,
    Integer,
    IntegerParameterRange,
    RequestValidationError,
    from_json,
    from_wire,
    to_json,
    to_wire,
    tuning_job,
)
from hpt_request.model import examples

# A team's own training image (not a built-in algorithm), so it declares its metrics.
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1"
ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"


def _everyday_arguments() -> dict[str, Any]:
    return {
        "objective_metric": "validation:auc",
        "search_space": {
            "eta": Continuous(0.01, 0.3, scaling="Logarithmic"),
            "max_depth": Integer(3, 10),
            "booster": Categorical(["gbtree", "dart"]),
        },
        "image": IMAGE,
        "metric_definitions": {"validation:auc": "validation-auc:([0-9\\\\.]+)"},
        "role": ROLE,
        "inputs": {"train": "s3://bucket/train/", "validation": "s3://bucket/validation/"},
        "content_type": "text/csv",
        "output_path": "s3://bucket/output/",
        "max_jobs": 20,
        "max_parallel": 2,
        "static_hyperparameters": {"objective": "binary:logistic", "num_round": 100},
        "tags": {"team": "ml"},
    }


def everyday(**changes: Any) -> CreateHyperParameterTuningJobRequest:
    arguments = _everyday_arguments()
    arguments.update(changes)
    return tuning_job("churn-xgb-1", **arguments)


def test_builder_makes_a_valid_complete_request() -> None:
    """The flat call gives a request that passes every check and has the expected wire form."""
    request = everyday()
    assert request.validate() == []
    wire = to_wire(request)
    config = wire["HyperParameterTuningJobConfig"]
    assert config["HyperParameterTuningJobObjective"] == {
        "Type": "Maximize",
        "MetricName": "validation:auc",
    }
    assert config["ParameterRanges"] == {
        "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "3", "MaxValue": "10"}],
        "ContinuousParameterRanges": [
            {"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3", "ScalingType": "Logarithmic"}
        ],
        "CategoricalParameterRanges": [{"Name": "booster", "Values": ["gbtree", "dart"]}],
    }
    definition = wire["TrainingJobDefinition"]
    assert definition["StaticHyperParameters"] == {
        "objective": "binary:logistic",
        "num_round": "100",
    }
    assert [c["ChannelName"] for c in definition["InputDataConfig"]] == ["train", "validation"]
    assert definition["InputDataConfig"][0]["ContentType"] == "text/csv"
    assert definition["StoppingCondition"] == {}  # SageMaker's default runtime: one day
    assert wire["Tags"] == [{"Key": "team", "Value": "ml"}]


def test_builder_spot_and_algorithm() -> None:
    """spot=True sets MaxWaitTimeInSeconds; an algorithm resource turns network isolation on."""
    spot = everyday(spot=True, max_runtime=3600)
    condition = spot.training_job_definition.stopping_condition  # type: ignore[union-attr]
    assert (condition.max_runtime_in_seconds, condition.max_wait_time_in_seconds) == (3600, 3600)
    assert spot.validate() == []
    algorithm = everyday(image=None, algorithm="my-algorithm", metric_definitions=None)
    assert algorithm.training_job_definition.enable_network_isolation is True  # type: ignore[union-attr]
    assert algorithm.validate() == []


def test_builder_result_can_be_changed_and_is_checked() -> None:
    """The result is an ordinary request: evolve it, and the checks see the change."""
    request = everyday()
    broken = attrs.evolve(request, hyper_parameter_tuning_job_name="bad_name")
    assert [(p.code, p.path) for p in broken.validate()] == [
        ("pattern", "HyperParameterTuningJobName")
    ]
    with pytest.raises(RequestValidationError):
        to_wire(broken)
    with pytest.raises(TypeError, match="use Integer, Continuous or Categorical"):
        everyday(search_space={"eta": (0.1, 0.2)})


def test_range_constructors() -> None:
    """Each scaling type has a constructor; values follow the wire rules."""
    assert ContinuousParameterRange.log("learning_rate", 1e-5, 1e-1) == ContinuousParameterRange(
        name="learning_rate", min_value="1e-05", max_value="0.1", scaling_type="Logarithmic"
    )
    assert (
        ContinuousParameterRange.reverse_log("momentum", 0.9, 0.999).scaling_type
        is HyperParameterScalingType.REVERSE_LOGARITHMIC
    )
    assert ContinuousParameterRange.linear("x", 0, 1).scaling_type == "Linear"
    assert ContinuousParameterRange.auto("x", 0, 1).scaling_type == "Auto"
    assert IntegerParameterRange.log("trees", 10, 1000).scaling_type == "Logarithmic"
    assert IntegerParameterRange.linear("depth", 1, 9).min_value == "1"
    assert IntegerParameterRange.auto("depth", 1, 9).scaling_type == "Auto"
    assert CategoricalParameterRange.of("flag", "on", True, 3).values == ["on", "true", "3"]


def test_readable_repr() -> None:
    """Enums show as Class.MEMBER in reprs, not as <...> objects."""
    shown = repr(ContinuousParameterRange.log("eta", 0.01, 0.3))
    assert shown == (
        "ContinuousParameterRange(name='eta', min_value='0.01', max_value='0.3', "
        "scaling_type=HyperParameterScalingType.LOGARITHMIC)"
    )


def test_summary_and_worst_case() -> None:
    """The summary lists the search space and the worst case: jobs x instances x runtime."""
    request = everyday(
        instance_type="ml.g4dn.xlarge", instance_count=2, max_runtime=7200, max_tuning_runtime=36000
    )
    case = request.worst_case()
    assert case.max_jobs == 20
    assert case.tuning_runtime_cap == 36000
    assert case.instance_hours_by_type() == {"ml.g4dn.xlarge": 20 * 2 * 2.0}
    text = request.summary()
    assert "Bayesian search" in text
    assert "eta" in text
    assert "0.01 .. 0.3" in text
    assert "gbtree, dart" in text
    assert "20 jobs x 2 x ml.g4dn.xlarge x 2 h = 80 instance-hours" in text
    assert "tuning job capped at 10 h" in text
    html = request._repr_html_()
    assert "<b>Tuning job churn-xgb-1: Bayesian search</b>" in html
    assert '<td style="text-align:left">max_depth</td>' in html


def test_worst_case_of_examples() -> None:
    """Every bundled example has a summary; defaults and uncapped budgets are stated."""
    for name in examples.names():
        request = from_wire(examples.load(name))
        assert request.summary().startswith(f"Tuning job {request.hyper_parameter_tuning_job_name}")
        assert request.worst_case().lines
    autotune = from_wire(examples.load("autotune"))
    assert "training jobs not capped" in autotune.summary()


def test_json_text_round_trip() -> None:
    """to_json/from_json keep the exact wire JSON; bad text is a problem, not a traceback."""
    request = everyday()
    text = to_json(request, indent=2)
    assert json.loads(text) == to_wire(request)
    assert from_json(text) == request
    assert from_json(text.encode()) == request
    assert request.to_json() == to_json(request)
    for bad in ("{", '{"a": 1, "a": 2}', "[NaN]", b"\xff"):
        with pytest.raises(RequestValidationError) as caught:
            from_json(bad)
        assert [p.code for p in caught.value.problems] == ["unreadable"]


def _golden(name: str) -> dict[str, Any]:
    from tests.corpus import GOLDEN

    loaded: dict[str, Any] = json.loads(
        (GOLDEN / "valid" / f"{name}.json").read_text(encoding="utf-8")
    )
    return loaded


def test_worst_case_reads_every_resource_form() -> None:
    """Instance groups, tuning InstanceConfigs and plain types each give their own lines."""
    groups = _golden("heterogeneous_cluster")
    resource = groups["TrainingJobDefinition"]["ResourceConfig"]
    expected = [(g["InstanceType"], g["InstanceCount"]) for g in resource["InstanceGroups"]]
    lines = from_wire(groups).worst_case().lines
    assert [(line.instance_type, line.instances) for line in lines] == expected
    configs = _golden("resource_instance_configs")
    options = configs["TrainingJobDefinition"]["HyperParameterTuningResourceConfig"][
        "InstanceConfigs"
    ]
    lines = from_wire(configs).worst_case().lines
    assert [(line.instance_type, line.instances) for line in lines] == [
        (o["InstanceType"], o["InstanceCount"]) for o in options
    ]
    runtime = configs["TrainingJobDefinition"]["StoppingCondition"]["MaxRuntimeInSeconds"]
    total = configs["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"]
    assert lines[0].instance_hours == total * options[0]["InstanceCount"] * runtime / 3600


def test_grid_without_a_budget_counts_the_grid() -> None:
    """Grid without MaxNumberOfTrainingJobs: the number of jobs is the grid's size."""
    grid = _golden("grid_without_max_jobs")
    size = 1
    for item in grid["HyperParameterTuningJobConfig"]["ParameterRanges"][
        "CategoricalParameterRanges"
    ]:
        size *= len(item["Values"])
    assert from_wire(grid).worst_case().max_jobs == size
    assert f"Budget: {size} training jobs" in from_wire(grid).summary()


def test_summary_shows_auto_parameters_and_autotune() -> None:
    """AutoParameters appear with their hints; an Autotune job says so."""
    request = from_wire(_golden("autotune_auto_parameters"))
    text = request.summary()
    assert "with Autotune" in text
    for auto in request.hyper_parameter_tuning_job_config.parameter_ranges.auto_parameters or []:  # type: ignore[union-attr]
        assert f"hint {auto.value_hint}" in text


CONFIG = "HyperParameterTuningJobConfig"
DEFINITION = "TrainingJobDefinition"


@pytest.mark.parametrize(
    ("argument", "value", "path"),
    [
        ("max_jobs", 20.0, f"{CONFIG}.ResourceLimits.MaxNumberOfTrainingJobs"),
        ("max_parallel", "2", f"{CONFIG}.ResourceLimits.MaxParallelTrainingJobs"),
        ("max_tuning_runtime", 1.5, f"{CONFIG}.ResourceLimits.MaxRuntimeInSeconds"),
        ("objective_metric", 5, f"{CONFIG}.HyperParameterTuningJobObjective.MetricName"),
        ("objective_type", 1, f"{CONFIG}.HyperParameterTuningJobObjective.Type"),
        ("strategy", 5, f"{CONFIG}.Strategy"),
        ("early_stopping", True, f"{CONFIG}.TrainingJobEarlyStoppingType"),
        ("role", 5, f"{DEFINITION}.RoleArn"),
        ("output_path", 5, f"{DEFINITION}.OutputDataConfig.S3OutputPath"),
        ("image", 5, f"{DEFINITION}.AlgorithmSpecification.TrainingImage"),
        ("input_mode", 5, f"{DEFINITION}.AlgorithmSpecification.TrainingInputMode"),
        ("instance_type", 5, f"{DEFINITION}.ResourceConfig.InstanceType"),
        ("instance_count", 1.0, f"{DEFINITION}.ResourceConfig.InstanceCount"),
        ("volume_size", "30", f"{DEFINITION}.ResourceConfig.VolumeSizeInGB"),
        ("max_runtime", 3600.0, f"{DEFINITION}.StoppingCondition.MaxRuntimeInSeconds"),
        ("content_type", 5, f"{DEFINITION}.InputDataConfig[0].ContentType"),
    ],
)
def test_a_wrong_type_names_the_argument_typed_and_the_wire_path(
    argument: str, value: Any, path: str
) -> None:
    """tuning_job(max_jobs=20.0): the FieldTypeError names the argument as it was typed and
    the member it fills by its full wire path."""
    with pytest.raises(FieldTypeError) as caught:
        everyday(**{argument: value})
    (problem,) = caught.value.problems
    assert (problem.code, problem.path) == ("type", path)
    assert problem.message.startswith(f"{argument}={value!r}: {path} takes ")
    assert problem.location[0] in (CONFIG, DEFINITION)


@pytest.mark.parametrize(
    ("changes", "typed", "path"),
    [
        (
            {"search_space": {"max_depth": Integer(3, 10), "eta": Continuous(True, 0.3)}},
            "search_space['eta'].low=True",
            f"{CONFIG}.ParameterRanges.ContinuousParameterRanges[0].MinValue",
        ),
        (
            {"search_space": {"max_depth": Integer(3, [10])}},  # type: ignore[arg-type]
            "search_space['max_depth'].high=[10]",
            f"{CONFIG}.ParameterRanges.IntegerParameterRanges[0].MaxValue",
        ),
        (
            {"search_space": {"booster": Categorical(["gbtree", None])}},  # type: ignore[list-item]
            "search_space['booster'].values[1]=None",
            f"{CONFIG}.ParameterRanges.CategoricalParameterRanges[0].Values[1]",
        ),
        (
            {"static_hyperparameters": {"objective": "binary:logistic", "num_round": None}},
            "static_hyperparameters['num_round']=None",
            f'{DEFINITION}.StaticHyperParameters["num_round"]',
        ),
        (
            {"inputs": {"train": "s3://bucket/train/", "validation": 5}},
            "inputs['validation']=5",
            f"{DEFINITION}.InputDataConfig[1].DataSource.S3DataSource.S3Uri",
        ),
        (
            {"metric_definitions": {"validation:auc": 5}},
            "metric_definitions['validation:auc']=5",
            f"{DEFINITION}.AlgorithmSpecification.MetricDefinitions[0].Regex",
        ),
        ({"tags": {"team": 5}}, "tags['team']=5", "Tags[0].Value"),
    ],
)
def test_a_wrong_type_in_a_mapping_names_its_key(
    changes: dict[str, Any], typed: str, path: str
) -> None:
    """An entry of the search space, the static hyperparameters, the inputs, the metrics or
    the tags: the argument's key, and the item's index in the wire path."""
    with pytest.raises(FieldTypeError) as caught:
        everyday(**changes)
    (problem,) = caught.value.problems
    assert (problem.code, problem.path) == ("type", path)
    assert problem.message.startswith(f"{typed}: {path} takes "), problem.message


def test_a_wrong_name_names_the_name() -> None:
    """The job's name, the first argument, at its wire path."""
    with pytest.raises(FieldTypeError) as caught:
        tuning_job(5, **_everyday_arguments())  # type: ignore[arg-type]
    (problem,) = caught.value.problems
    assert problem.path == "HyperParameterTuningJobName"
    assert problem.message.startswith("name=5: HyperParameterTuningJobName takes str")
