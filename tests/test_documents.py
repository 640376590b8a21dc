"""Documents that embed tuning requests: SageMaker Pipelines definitions, their placeholders,
the what-if mode, and where each problem is in the file."""

from __future__ import annotations

import copy
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest

from hpt_request import RequestValidationError, find_requests, validate_document
from hpt_request.cli import main
from hpt_request.text.locations import document_positions

PIPELINES = Path(__file__).parent / "realworld" / "pipelines"
DEFINITIONS = sorted(PIPELINES.glob("sdk-pipeline-*.json"))
DESCRIBED = PIPELINES / "moto-describe-pipeline-single-tuner.json"
# SDK v3 (tests/realworld/pipelines/SOURCES-v3.md).
V3 = [
    *sorted(PIPELINES.glob("sdk3-pipeline-*.json")),
    PIPELINES / "moto-describe-sdk3-pipeline-single-tuner.json",
]
SINGLE = PIPELINES / "sdk-pipeline-single-tuner.json"
CONDITION = PIPELINES / "sdk-pipeline-condition-tuner.json"
LIMITS = ("HyperParameterTuningJobConfig", "ResourceLimits")


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of ``text`` that holds ``needle``."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[occurrence - 1]


# -- finding ------------------------------------------------------------------------------------


def test_every_real_definition_is_a_pipeline_with_its_tuning_steps() -> None:
    """Each SDK definition is detected as a pipeline and each Tuning step is found."""
    counts = {path.name: len(find_requests(load(path))) for path in [*DEFINITIONS, DESCRIBED]}
    assert counts == {
        "sdk-pipeline-condition-tuner.json": 2,
        "sdk-pipeline-multi-algorithm.json": 1,
        "sdk-pipeline-single-tuner.json": 1,
        "moto-describe-pipeline-single-tuner.json": 1,
    }


def test_tuning_steps_inside_condition_branches_are_found_with_their_paths() -> None:
    """The IfSteps and ElseSteps of a Condition step are searched, in document order."""
    found = find_requests(load(CONDITION))
    assert [(r.path, r.step) for r in found] == [
        ("Steps[0].Arguments.ElseSteps[0].Arguments", "TuneNarrow"),
        ("Steps[0].Arguments.IfSteps[0].Arguments", "TuneWide"),
    ]


def test_nested_conditions_are_searched_at_any_depth() -> None:
    """A Tuning step three Condition steps deep is found."""
    tuning = load(SINGLE)["Steps"][0]
    step: dict[str, Any] = tuning
    for depth in range(3):
        step = {"Name": f"C{depth}", "Type": "Condition", "Arguments": {"IfSteps": [step]}}
    found = find_requests({"Version": "2020-12-01", "Steps": [step]}, kind="pipeline")
    assert found[0].location == ("Steps", 0, *("Arguments", "IfSteps", 0) * 3, "Arguments")


def test_placeholders_are_listed_with_their_kinds() -> None:
    """A request's placeholders carry their location, expression and kind."""
    (request,) = find_requests(load(SINGLE))
    found = {(p.location[-1], p.expression, p.kind) for p in request.placeholders}
    assert ("MaxNumberOfTrainingJobs", "Parameters.MaxJobs", "integer") in found
    assert ("InstanceType", "Parameters.TrainingInstanceType", "string") in found
    assert ("S3OutputPath", "Std:Join", "string") in found


def test_a_manifest_of_the_original_operator_is_named_as_such() -> None:
    """A tuning job of the original SageMaker Operators for Kubernetes (sagemaker.aws.amazon.com,
    as in aws/amazon-sagemaker-operator-for-k8s samples/xgboost-mnist-hpo.yaml) is one problem
    that names that operator and the ACK controller, not one that says it is no tuning job."""
    manifest = {
        "apiVersion": "sagemaker.aws.amazon.com/v1",
        "kind": "HyperparameterTuningJob",
        "metadata": {"name": "xgboost-mnist-hpo"},
        "spec": {"hyperParameterTuningJobConfig": {"strategy": "Bayesian"}},
    }
    checked = validate_document(manifest)
    assert [p.code for p in checked.problems] == ["unknown-document"]
    message = checked.problems[0].message
    assert "original SageMaker Operators for Kubernetes" in message
    assert "sagemaker.services.k8s.aws/v1alpha1" in message
    assert "not a HyperParameterTuningJob" not in message


