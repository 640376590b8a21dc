"""CloudFormation and SAM templates: the state machines and pipelines they define, their
substitutions and intrinsic functions, YAML short forms, the what-if mode and positions."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from hpt_request import examples, find_requests, validate, validate_document
from hpt_request.cli import main
from hpt_request.text.jsontext import UnreadableText, parse_yaml

RESOURCE = "arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync"
LIMITS = ("HyperParameterTuningJobConfig", "ResourceLimits")
MACHINE = "AWS::StepFunctions::StateMachine"


def request() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(examples.text("bayesian"))
    assert validate(data) == []
    return data


def machine(parameters: Any) -> dict[str, Any]:
    task = {"Type": "Task", "Resource": RESOURCE, "Parameters": parameters, "End": True}
    return {"StartAt": "Tune", "States": {"Tune": task}}


def template(properties: dict[str, Any], kind: str = MACHINE, **more: Any) -> dict[str, Any]:
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        **more,
        "Resources": {"Tuner": {"Type": kind, "Properties": properties}},
    }


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


# -- YAML short forms ---------------------------------------------------------------------------


def test_short_forms_read_as_their_long_forms() -> None:
    text = (
        "A: !Ref Bucket\n"
        "B: !GetAtt Role.Arn\n"
        "C: !Sub 'arn:${AWS::Partition}:x'\n"
        "D: !Sub ['${A}-${B}', {A: 1, B: !Ref Name}]\n"
        "E: !Join ['', [a, !Ref B]]\n"
    )
    assert parse_yaml(text) == {
        "A": {"Ref": "Bucket"},
        "B": {"Fn::GetAtt": ["Role", "Arn"]},
        "C": {"Fn::Sub": "arn:${AWS::Partition}:x"},
        "D": {"Fn::Sub": ["${A}-${B}", {"A": 1, "B": {"Ref": "Name"}}]},
        "E": {"Fn::Join": ["", ["a", {"Ref": "B"}]]},
    }


def test_other_local_tags_are_refused() -> None:
    with pytest.raises(UnreadableText, match="!Include"):
        parse_yaml("A: !Include other.yaml\n")


# -- finding ------------------------------------------------------------------------------------


def test_each_way_of_writing_the_definition_is_found() -> None:
    """A Definition object, a DefinitionString text, a !Sub text, SAM, and a pipeline."""
    text = json.dumps(machine(request()))
    pipeline = {
        "Version": "2020-12-01",
        "Steps": [{"Name": "Tune", "Type": "Tuning", "Arguments": request()}],
    }
    document = {
        "Resources": {
            "Object": {"Type": MACHINE, "Properties": {"Definition": machine(request())}},
            "Text": {"Type": MACHINE, "Properties": {"DefinitionString": text}},
            "Sub": {"Type": MACHINE, "Properties": {"DefinitionString": {"Fn::Sub": text}}},
            "Sam": {
                "Type": "AWS::Serverless::StateMachine",
                "Properties": {"Definition": machine(request())},
            },
            "Pipe": {
                "Type": "AWS::SageMaker::Pipeline",
                "Properties": {
                    "PipelineName": "p",
                    "PipelineDefinition": {"PipelineDefinitionBody": json.dumps(pipeline)},
                },
            },
            "Bucket": {"Type": "AWS::S3::Bucket"},
        }
    }
    assert [r.path for r in find_requests(document)] == [
        "Resources.Object.Properties.Definition.States.Tune.Parameters",
        "Resources.Text.Properties.DefinitionString.States.Tune.Parameters",
        'Resources.Sub.Properties.DefinitionString["Fn::Sub"].States.Tune.Parameters',
        "Resources.Sam.Properties.Definition.States.Tune.Parameters",
        "Resources.Pipe.Properties.PipelineDefinition.PipelineDefinitionBody.Steps[0].Arguments",
    ]
    checked = validate_document(document, strict=True)
    assert checked.kind == "template"
    assert checked.problems == []


def test_a_definition_kept_in_s3_is_listed_as_not_checked() -> None:
    location = {"Bucket": "b", "Key": "machine.json"}
    checked = validate_document(template({"DefinitionS3Location": location}))
    assert checked.problems == []
    assert [(s.path, s.check) for s in checked.skipped] == [
        ("Resources.Tuner.Properties.DefinitionS3Location", "definition")
    ]


# -- placeholders and substitutions -------------------------------------------------------------


def test_intrinsic_functions_are_values_known_at_deployment() -> None:
    """``Ref``, ``Fn::GetAtt`` and ``Fn::Sub`` in a Definition object: no false problem."""
    data = request()
    definition = data["TrainingJobDefinition"]
    definition["RoleArn"] = {"Fn::GetAtt": ["Role", "Arn"]}
    definition["OutputDataConfig"]["S3OutputPath"] = {"Fn::Sub": "s3://${Bucket}/out"}
    data[LIMITS[0]][LIMITS[1]]["MaxNumberOfTrainingJobs"] = {"Ref": "MaxJobs"}
    checked = validate_document(template({"Definition": machine(data)}), strict=True)
    assert checked.problems == []
    needs = {s.placeholder for s in checked.skipped}
    assert {"Fn::GetAtt Role.Arn", "Fn::Sub", "Ref MaxJobs"} <= needs


def test_written_substitutions_are_made_and_checked() -> None:
    """A substitution the template writes out is made as CloudFormation makes it: in a text,
    the result is text, and a bad value is reported."""
    data = request()
    data["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = "${Instance}"
    properties = {
        "Definition": machine(data),
        "DefinitionSubstitutions": {"Instance": "ml.m5.huge"},
    }
    checked = validate_document(template(properties))
    assert [(p.path.rsplit(".", 1)[-1], p.code) for p in checked.problems] == [
        ("InstanceType", "enum")
    ]


def test_a_bare_substitution_in_a_definition_text_is_a_number_when_known() -> None:
    """``${MaxJobs}`` outside quotes in a ``!Sub`` text: a placeholder; with ``defaults`` the
    parameter's Default is put there as a number, and checked."""
    data = request()
    data[LIMITS[0]][LIMITS[1]]["MaxParallelTrainingJobs"] = 97531
    written = json.dumps(machine(data))
    assert written.count("97531") == 1
    text = written.replace("97531", "${Parallel}")
    document = template(
        {"DefinitionString": {"Fn::Sub": text}},
        Parameters={"Parallel": {"Type": "Number", "Default": 0}},
    )
    assert validate_document(document).problems == []
    checked = validate_document(document, defaults=True)
    assert [(p.path.rsplit(".", 1)[-1], p.code) for p in checked.problems] == [
        ("MaxParallelTrainingJobs", "minimum")
    ]
    assert "Parallel's Default 0" in checked.problems[0].message
    assert validate_document(document, assume={"Parallel": "4"}).problems == []


