"""The built-in algorithm rules on the Developer Guide's own tuning example.

``tests/realworld/devguide-xgboost-tuning-job.json`` is the request the Guide's page
automatic-model-tuning-ex-tuning-job builds (XGBoost, objective validation:auc), captured by
running the page's code (see tests/realworld/SOURCES.md). Every image of a built-in algorithm
in the bundled examples and the real-world corpus is recognised as one.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from hpt_request import validate
from hpt_request.rules import algorithms

HERE = Path(__file__).parent
DEVGUIDE = json.loads((HERE / "realworld" / "devguide-xgboost-tuning-job.json").read_text())
RANGES = "HyperParameterTuningJobConfig.ParameterRanges"
OBJECTIVE = "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective"
STATIC = "TrainingJobDefinition.StaticHyperParameters"


def _found(request: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(p.code, p.path, p.severity) for p in validate(request) if p.code.startswith("builtin")]


def _requests() -> list[tuple[str, dict[str, Any]]]:
    files = [
        *sorted((HERE / "realworld").glob("*.json")),
        *sorted((HERE / "golden" / "valid").glob("*.json")),
    ]
    files += sorted((HERE.parent / "hpt_request" / "model" / "examples").glob("*.json"))
    return [(path.name, json.loads(path.read_text(encoding="utf-8"))) for path in files]


def test_the_developer_guide_example_is_clean() -> None:
    """The Guide's XGBoost tuning job: a known metric, documented names, num_round given."""
    assert _found(DEVGUIDE) == []


def test_a_misspelled_metric_and_hyperparameter_are_reported() -> None:
    """validation:aucc and max_dept get a warning with the documented name to use."""
    request = copy.deepcopy(DEVGUIDE)
    request["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"]["MetricName"] = (
        "validation:aucc"
    )
    request["HyperParameterTuningJobConfig"]["ParameterRanges"]["IntegerParameterRanges"][0][
        "Name"
    ] = "max_dept"
    found = validate(request)
    messages = {p.code: p.message for p in found if p.code.startswith("builtin")}
    assert 'did you mean "validation:auc"' in messages["builtin-objective-metric"]
    assert 'did you mean "max_depth"' in messages["builtin-hyperparameter-known"]


def test_a_missing_num_round_is_an_error() -> None:
    """XGBoost requires num_round (DG: xgboost_hyperparameters): every training job would fail."""
    request = copy.deepcopy(DEVGUIDE)
    del request["TrainingJobDefinition"]["StaticHyperParameters"]["num_round"]
    assert _found(request) == [("builtin-required-hyperparameters", STATIC, "error")]


def test_a_missing_required_hyperparameter_says_the_job_is_accepted_then_fails() -> None:
    """The message says the tuning job is created and each training job fails at start, with
    the training job's failure as the algorithms write it (aws/sagemaker-python-sdk#132)."""
    request = copy.deepcopy(DEVGUIDE)
    del request["TrainingJobDefinition"]["StaticHyperParameters"]["num_round"]
    (message,) = [
        p.message for p in validate(request) if p.code == "builtin-required-hyperparameters"
    ]
    assert "CreateHyperParameterTuningJob accepts the request" in message
    assert "every training job it starts then fails at start" in message
    assert "No value(s) were specified for 'num_round' which are required" in message


def test_every_missing_required_hyperparameter_is_named() -> None:
    """k-means without k and feature_dim (an SDK-made request): both names, in one problem."""
    request = json.loads((HERE / "realworld" / "sdkinteg-tuning-kmeans.json").read_text())
    static = request["TrainingJobDefinition"]["StaticHyperParameters"]
    del static["k"], static["feature_dim"]
    found = [p for p in validate(request) if p.code == "builtin-required-hyperparameters"]
    assert [(p.path, p.severity) for p in found] == [(STATIC, "error")]
    assert "No value(s) were specified for 'feature_dim', 'k' which" in found[0].message
    assert "them as static hyperparameters or ranges" in found[0].message


def test_the_direction_of_a_documented_metric_is_checked() -> None:
    """validation:auc is to be maximized (DG: xgboost-tuning)."""
    request = copy.deepcopy(DEVGUIDE)
    request["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"]["Type"] = (
        "Minimize"
    )
    assert _found(request) == [("builtin-objective-direction", f"{OBJECTIVE}.Type", "warning")]


@pytest.mark.parametrize(("name", "request_"), _requests(), ids=lambda value: str(value)[:40])
def test_every_built_in_image_is_recognised(name: str, request_: dict[str, Any]) -> None:
    """An image in a built-in algorithm's repository, in a real or bundled request, is known."""
    repositories = {r for a in algorithms.algorithms().values() for r in a.repositories}
    definitions = request_.get("TrainingJobDefinitions") or [request_["TrainingJobDefinition"]]
    for definition in definitions:
        image = definition["AlgorithmSpecification"].get("TrainingImage")
        if image is None:
            continue
        repository = image.split("/", 1)[1].split("@")[0].split(":")[0]
        if repository in repositories:
            assert algorithms.identify(image) is not None, (name, image)


def test_the_verdict_memory_is_bounded_and_changes_no_verdict() -> None:
    """Each hyperparameter's remembered verdicts stay within their bound, and a verdict read
    from memory, or computed again after the memory started afresh, is the table's own."""
    from hpt_request.rules import builtin

    verdict = builtin._verdicts("xgboost")["max_depth"]
    documented = algorithms.algorithms()["xgboost"].hyperparameter("max_depth")
    assert documented is not None
    texts = [str(number) for number in range(-5, builtin.REMEMBERED + 200)] + ["x", "3.5"]
    for _ in range(2):  # the second round reads what the first remembered (where it still is)
        for text in texts:
            assert verdict.admits(text) == documented.admits(text.strip())
            assert len(verdict.values) <= builtin.REMEMBERED
    assert verdict.admits("6")
    assert not verdict.admits("-1")
    for number in (-1, 0, 6, 10_000):
        expected = documented.contains(float(number))
        assert verdict.contains("integer", str(number), number) == expected
        assert verdict.contains("integer", str(number), number) == expected  # from memory