def test_a_document_of_another_kind_is_one_clear_problem() -> None:
    """A Kubernetes manifest of another kind is named as what it is, in one problem, by both
    functions."""
    manifest = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}
    checked = validate_document(manifest)
    assert [p.code for p in checked.problems] == ["unknown-document"]
    assert "Kubernetes manifest" in checked.problems[0].message
    with pytest.raises(RequestValidationError, match="unknown-document"):
        find_requests(manifest)


def test_a_bare_request_is_checked_as_before() -> None:
    """A request document gives validate()'s problems, the job name required as ever."""
    from hpt_request import examples, validate

    data = json.loads(examples.text("bayesian"))
    del data["HyperParameterTuningJobName"]
    checked = validate_document(data)
    assert checked.kind == "request"
    assert checked.problems == validate(data)
    assert [p.code for p in checked.problems] == ["required"]


# -- real documents: no false alarm -------------------------------------------------------------


@pytest.mark.parametrize("path", [*DEFINITIONS, DESCRIBED, *V3], ids=lambda p: p.name)
def test_real_documents_pass_strictly(path: Path) -> None:
    """No problem at all, warnings included, on what the SDK writes; skipped checks listed."""
    checked = validate_document(load(path), strict=True)
    assert checked.kind == "pipeline"
    assert checked.problems == []
    assert checked.skipped


@pytest.mark.parametrize("path", [*DEFINITIONS, DESCRIBED, *V3], ids=lambda p: p.name)
def test_real_documents_pass_with_their_defaults(path: Path) -> None:
    """With every parameter at its default, the SDK's documents are still clean."""
    checked = validate_document(load(path), defaults=True, strict=True)
    assert checked.problems == []


def test_sdk_v3_tuning_steps_are_found_where_the_sdk_put_them() -> None:
    """The v3 Condition step's branches, as SOURCES-v3.md describes them."""
    found = find_requests(load(PIPELINES / "sdk3-pipeline-condition-tuner.json"))
    assert [r.step for r in found] == ["TuneNarrow", "TuneWide"]
    assert all(".Arguments.ElseSteps[" in r.path or ".Arguments.IfSteps[" in r.path for r in found)


def test_the_job_name_is_not_reported_missing() -> None:
    """The pipeline names the job: no required problem, and its checks are listed skipped."""
    checked = validate_document(load(SINGLE))
    assert not [p for p in checked.problems if p.code == "required"]
    named = [s for s in checked.skipped if s.path.endswith("HyperParameterTuningJobName")]
    assert {s.check for s in named} == {"pattern", "minLength", "maxLength"}


def test_skipped_checks_name_the_placeholder_they_need() -> None:
    """A bound and a rule that need MaxJobs are listed with Parameters.MaxJobs."""
    checked = validate_document(load(SINGLE))
    path = "Steps[0].Arguments.HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs"
    mine = {s.check for s in checked.skipped if s.path == path}
    assert {"minimum", "maximum", "max-jobs-quota"} <= mine
    assert {s.placeholder for s in checked.skipped if s.path == path} == {"Parameters.MaxJobs"}


def test_a_rule_reading_a_placeholder_range_bound_is_skipped_not_run() -> None:
    """A String parameter as a range's MinValue skips range-min-lt-max instead of guessing."""
    data = load(SINGLE)
    data["Parameters"].append({"Name": "Low", "Type": "String", "DefaultValue": "0.9"})
    ranges = data["Steps"][0]["Arguments"]["HyperParameterTuningJobConfig"]["ParameterRanges"]
    ranges["ContinuousParameterRanges"][0]["MinValue"] = {"Get": "Parameters.Low"}
    checked = validate_document(data)
    assert checked.problems == []
    assert "range-min-lt-max" in {s.check for s in checked.skipped}
    # the default is above MaxValue 0.5: the what-if mode reports it
    what_if = validate_document(data, defaults=True)
    assert "range-min-lt-max" in {p.code for p in what_if.problems}


