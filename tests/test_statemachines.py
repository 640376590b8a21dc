"""AWS Step Functions state machines that create tuning jobs: finding their tasks at any depth,
the ``.$`` members and JSONata expressions they fill at run time, and where each problem is."""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from hpt_request import examples, find_requests, validate, validate_document
from hpt_request.cli import main
from hpt_request.text.jsontext import parse_yaml

RESOURCE = "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync"
LIMITS = ("HyperParameterTuningJobConfig", "ResourceLimits")


def request() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(examples.text("bayesian"))
    assert validate(data) == []
    return data


def task(parameters: Any, resource: str = RESOURCE, **more: Any) -> dict[str, Any]:
    return {"Type": "Task", "Resource": resource, "Parameters": parameters, "End": True, **more}


def machine(states: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"StartAt": next(iter(states)), "States": states, **more}


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


# -- finding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "resource",
    [
        "arn:aws:states:::sagemaker:createHyperParameterTuningJob",
        "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync",
        "arn:aws:states:::aws-sdk:sagemaker:createHyperParameterTuningJob",
        "arn:aws-us-gov:states:::sagemaker:createHyperParameterTuningJob.sync",
        "arn:${AWS::Partition}:states:::sagemaker:createHyperParameterTuningJob.sync",
    ],
)
def test_each_tuning_resource_is_a_tuning_task(resource: str) -> None:
    """The service integration (waiting or not), the SDK integration and other partitions."""
    found = find_requests(machine({"Tune": task(request(), resource)}))
    assert [(r.path, r.step) for r in found] == [("States.Tune.Parameters", "Tune")]


def test_other_tasks_are_not_tuning_tasks() -> None:
    """A training job task and a Lambda task hold no tuning request."""
    states = {
        "Train": task({}, "arn:aws:states:::sagemaker:createTrainingJob.sync", Next="Tune"),
        "Tune": task(request(), Next="Notify"),
        "Notify": task({}, "arn:aws:states:::lambda:invoke"),
    }
    assert [r.path for r in find_requests(machine(states))] == ["States.Tune.Parameters"]


def test_tasks_in_parallel_branches_and_maps_are_found_in_document_order() -> None:
    """Branches of a Parallel state, a Map's ItemProcessor and its older Iterator, nested."""
    inner = machine({"Deep": task(request())})
    states = {
        "First": task(request(), Next="Fan"),
        "Fan": {
            "Type": "Parallel",
            "Branches": [
                machine({"A": task(request())}),
                machine({"Each": {"Type": "Map", "ItemProcessor": inner, "End": True}}),
            ],
            "Next": "Old",
        },
        "Old": {"Type": "Map", "Iterator": machine({"B": task(request())}), "End": True},
    }
    found = find_requests(machine(states))
    assert [r.path for r in found] == [
        "States.First.Parameters",
        "States.Fan.Branches[0].States.A.Parameters",
        "States.Fan.Branches[1].States.Each.ItemProcessor.States.Deep.Parameters",
        "States.Old.Iterator.States.B.Parameters",
    ]


def test_a_create_state_machine_request_is_read_from_its_definition_text() -> None:
    """The definition as a JSON string (CreateStateMachine, DescribeStateMachine)."""
    text = json.dumps(machine({"Tune": task(request())}), indent=2)
    found = find_requests({"name": "tuner", "definition": text, "roleArn": "arn:x"})
    assert [r.location for r in found] == [("definition", "States", "Tune", "Parameters")]


# -- no false alarm -----------------------------------------------------------------------------


def test_a_written_out_request_is_checked_like_a_bare_one() -> None:
    """A task's request with no placeholder has exactly validate()'s problems, relocated."""
    data = request()
    data[LIMITS[0]][LIMITS[1]]["MaxParallelTrainingJobs"] = 0
    checked = validate_document(machine({"Tune": task(data)}))
    assert checked.kind == "statemachine"
    assert [(p.path, p.code) for p in checked.problems] == [
        ("States.Tune.Parameters." + p.path, p.code) for p in validate(data)
    ]