def test_a_substitution_from_a_parameter_is_filled_by_the_what_if_mode() -> None:
    """DefinitionSubstitutions ``Instance: !Ref InstanceType``: the parameter's Default."""
    data = request()
    data["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = "${Instance}"
    properties = {
        "Definition": machine(data),
        "DefinitionSubstitutions": {"Instance": {"Ref": "InstanceType"}},
    }
    document = template(
        properties, Parameters={"InstanceType": {"Type": "String", "Default": "ml.m5.huge"}}
    )
    assert validate_document(document).problems == []
    checked = validate_document(document, defaults=True)
    assert [p.code for p in checked.problems] == ["enum"]


def test_a_definition_text_that_is_not_json_is_a_problem() -> None:
    checked = validate_document(template({"DefinitionString": "{not json"}))
    assert [(p.path, p.code) for p in checked.problems] == [
        ("Resources.Tuner.Properties.DefinitionString", "template-definition")
    ]


# -- positions ----------------------------------------------------------------------------------


def test_positions_inside_a_yaml_literal_block(tmp_path: Path) -> None:
    """A defect inside ``DefinitionString: !Sub |`` is located at its line and column."""
    data = request()
    data[LIMITS[0]][LIMITS[1]]["MaxParallelTrainingJobs"] = 0
    body = json.dumps(machine(data), indent=2)
    indented = "\n".join("        " + line for line in body.splitlines())
    text = (
        "Resources:\n  Tuner:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
        f"      DefinitionString: !Sub |\n{indented}\n"
    )
    path = tmp_path / "template.yaml"
    path.write_text(text, encoding="utf-8")
    rows = text.splitlines()
    line = next(n for n, row in enumerate(rows, 1) if '"MaxParallelTrainingJobs"' in row)
    column = rows[line - 1].index(": 0") + 3
    status, out, _ = cli("validate", str(path))
    assert status == 1
    assert f"template.yaml:{line}:{column}:" in out


def test_positions_inside_a_json_definition_string(tmp_path: Path) -> None:
    data = request()
    data[LIMITS[0]][LIMITS[1]]["MaxParallelTrainingJobs"] = 0
    document = template({"DefinitionString": json.dumps(machine(data))})
    text = json.dumps(document, indent=1)
    path = tmp_path / "template.json"
    path.write_text(text, encoding="utf-8")
    rows = text.splitlines()
    line = next(n for n, row in enumerate(rows, 1) if "DefinitionString" in row)
    key = '\\"MaxParallelTrainingJobs\\": '
    column = rows[line - 1].index(key) + len(key) + 1
    status, out, _ = cli("validate", str(path))
    assert status == 1
    assert f"template.json:{line}:{column}:" in out


# -- Fn::Join, as the AWS CDK writes a DefinitionString -----------------------------------------


def _joined_template(data: dict[str, Any]) -> dict[str, Any]:
    """The definition's JSON text cut where the CDK puts tokens: the partition in the task's
    Resource, the role's ARN and the bucket, each an intrinsic function between text parts."""
    text = json.dumps(machine(data), separators=(",", ":"))
    tokens = {
        "aws": {"Ref": "AWS::Partition"},
        ROLE_TOKEN: {"Fn::GetAtt": ["Role", "Arn"]},
        BUCKET_TOKEN: {"Fn::Join": ["", [{"Ref": "Bucket"}, "-data"]]},
    }
    cut = text.replace("arn:aws:states", "arn:\0aws\0:states")
    cut = cut.replace(ROLE_TOKEN, f"\0{ROLE_TOKEN}\0").replace(BUCKET_TOKEN, f"\0{BUCKET_TOKEN}\0")
    pieces = [tokens[piece] if index % 2 else piece for index, piece in enumerate(cut.split("\0"))]
    return template({"DefinitionString": {"Fn::Join": ["", pieces]}})


ROLE_TOKEN = "ROLE-TOKEN"
BUCKET_TOKEN = "bucket-token"


def _tokened() -> dict[str, Any]:
    data = request()
    definition = data["TrainingJobDefinition"]
    definition["RoleArn"] = ROLE_TOKEN
    for channel in definition["InputDataConfig"]:
        channel["DataSource"]["S3DataSource"]["S3Uri"] = f"s3://{BUCKET_TOKEN}/train/"
    definition["OutputDataConfig"]["S3OutputPath"] = f"s3://{BUCKET_TOKEN}/out/"
    return data


def test_a_definition_joined_by_fn_join_is_read() -> None:
    """The partition, the role and the bucket are values known at deployment: their checks are
    skipped, and nothing else is said of a valid request."""
    checked = validate_document(_joined_template(_tokened()), strict=True)
    assert [r.path for r in checked.requests] == [
        'Resources.Tuner.Properties.DefinitionString["Fn::Join"][1].States.Tune.Parameters'
    ]
    assert checked.problems == []
    needs = {s.placeholder for s in checked.skipped}
    assert "${Role.Arn}" in needs
    assert "s3://${Bucket}-data/out/" in needs


def test_a_defect_in_a_joined_definition_is_reported_at_its_part(tmp_path: Path) -> None:
    data = _tokened()
    data[LIMITS[0]][LIMITS[1]]["MaxParallelTrainingJobs"] = 0
    text = json.dumps(_joined_template(data), indent=1)
    path = tmp_path / "template.json"
    path.write_text(text, encoding="utf-8")
    rows = text.splitlines()
    key = '\\"MaxParallelTrainingJobs\\":'
    line = next(n for n, row in enumerate(rows, 1) if key in row)
    column = rows[line - 1].index(key) + len(key) + 1
    status, out, _ = cli("validate", str(path))
    assert status == 1
    assert f"template.json:{line}:{column}: " in out
    assert "ResourceLimits.MaxParallelTrainingJobs: minimum" in out


def test_a_definition_written_another_way_is_listed_as_not_checked() -> None:
    """An Fn::If, or a join with a part CloudFormation cannot join, is never passed over in
    silence: the definition is a check skipped."""
    text = json.dumps(machine(request()))
    for written, what in (
        ({"Fn::If": ["Prod", text, text]}, "Fn::If"),
        ({"Fn::Join": ["", [text, 5]]}, "Fn::Join"),
    ):
        checked = validate_document(template({"DefinitionString": written}))
        assert checked.requests == ()
        assert checked.problems == []
        assert [(s.path, s.check, s.placeholder) for s in checked.skipped] == [
            ("Resources.Tuner.Properties.DefinitionString", "unread-definition", what)
        ]


def test_a_definition_joined_line_by_line_is_read(tmp_path: Path) -> None:
    """A hand-written JSON template's way: the definition's lines joined with a newline, one of
    them a join of its own around a Ref of a parameter; a defect is placed on its line's part."""
    data = request()
    data[LIMITS[0]][LIMITS[1]]["MaxParallelTrainingJobs"] = 0
    data["TrainingJobDefinition"]["RoleArn"] = "ROLE"
    lines: list[Any] = json.dumps(machine(data), indent=1).splitlines()
    at = next(n for n, line in enumerate(lines) if '"RoleArn"' in line)
    before, _, after = lines[at].partition('"ROLE"')
    lines[at] = {"Fn::Join": ["", [f'{before}"', {"Ref": "TrainingRole"}, f'"{after}']]}
    document = template({"DefinitionString": {"Fn::Join": ["\n", lines]}})
    checked = validate_document(document)
    assert [p.code for p in checked.problems] == ["minimum"]
    assert "${TrainingRole}" in {s.placeholder for s in checked.skipped}
    text = json.dumps(document, indent=1)
    path = tmp_path / "template.json"
    path.write_text(text, encoding="utf-8")
    rows = text.splitlines()
    key = '\\"MaxParallelTrainingJobs\\": '
    line = next(n for n, row in enumerate(rows, 1) if key in row)
    column = rows[line - 1].index(key) + len(key) + 1
    status, out, _ = cli("validate", str(path))
    assert status == 1
    assert f"template.json:{line}:{column}: " in out