# -- defects in real documents: reported at the document path and line --------------------------


def test_a_defect_in_a_literal_is_reported_at_its_path_and_line(tmp_path: Path) -> None:
    """MaxParallelTrainingJobs 0 in the condition's IfSteps: its document path, its line."""
    data = load(CONDITION)
    tuning = data["Steps"][0]["Arguments"]["IfSteps"][0]["Arguments"]
    tuning["TrainingJobDefinition"]["StoppingCondition"]["MaxRuntimeInSeconds"] = 0
    text = json.dumps(data, indent=2)
    path = tmp_path / "pipeline.json"
    path.write_text(text, encoding="utf-8")
    status, out, _ = cli("validate", str(path), "--format", "json")
    assert status == 1
    (problem,) = json.loads(out)["files"][0]["problems"]
    assert problem["path"] == (
        "Steps[0].Arguments.IfSteps[0].Arguments.TrainingJobDefinition.StoppingCondition."
        "MaxRuntimeInSeconds"
    )
    assert problem["code"] == "minimum"
    # the IfSteps come after the ElseSteps in the SDK's text: the second such line
    assert problem["line"] == line_of(text, '"MaxRuntimeInSeconds": 0')


def test_a_placeholder_of_the_wrong_kind_is_reported(tmp_path: Path) -> None:
    """A String parameter where an integer is expected: an error naming both."""
    data = load(SINGLE)
    limits = data["Steps"][0]["Arguments"]["HyperParameterTuningJobConfig"]["ResourceLimits"]
    limits["MaxParallelTrainingJobs"] = {"Get": "Parameters.TrainingInstanceType"}
    checked = validate_document(data)
    (problem,) = checked.problems
    assert problem.code == "placeholder-type"
    assert problem.path.endswith("ResourceLimits.MaxParallelTrainingJobs")
    assert "Parameters.TrainingInstanceType" in problem.message
    assert "String" in problem.message
    assert "an integer" in problem.message


def test_an_integer_parameter_fits_an_integer_member() -> None:
    """A ParameterInteger as MaxParallelTrainingJobs is accepted and its bounds skipped."""
    data = load(SINGLE)
    limits = data["Steps"][0]["Arguments"]["HyperParameterTuningJobConfig"]["ResourceLimits"]
    limits["MaxParallelTrainingJobs"] = {"Get": "Parameters.MaxJobs"}
    checked = validate_document(data)
    assert checked.problems == []
    assert any(s.path.endswith("MaxParallelTrainingJobs") for s in checked.skipped)


@pytest.mark.parametrize(
    ("placeholder", "words"),
    [
        ({"Get": 5}, '"Get" takes a text'),
        ({"Get": "Parameters.Nope"}, "does not declare"),
        ({"Get": "Execution.Tomorrow"}, "not an execution variable"),
        ({"Get": "Elsewhere.X"}, "neither"),
        ({"Std:Concat": ["a"]}, "not a function"),
        ({"Std:Join": {"On": 1}}, '"Std:Join" takes'),
    ],
)
def test_malformed_placeholders_are_problems(placeholder: dict[str, Any], words: str) -> None:
    """Each malformed placeholder is one pipeline-placeholder problem, never a crash."""
    data = load(SINGLE)
    resource = data["Steps"][0]["Arguments"]["TrainingJobDefinition"]
    resource["HyperParameterTuningResourceConfig"]["InstanceCount"] = placeholder
    checked = validate_document(data)
    assert [p.code for p in checked.problems] == ["pipeline-placeholder"]
    assert words in checked.problems[0].message
    assert ".HyperParameterTuningResourceConfig.InstanceCount" in checked.problems[0].path


def test_a_misspelt_member_holding_a_placeholder_is_still_reported() -> None:
    """A placeholder does not hide an unknown member name."""
    data = load(SINGLE)
    limits = data["Steps"][0]["Arguments"]["HyperParameterTuningJobConfig"]["ResourceLimits"]
    limits["MaxJobs"] = limits.pop("MaxNumberOfTrainingJobs")
    codes = {p.code for p in validate_document(data).problems}
    assert "additionalProperties" in codes


