"""Serverless Framework service files: the serverless-step-functions plugin's state machines and
the file's CloudFormation resources are read; the framework's variables are placeholders."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from hpt_request import examples, validate, validate_document
from hpt_request.cli import main

RESOURCE = "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync"
MACHINE_PATH = "stepFunctions.stateMachines.tuner.definition.States.Tune.Parameters"


def request() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(examples.text("bayesian"))
    assert validate(data) == []
    return data


def service(parameters: Any, **more: Any) -> dict[str, Any]:
    task = {"Type": "Task", "Resource": RESOURCE, "Parameters": parameters, "End": True}
    return {
        "service": "tuning",
        "provider": {"name": "aws", "runtime": "python3.12"},
        "plugins": ["serverless-step-functions"],
        "stepFunctions": {
            "stateMachines": {
                "tuner": {
                    "name": "tuner",
                    "definition": {"StartAt": "Tune", "States": {"Tune": task}},
                }
            }
        },
        **more,
    }


def test_a_service_file_state_machine_is_read() -> None:
    checked = validate_document(service(request()), strict=True)
    assert checked.kind == "serverless"
    assert [r.path for r in checked.requests] == [MACHINE_PATH]
    assert checked.problems == []


def test_the_framework_variables_are_placeholders_of_any_kind() -> None:
    """``${self:custom.parallel}`` where a number stands is resolved when the service is
    packaged: its checks are skipped, not judged a wrong type; a defect elsewhere is found."""
    data = request()
    limits = data["HyperParameterTuningJobConfig"]["ResourceLimits"]
    limits["MaxParallelTrainingJobs"] = "${self:custom.parallel}"
    limits["MaxNumberOfTrainingJobs"] = 0
    data["TrainingJobDefinition"]["RoleArn"] = {"Fn::GetAtt": ["SageMakerRole", "Arn"]}
    checked = validate_document(service(data))
    assert [(p.path, p.code) for p in checked.problems] == [
        (
            f"{MACHINE_PATH}.HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs",
            "minimum",
        )
    ]
    needs = {s.placeholder for s in checked.skipped}
    assert {"${self:custom.parallel}", "Fn::GetAtt SageMakerRole.Arn"} <= needs


def test_the_resources_are_read_as_a_template() -> None:
    machine = {
        "StartAt": "Tune",
        "States": {
            "Tune": {"Type": "Task", "Resource": RESOURCE, "Parameters": request(), "End": True}
        },
    }
    resources = {
        "Resources": {
            "Tuner": {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {"DefinitionString": json.dumps(machine)},
            }
        }
    }
    data = {"service": "tuning", "provider": {"name": "aws"}, "resources": resources}
    checked = validate_document(data, strict=True)
    assert checked.kind == "serverless"
    assert [r.path for r in checked.requests] == [
        "resources.Resources.Tuner.Properties.DefinitionString.States.Tune.Parameters"
    ]
    assert checked.problems == []


def test_a_definition_from_a_file_is_listed_as_not_checked() -> None:
    data = service(None)
    data["stepFunctions"]["stateMachines"]["tuner"]["definition"] = "${file(machine.json)}"
    checked = validate_document(data)
    assert checked.requests == ()
    assert checked.problems == []
    assert [(s.path, s.check, s.placeholder) for s in checked.skipped] == [
        (
            "stepFunctions.stateMachines.tuner.definition",
            "unread-definition",
            "${file(machine.json)}",
        )
    ]


def test_a_service_without_tuning_is_not_read_as_a_request() -> None:
    """A service file of functions only has no request: nothing to say, where it used to be
    checked as a request with one problem per top-level key."""
    data = {"service": "api", "provider": {"name": "aws"}, "functions": {"hello": {"handler": "h"}}}
    checked = validate_document(data, strict=True)
    assert checked.kind == "serverless"
    assert checked.requests == ()
    assert checked.problems == []


def test_the_command_line_places_a_defect_in_serverless_yml(tmp_path: Path) -> None:
    data = request()
    data["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0
    path = tmp_path / "serverless.yml"
    writer = YAML()
    with path.open("w", encoding="utf-8") as stream:
        writer.dump(service(data), stream)
    rows = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if "MaxParallelTrainingJobs" in row)
    column = rows[line - 1].index(":") + 3
    out, err = io.StringIO(), io.StringIO()
    status = main(["validate", str(path)], out=out, err=err)
    assert status == 1
    assert f"serverless.yml:{line}:{column}: {MACHINE_PATH}.HyperParameterTuningJobConfig" in (
        out.getvalue()
    )