def test_the_rules_run_on_a_request_with_no_placeholder() -> None:
    """A cross-field defect alone (more parallel jobs than jobs), in a request the machine
    writes out in full: the rules find it, as validate() does."""
    data = request()
    limits = data[LIMITS[0]][LIMITS[1]]
    limits["MaxParallelTrainingJobs"] = limits["MaxNumberOfTrainingJobs"] + 1
    expected = validate(data)
    assert expected
    assert all(p.code not in ("minimum", "maximum") for p in expected)
    checked = validate_document(machine({"Tune": task(data)}))
    assert [(p.path, p.code) for p in checked.problems] == [
        ("States.Tune.Parameters." + p.path, p.code) for p in expected
    ]


def test_path_members_are_values_known_at_run_time() -> None:
    """``Name.$`` members hold paths: no false problem, and the checks they skip are listed."""
    data = request()
    del data["HyperParameterTuningJobName"]
    data["HyperParameterTuningJobName.$"] = "$$.Execution.Name"
    definition = data["TrainingJobDefinition"]
    definition["RoleArn.$"] = "$.role"
    del definition["RoleArn"]
    checked = validate_document(machine({"Tune": task(data)}), strict=True)
    assert checked.problems == []
    skipped = {(s.path, s.check, s.placeholder) for s in checked.skipped}
    assert (
        'States.Tune.Parameters["HyperParameterTuningJobName.$"]',
        "pattern",
        "$$.Execution.Name",
    ) in skipped
    assert ('States.Tune.Parameters.TrainingJobDefinition["RoleArn.$"]', "pattern", "$.role") in (
        skipped
    )


def test_substitution_variables_of_a_machine_on_its_own_are_values_known_later() -> None:
    """A machine in a file of its own written for substitution (a SAM ``DefinitionUri`` file
    with ``DefinitionSubstitutions``, a Terraform ``templatefile``): its ``${Name}`` texts are
    filled in before the machine is created, so they give no problem and their checks are
    listed as skipped; the same texts in a bare request are still errors."""
    data = request()
    definition = data["TrainingJobDefinition"]
    definition["RoleArn"] = "${SageMakerRoleArn}"
    definition["OutputDataConfig"]["S3OutputPath"] = "s3://${ModelBucket}/models"
    definition["AlgorithmSpecification"]["TrainingImage"] = "${TrainingImage}"
    data[LIMITS[0]]["HyperParameterTuningJobObjective"]["Type"] = "${ObjectiveType}"
    bare = {p.path for p in validate(data)}
    assert "TrainingJobDefinition.RoleArn" in bare
    assert "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.Type" in bare
    checked = validate_document(machine({"Tune": task(data)}), strict=True)
    assert checked.problems == []
    skipped = {(s.path, s.check, s.placeholder) for s in checked.skipped}
    at = "States.Tune.Parameters."
    assert (at + "TrainingJobDefinition.RoleArn", "pattern", "${SageMakerRoleArn}") in skipped
    assert (
        at + "TrainingJobDefinition.OutputDataConfig.S3OutputPath",
        "pattern",
        "s3://${ModelBucket}/models",
    ) in skipped
    assert (
        at + "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.Type",
        "enum",
        "${ObjectiveType}",
    ) in skipped
    image = at + "TrainingJobDefinition.AlgorithmSpecification.TrainingImage"
    assert (image, "objective-metric-defined", "${TrainingImage}") in skipped


def test_a_defect_beside_substitution_variables_is_still_found() -> None:
    """Only the texts with a ``${Name}`` are taken as filled in later: a literal value out of
    range in the same machine is reported."""
    data = request()
    data["TrainingJobDefinition"]["RoleArn"] = "${SageMakerRoleArn}"
    data[LIMITS[0]][LIMITS[1]]["MaxParallelTrainingJobs"] = 0
    checked = validate_document(machine({"Tune": task(data)}))
    assert [(p.path, p.code) for p in checked.problems] == [
        (
            "States.Tune.Parameters.HyperParameterTuningJobConfig.ResourceLimits"
            ".MaxParallelTrainingJobs",
            "minimum",
        )
    ]


