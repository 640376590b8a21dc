"""Editor help: `schema --output`, the schema's $id, the set-up docs/editors.md describes, and
the hover text (schema descriptions, model docstrings)."""

from __future__ import annotations

import html
import json
import pydoc
import re
from pathlib import Path
from typing import Any

import botocore.session
import griffe
import jsonschema
import yaml

from hpt_request import ResourceLimits
from hpt_request.model import examples
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")


def test_schema_output_writes_the_file(tmp_path: Path) -> None:
    """--output FILE writes what `schema` prints, creating folders; an unwritable place is 2."""
    target = tmp_path / "deep" / "schemas" / "request.schema.json"
    result = run("schema", "--output", str(target))
    assert (result.returncode, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == run("schema").stdout
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    failed = run("schema", "--output", str(blocked / "x.json"))
    assert failed.returncode == 2
    assert "cannot write" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_schemas_have_an_id() -> None:
    """Each generated schema has an absolute $id naming its file."""
    for response in (False, True):
        document = json.loads(run("schema", *(["--response"] if response else [])).stdout)
        assert re.fullmatch(rf"https://\S+/{document['title']}\.schema\.json", document["$id"])


def _modeline_and_output() -> tuple[str, str]:
    (output,) = set(re.findall(r"hpt-request schema --output (\S+)", PAGE))
    (modeline,) = set(re.findall(r"(# yaml-language-server: \$schema=\S+)\\n", PAGE))
    return modeline, output


def test_yaml_modeline_points_at_the_written_schema(tmp_path: Path) -> None:
    """The documented comment, in tuning/churn.yaml, resolves to the schema written with
    --output; that schema accepts the example and rejects a bad value, as an editor would."""
    modeline, output = _modeline_and_output()
    run("schema", "--output", str(tmp_path / output))
    request_file = tmp_path / "tuning" / "churn.yaml"
    reference = modeline.split("$schema=", 1)[1]
    schema_path = (request_file.parent / reference).resolve()
    assert schema_path == (tmp_path / output).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    request_file.parent.mkdir()
    request_file.write_text(f"{modeline}\n{examples.text('bayesian')}", encoding="utf-8")
    data = yaml.safe_load(request_file.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(data)
    data["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = "m5.xlarge"
    assert not jsonschema.Draft7Validator(schema).is_valid(data)
    assert run("validate", str(request_file)).returncode == 0


def test_vs_code_settings_are_valid_and_point_at_the_schema() -> None:
    """The documented .vscode/settings.json is JSON and names the file written with --output."""
    (body,) = re.findall(r"```json\n(.*?)```", PAGE, flags=re.S)
    settings: dict[str, Any] = json.loads(body)
    _, output = _modeline_and_output()
    (association,) = settings["json.schemas"]
    assert association["url"] == f"./{output}"
    assert association["fileMatch"]
    assert list(settings["yaml.schemas"]) == [f"./{output}"]


def test_a_schema_member_in_a_request_is_refused_by_botocore() -> None:
    """The docs' reason not to add $schema to a JSON request: botocore refuses the parameter."""
    from botocore.session import get_session
    from botocore.validate import ParamValidator

    model = get_session().get_service_model("sagemaker")
    shape = model.operation_model("CreateHyperParameterTuningJob").input_shape
    request = {**examples.load("bayesian"), "$schema": "./schemas/tuning-request.schema.json"}
    report = ParamValidator().validate(request, shape)
    assert report.has_errors()
    message = report.generate_report()
    assert 'Unknown parameter in input: "$schema"' in message


def _botocore_text(shape: str, member: str) -> str:
    """botocore's documentation of a member, tags stripped (a one-sentence one, so whole)."""
    shapes = botocore.session.get_session().get_service_data("sagemaker")["shapes"]
    text = re.sub(r"<[^>]+>", " ", shapes[shape]["members"][member]["documentation"])
    return " ".join(html.unescape(text).split())


def test_schema_members_have_descriptions_for_hovers() -> None:
    """The schema `hpt-request schema` writes describes each member with botocore's text."""
    definitions = json.loads(run("schema").stdout)["definitions"]
    limits = definitions["ResourceLimits"]
    expected = _botocore_text("ResourceLimits", "MaxParallelTrainingJobs")
    assert expected.startswith("The maximum number of concurrent training jobs")
    assert limits["properties"]["MaxParallelTrainingJobs"]["description"] == expected
    assert limits["description"].startswith("Specifies the maximum number of training jobs")
    described = [
        ref
        for node in definitions.values()
        for ref in node.get("properties", {}).values()
        if "description" in ref
    ]
    assert len(described) >= 100


def test_help_and_editors_explain_a_field() -> None:
    """help(ResourceLimits) gives each field's wire name and meaning on one line, and the field
    has the attribute docstring that Pylance and Sphinx-style tools (griffe here) read."""
    expected = _botocore_text("ResourceLimits", "MaxParallelTrainingJobs")
    shown = pydoc.plain(pydoc.render_doc(ResourceLimits))  # what help() prints
    (line,) = [line for line in shown.splitlines() if "``MaxParallelTrainingJobs``" in line]
    assert "``max_parallel_training_jobs``" in line
    assert "required" in line
    assert line.endswith(expected)
    assert ResourceLimits.__doc__ is not None
    assert expected in ResourceLimits.__doc__
    field = griffe.load("hpt_request.model.shapes")["ResourceLimits.max_parallel_training_jobs"]
    assert field.docstring is not None
    assert field.docstring.value == f"``MaxParallelTrainingJobs``: {expected}"