def _builtin_findings(wire: dict[str, Any]) -> bool:
    """What the one-pass check of the built-in rules tells about ``wire`` (a valid request)."""
    from hpt_request import from_wire
    from hpt_request.rules import _core, builtin

    return builtin._builtin_findings(_core.context(from_wire(wire, rules=False)))


def _varied(number: int) -> list[dict[str, Any]]:
    """The Guide's example with max_depth ``number`` as a static value, and with an integer
    range from ``number`` to ``number + 5`` (max_depth is documented as an integer of at least
    0: DG:xgboost_hyperparameters)."""
    static = copy.deepcopy(DEVGUIDE)
    static["TrainingJobDefinition"]["StaticHyperParameters"]["max_depth"] = str(number)
    ranged = copy.deepcopy(DEVGUIDE)
    ranges = ranged["HyperParameterTuningJobConfig"]["ParameterRanges"]
    ranges["IntegerParameterRanges"][0]["MinValue"] = str(number)
    ranges["IntegerParameterRanges"][0]["MaxValue"] = str(number + 5)
    return [static, ranged]


def test_what_the_one_pass_check_remembers_changes_no_verdict() -> None:
    """The built-in one-pass check remembers only what passed: asked again, it tells the same."""
    from hpt_request.rules import builtin

    admitted = builtin._admitted("xgboost")
    assert admitted is not None
    admitted.static.clear()
    admitted.ranges.clear()
    requests = [wire for number in range(-3, 4) for wire in _varied(number)]
    first = [_builtin_findings(wire) for wire in requests]
    assert first == [True] * 6 + [False] * 8  # -3, -2, -1 as a static value and as a bound
    assert admitted.static
    assert admitted.ranges
    assert ("max_depth", "-1") not in admitted.static
    assert [_builtin_findings(wire) for wire in requests] == first  # from memory


def test_what_the_one_pass_check_remembers_is_bounded() -> None:
    """Each memory of the one-pass check holds at most REMEMBERED keys, and starts afresh
    without changing a verdict."""
    from hpt_request.rules import builtin

    admitted = builtin._admitted("xgboost")
    assert admitted is not None
    for number in range(-1, builtin.REMEMBERED + 40):
        static, ranged = _varied(number)
        assert _builtin_findings(static) == _builtin_findings(ranged) == (number < 0)
        assert len(admitted.static) <= builtin.REMEMBERED
        assert len(admitted.ranges) <= builtin.REMEMBERED


# The MetricDefinitions of the Terraform provider's acceptance test
# TestAccSageMakerHyperParameterTuningJob_metricDefinitions (hashicorp/terraform-provider-aws,
# internal/service/sagemaker/hyper_parameter_tuning_job_test.go), which creates a k-means tuning
# job with them: the algorithm's own #quality_metric log line.
TERRAFORM_KMEANS_METRICS = [
    {"Name": "test:msd", "Regex": "#quality_metric: host=\\S+, test msd <loss>=(\\S+)"},
    {"Name": "test:accuracy", "Regex": "#quality_metric: host=\\S+, test accuracy=(\\S+)"},
]
DEFINITIONS = "TrainingJobDefinition.AlgorithmSpecification.MetricDefinitions"


def _kmeans_with(metrics: list[dict[str, str]]) -> dict[str, Any]:
    request: dict[str, Any] = json.loads(
        (HERE / "realworld" / "sdkinteg-tuning-kmeans.json").read_text()
    )
    request["TrainingJobDefinition"]["AlgorithmSpecification"]["MetricDefinitions"] = metrics
    return request


def _metric_findings(request: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (p.path, p.severity, p.message)
        for p in validate(request)
        if p.code == "builtin-no-metric-definitions"
    ]


def test_definitions_in_the_algorithms_own_log_format_are_a_warning() -> None:
    """k-means with the Terraform test's definitions (accepted by AWS): a warning, not an error."""
    ((path, severity, message),) = _metric_findings(_kmeans_with(TERRAFORM_KMEANS_METRICS))
    assert (path, severity) == (DEFINITIONS, "warning")
    assert "#quality_metric" in message
    assert "adds nothing" in message


def test_an_override_among_the_definitions_is_an_error() -> None:
    """One definition in another form than the algorithm's log line overrides it: refused."""
    metrics = [TERRAFORM_KMEANS_METRICS[0], {"Name": "test:msd2", "Regex": "msd=([0-9.]+)"}]
    ((path, severity, message),) = _metric_findings(_kmeans_with(metrics))
    assert (path, severity) == (DEFINITIONS, "error")
    assert "You can't override the metric definitions" in message


def test_script_mode_xgboost_definitions_name_the_reports() -> None:
    """The SDK's script-mode XGBoost tuner with definitions: a warning that says the service has
    been reported to treat the image as the built-in algorithm."""
    request = json.loads((HERE / "realworld" / "sdk-xgboost-script-mode.json").read_text())
    ((path, severity, message),) = _metric_findings(request)
    assert (path, severity) == (DEFINITIONS, "warning")
    assert "first-party XGBoost image as the built-in algorithm even in script mode" in message