def test_a_missing_job_name_is_reported() -> None:
    """Unlike a pipeline, a state machine names the job itself: the name is required."""
    data = request()
    del data["HyperParameterTuningJobName"]
    checked = validate_document(machine({"Tune": task(data)}))
    assert [(p.path, p.code) for p in checked.problems] == [
        ("States.Tune.Parameters.HyperParameterTuningJobName", "required")
    ]


def test_path_members_in_lists_and_maps() -> None:
    """A tag's value and a static hyperparameter given by paths."""
    data = request()
    data["Tags"] = [{"Key": "team", "Value.$": "$.team"}]
    static = data["TrainingJobDefinition"].setdefault("StaticHyperParameters", {})
    static.pop("num_round", None)
    static["num_round.$"] = "States.Format('{}', $.rounds)"
    checked = validate_document(machine({"Tune": task(data)}), strict=True)
    assert checked.problems == []
    assert {s.path for s in checked.skipped} >= {'States.Tune.Parameters.Tags[0]["Value.$"]'}


def test_jsonata_arguments_hold_expressions() -> None:
    """In JSONata mode the request is ``Arguments`` and ``{% %}`` texts are its placeholders."""
    data = request()
    data["HyperParameterTuningJobName"] = "{% $states.input.name %}"
    data[LIMITS[0]][LIMITS[1]]["MaxNumberOfTrainingJobs"] = "{% $states.input.jobs %}"
    state = {"Type": "Task", "Resource": RESOURCE, "Arguments": data, "End": True}
    for document in (
        machine({"Tune": state}, QueryLanguage="JSONata"),
        machine({"Tune": {**state, "QueryLanguage": "JSONata"}}),
    ):
        checked = validate_document(document, strict=True)
        assert checked.problems == []
        assert any(s.placeholder == "{% $states.input.jobs %}" for s in checked.skipped)


def test_a_request_given_whole_at_run_time_is_listed_as_not_checked() -> None:
    """``Parameters.$`` (or a JSONata ``Arguments`` expression): nothing to check, and said so."""
    state = {"Type": "Task", "Resource": RESOURCE, "Parameters.$": "$.request", "End": True}
    checked = validate_document(machine({"Tune": state}))
    assert checked.problems == []
    assert [(s.path, s.check, s.placeholder) for s in checked.skipped] == [
        ('States.Tune["Parameters.$"]', "request", "$.request")
    ]


# -- placeholders of the wrong kind, malformed ones ---------------------------------------------


def test_an_intrinsic_of_the_wrong_kind_is_an_error() -> None:
    """States.Format gives text: not an integer member's value; States.ArrayLength may be."""
    data = request()
    limits = data[LIMITS[0]][LIMITS[1]]
    del limits["MaxNumberOfTrainingJobs"], limits["MaxParallelTrainingJobs"]
    limits["MaxNumberOfTrainingJobs.$"] = "States.Format('{}', $.jobs)"
    limits["MaxParallelTrainingJobs.$"] = "States.ArrayLength($.workers)"
    checked = validate_document(machine({"Tune": task(data)}))
    assert [(p.path, p.code) for p in checked.problems] == [
        (
            "States.Tune.Parameters.HyperParameterTuningJobConfig.ResourceLimits"
            '["MaxNumberOfTrainingJobs.$"]',
            "placeholder-type",
        )
    ]
    assert "the state machine fails when it runs" in checked.problems[0].message


@pytest.mark.parametrize(
    ("value", "words"),
    [(5, "not int"), ("States.Nope($.x)", "States.Nope is not"), ("job-name", "not 'job-name'")],
)
def test_a_malformed_path_member_is_a_problem(value: object, words: str) -> None:
    """A ``.$`` member's value must be a path or a known intrinsic function."""
    data = request()
    del data["HyperParameterTuningJobName"]
    data["HyperParameterTuningJobName.$"] = value
    checked = validate_document(machine({"Tune": task(data)}))
    assert [(p.path, p.code) for p in checked.problems] == [
        ('States.Tune.Parameters["HyperParameterTuningJobName.$"]', "statemachine-placeholder")
    ]
    assert words in checked.problems[0].message


def test_parameters_that_are_not_an_object_are_a_problem() -> None:
    checked = validate_document(machine({"Tune": task(["not", "a", "request"])}))
    assert [(p.path, p.code) for p in checked.problems] == [
        ("States.Tune.Parameters", "statemachine-definition")
    ]