# -- what-if ------------------------------------------------------------------------------------


def test_a_default_aws_would_reject_is_reported_in_what_if_mode(tmp_path: Path) -> None:
    """MaxJobs defaulting to 0 passes as a placeholder and fails with --defaults."""
    data = load(SINGLE)
    data["Parameters"][0]["DefaultValue"] = 0
    path = tmp_path / "pipeline.json"
    text = json.dumps(data, indent=2)
    path.write_text(text, encoding="utf-8")
    assert cli("validate", str(path))[0] == 0
    status, out, _ = cli("validate", str(path), "--defaults")
    assert status == 1
    expected_line = line_of(text, '"MaxNumberOfTrainingJobs"')
    assert (
        f"{path}:{expected_line}:13: Steps[0].Arguments.HyperParameterTuningJobConfig."
        "ResourceLimits.MaxNumberOfTrainingJobs: minimum:"
    ) in out
    assert "MaxJobs's DefaultValue 0" in out


def test_assume_overrides_defaults_and_checks_in_full() -> None:
    """An assumed instance type is checked against the enum; the Join is computed."""
    data = load(SINGLE)
    checked = validate_document(data, assume={"TrainingInstanceType": "ml.bogus"}, defaults=True)
    assert [p.code for p in checked.problems] == ["enum"]
    assert "TrainingInstanceType='ml.bogus', assumed" in checked.problems[0].message
    request = checked.requests[0]
    out = request.data["TrainingJobDefinition"]["OutputDataConfig"]["S3OutputPath"]
    assert out == {
        "Std:Join": {
            "On": "/",
            "Values": ["s3://example-bucket/xgboost", {"Get": "Execution.PipelineExecutionId"}],
        }
    }


def test_assume_with_a_value_of_the_wrong_type_or_name_is_a_problem() -> None:
    """An assumed value the parameter's type refuses, and an unknown name, are problems."""
    checked = validate_document(load(SINGLE), assume={"MaxJobs": "many", "Nope": "1"})
    messages = sorted(p.message for p in checked.problems if p.code == "assume")
    assert len(messages) == 2
    assert "Integer" in messages[0] or "Integer" in messages[1]


def test_command_line_assume_converts_text_to_the_parameter_type(tmp_path: Path) -> None:
    """--assume MaxJobs=800 is the integer 800, above the Bayesian limit of 750."""
    status, out, _ = cli("validate", str(SINGLE), "--assume", "MaxJobs=800")
    assert status == 1
    assert "max-jobs-quota" in out
    assert "MaxJobs='800', assumed" in out


# -- DescribePipeline: a definition inside a JSON string ----------------------------------------


def test_a_problem_inside_the_definition_string_has_its_file_position(tmp_path: Path) -> None:
    """Line and column point into the PipelineDefinition string, at the member's key."""
    response = load(DESCRIBED)
    definition = json.loads(response["PipelineDefinition"])
    limits = definition["Steps"][0]["Arguments"]["HyperParameterTuningJobConfig"]
    limits["ResourceLimits"]["MaxParallelTrainingJobs"] = -3
    response["PipelineDefinition"] = json.dumps(definition)
    text = json.dumps(response, indent=4)
    path = tmp_path / "described.json"
    path.write_text(text, encoding="utf-8")
    status, out, _ = cli("validate", str(path), "--format", "json")
    assert status == 1
    (problem,) = json.loads(out)["files"][0]["problems"]
    assert problem["path"] == (
        "PipelineDefinition.Steps[0].Arguments.HyperParameterTuningJobConfig.ResourceLimits."
        "MaxParallelTrainingJobs"
    )
    line = text.splitlines()[problem["line"] - 1]
    assert line[problem["column"] - 1 :].startswith("-3")