# -- positions ----------------------------------------------------------------------------------


def test_the_cli_gives_line_and_column_of_a_defect(tmp_path: Any) -> None:
    """In a state machine file and inside a DescribeStateMachine response's definition text."""
    data = request()
    data[LIMITS[0]][LIMITS[1]]["MaxParallelTrainingJobs"] = 0
    document = machine({"Tune": task(data)})
    text = json.dumps(document, indent=2)
    plain = tmp_path / "machine.asl.json"
    plain.write_text(text, encoding="utf-8")
    wanted = next(
        n for n, line in enumerate(text.splitlines(), 1) if '"MaxParallelTrainingJobs"' in line
    )
    status, out, _ = cli("validate", str(plain))
    assert status == 1
    assert f"machine.asl.json:{wanted}:" in out
    assert "States.Tune.Parameters.HyperParameterTuningJobConfig.ResourceLimits." in out
    described = tmp_path / "described.json"
    response = {"stateMachineArn": "arn:aws:states:us-west-2:1:stateMachine:t", "definition": text}
    whole = json.dumps(response, indent=2)
    described.write_text(whole, encoding="utf-8")
    status, out, _ = cli("validate", str(described))
    assert status == 1
    line = next(n for n, row in enumerate(whole.splitlines(), 1) if '"definition"' in row)
    row = whole.splitlines()[line - 1]
    key = '\\"MaxParallelTrainingJobs\\": '
    column = row.index(key) + len(key) + 1  # the value's first character, in the string
    assert row[column - 1] == "0"
    assert f"described.json:{line}:{column}:" in out


def test_the_document_is_left_unchanged() -> None:
    """Reading and checking leaves the loaded document as it was."""
    data = request()
    data["HyperParameterTuningJobName.$"] = "$$.Execution.Name"
    del data["HyperParameterTuningJobName"]
    document = machine({"Tune": task(data)})
    before = copy.deepcopy(document)
    validate_document(document)
    find_requests(document)
    assert document == before


# -- real documents -----------------------------------------------------------------------------

REAL = Path(__file__).parent / "realworld"
MACHINES = sorted((REAL / "statemachines").glob("*.json"))
# The Data Science SDK's YAML templates and the AWS CDK's synthesised JSON ones.
TEMPLATES = sorted((REAL / "templates").glob("*.yaml")) + sorted(
    (REAL / "templates").glob("*.template.json")
)
OTHERS = sorted((REAL / "statemachines" / "no-tuning").glob("*")) + sorted(
    (REAL / "templates" / "no-tuning").glob("*")
)
# Warnings the real documents carry, each for a reason tests/realworld/statemachines/SOURCES.md
# gives: the Developer Guide's sample passes a hyperparameter the legacy XGBoost image's page
# does not document.
KNOWN_WARNINGS = {"devguide-sample-tune-ml-model.json": ["builtin-hyperparameter-known"]}
PARALLEL = re.compile(r'(\\?"MaxParallelTrainingJobs\\?": ?)(\d+)')


def read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return parse_yaml(text) if path.suffix == ".yaml" else json.loads(text)


@pytest.mark.parametrize("path", [*MACHINES, *TEMPLATES], ids=lambda p: p.name)
def test_real_documents_pass(path: Path) -> None:
    """What the Data Science SDK, moto and the Developer Guide wrote: tuning tasks found, no
    error, and no warning but those listed with their reason."""
    checked = validate_document(read(path))
    assert checked.kind == ("template" if path in TEMPLATES else "statemachine")
    assert checked.requests
    assert [p.code for p in checked.problems] == KNOWN_WARNINGS.get(path.name, [])
    assert not any(p.blocking for p in checked.problems)


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_real_documents_without_tuning_tasks_hold_no_request(path: Path) -> None:
    checked = validate_document(read(path))
    assert checked.kind in ("statemachine", "template")
    assert checked.requests == ()
    assert checked.problems == []


def recorded_tasks() -> dict[str, list[str]]:
    """The tuning tasks' paths SOURCES.md gives for each state machine file (the backquoted
    paths of its "tuning task" entry that start at ``States``)."""
    recorded: dict[str, list[str]] = {}
    sections = (REAL / "statemachines" / "SOURCES.md").read_text(encoding="utf-8").split("\n## ")
    for section in sections[1:]:
        name, _, body = section.partition("\n")
        entry = re.search(r"^- tuning tasks?: (.*?)(?=^- |\Z)", body, re.MULTILINE | re.DOTALL)
        if entry is not None:
            paths = re.findall(r"`(States[^`]*)`", entry.group(1))
            if paths:
                recorded[name.strip()] = paths
    return recorded


def test_tuning_tasks_are_found_where_sources_md_says_they_are() -> None:
    """Each tuning task of each state machine file, nested ones included, at its path (inside
    a DescribeStateMachine response's definition text, from the text's root)."""
    recorded = recorded_tasks()
    assert len(recorded) >= 6
    found = {
        path.name: [r.path.removeprefix("definition.") for r in find_requests(read(path))]
        for path in MACHINES
        if path.name in recorded
    }
    assert found == recorded


@pytest.mark.parametrize("path", [*MACHINES, *TEMPLATES], ids=lambda p: p.name)
def test_a_defect_injected_into_a_real_document_is_located(path: Path, tmp_path: Path) -> None:
    """MaxParallelTrainingJobs set to 0 where it is written out: reported with its document
    path, at the line and column of the 0, in JSON, YAML blocks and JSON texts alike."""
    text = path.read_text(encoding="utf-8")
    match = PARALLEL.search(text)
    if match is None:
        assert "MaxParallelTrainingJobs.$" in text  # given at run time: nothing to inject
        return
    broken = text[: match.start(2)] + "0" + text[match.end(2) :]
    target = tmp_path / path.name
    target.write_text(broken, encoding="utf-8")
    line = broken.count("\n", 0, match.start(2)) + 1
    column = match.start(2) - (broken.rfind("\n", 0, match.start(2)) + 1) + 1
    status, out, _ = cli("validate", str(target))
    assert status == 1
    assert f"{path.name}:{line}:{column}: " in out
    assert "ResourceLimits.MaxParallelTrainingJobs: minimum:" in out


def test_public_documents_are_what_the_tool_writes() -> None:
    """The files derived from public documents are not edited by hand: each is what
    derive_public_statemachines.render() writes of its own data."""
    import importlib.util

    path = REAL / "tools" / "derive_public_statemachines.py"
    found = importlib.util.spec_from_file_location("derive_public_statemachines", path)
    assert found is not None
    assert found.loader is not None
    tool = importlib.util.module_from_spec(found)
    found.loader.exec_module(tool)
    assert len(tool.COPIES) == 3
    for repo, commit, source, _, output, _ in tool.COPIES:
        text = (REAL / output).read_text(encoding="utf-8")
        named = f"github.com/{tool.REPOSITORIES[repo]} {source} at {commit}"
        assert text == tool.render(output, named, tool.parse(output, text)), output


def test_rules_skipped_for_a_whole_config_are_listed_with_it_alone() -> None:
    """With the config given at run time, every rule is skipped for it; the job name, also a
    placeholder, is listed with its own checks only (its pattern and lengths), not with rules
    it does not hold back."""
    data: dict[str, Any] = json.loads(examples.text("bayesian"))
    data["HyperParameterTuningJobName"] = "{% 'tune-' & $states.context.Execution.Name %}"
    data["HyperParameterTuningJobConfig"] = "{% $states.input.config %}"
    states = {"Tune": {**task(None), "Arguments": data}}
    del states["Tune"]["Parameters"]
    checked = validate_document(machine(states, QueryLanguage="JSONata"))
    assert checked.problems == []
    by_place: dict[str, set[str]] = {}
    for skip in checked.skipped:
        by_place.setdefault(skip.path.rsplit(".", 1)[-1], set()).add(skip.check)
    assert by_place["HyperParameterTuningJobName"] == {"maxLength", "minLength", "pattern"}
    assert {"range-min-lt-max", "objective-required"} <= by_place["HyperParameterTuningJobConfig"]