def test_escapes_before_the_member_do_not_shift_the_column() -> None:
    """Escaped characters in the string (\\u00e9, \\") count as one character each."""
    definition = load(SINGLE)
    definition["Metadata"] = {"note": 'caf\u00e9 "quoted" \U0001f600'}
    definition["Steps"][0]["Arguments"]["HyperParameterTuningJobConfig"]["Strategy"] = "Nope"
    text = json.dumps({"PipelineDefinition": json.dumps(definition)})
    checked = validate_document(json.loads(text))
    (problem,) = checked.problems
    (place,) = document_positions(text, "json", [problem], checked.embedded)
    assert place is not None
    assert text[place.column - 1 :].startswith('\\"Nope\\"')


def test_an_unreadable_definition_string_is_one_problem() -> None:
    """A PipelineDefinition that is not JSON is reported, not raised."""
    checked = validate_document({"PipelineDefinition": "{not json"})
    assert [p.code for p in checked.problems] == ["pipeline-definition"]
    assert checked.problems[0].path == "PipelineDefinition"


# -- output -------------------------------------------------------------------------------------


def test_verbose_text_and_json_list_the_skipped_checks() -> None:
    """--verbose prints each skipped check with its placeholder; JSON always lists them."""
    _, quiet, _ = cli("validate", str(SINGLE))
    _, verbose, _ = cli("validate", str(SINGLE), "--verbose")
    assert "skipped" not in quiet.splitlines()[0]
    assert "checks skipped for placeholders (--verbose lists them)" in quiet
    assert "skipped max-jobs-quota: needs Parameters.MaxJobs" in verbose
    _, text, _ = cli("validate", str(SINGLE), "--format", "json")
    skipped = json.loads(text)["files"][0]["skipped"]
    assert {"check": "enum", "placeholder": "Parameters.TrainingInstanceType"}.items() <= next(
        s for s in skipped if s["check"] == "enum"
    ).items()


def test_kind_request_forces_a_pipeline_to_be_read_as_a_request() -> None:
    """--kind request checks the definition as a request (and finds it is not one)."""
    status, out, _ = cli("validate", str(SINGLE), "--kind", "request")
    assert status == 1
    assert "additionalProperties" in out


def test_github_and_sarif_carry_document_paths_and_lines(tmp_path: Path) -> None:
    """The other formats take the same path and line."""
    data = load(SINGLE)
    data["Steps"][0]["Arguments"]["HyperParameterTuningJobConfig"]["Strategy"] = "Nope"
    text = json.dumps(data, indent=2)
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    line = line_of(text, '"Nope"')
    _, github, _ = cli("validate", str(path), "--format", "github")
    assert f"line={line}," in github
    assert "Steps[0].Arguments.HyperParameterTuningJobConfig" in github
    _, sarif, _ = cli("validate", str(path), "--format", "sarif")
    result = json.loads(sarif)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line


# -- hostile input ------------------------------------------------------------------------------


def test_deep_condition_nesting_is_walked_without_recursion() -> None:
    """Condition steps nested 5,000 deep: found by a loop, no RecursionError."""
    inner: dict[str, Any] = copy.deepcopy(load(SINGLE)["Steps"][0])
    for _ in range(5000):
        inner = {"Type": "Condition", "Arguments": {"IfSteps": [inner]}}
    found = find_requests({"Steps": [inner]})
    assert len(found) == 1
    assert len(found[0].location) == 3 * 5000 + 3


def test_a_deeply_nested_definition_string_is_refused_by_the_reader() -> None:
    """A PipelineDefinition nested past JSON's depth bound is a problem, not a crash."""
    checked = validate_document({"PipelineDefinition": "[" * 100_000 + "]" * 100_000})
    assert [p.code for p in checked.problems] == ["pipeline-definition"]


def test_finding_is_cheap_next_to_validating() -> None:
    """Finding the requests of 50 Tuning steps costs a fraction of checking them."""
    step = load(SINGLE)["Steps"][0]
    document = load(SINGLE)
    document["Steps"] = [dict(copy.deepcopy(step), Name=f"T{n}") for n in range(50)]
    start = time.perf_counter()
    assert len(find_requests(document)) == 50
    found = time.perf_counter() - start
    start = time.perf_counter()
    assert validate_document(document).problems == []
    checked = time.perf_counter() - start
    assert found < checked
