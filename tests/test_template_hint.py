"""A file that is a template (a Helm chart's, a Jinja one) before it is rendered is unreadable,
and the message says so: check the rendered file."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from hpt_request.cli import main
from hpt_request.model import examples
from hpt_request.text.jsontext import template_hint

# A Helm chart's template of an ACK HyperParameterTuningJob: `{{ .Values.name }}` opens a flow
# mapping for YAML, so the text is not YAML until Helm renders it.
HELM = """apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: HyperParameterTuningJob
metadata:
  name: {{ .Values.name }}
spec:
  hyperParameterTuningJobName: tune
"""


def _validate(path: Path, *options: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["validate", *options, str(path)], out=out, err=err)
    return status, out.getvalue() + err.getvalue()


def test_a_helm_template_says_to_check_the_rendered_file(tmp_path: Path) -> None:
    path = tmp_path / "tuning.yaml"
    path.write_text(HELM)
    status, output = _validate(path)
    assert status == 2
    assert f"{path}:4:" in output
    assert "line 4 holds a template expression" in output
    assert "helm template" in output


def test_a_jinja_json_file_says_so_in_json_and_sarif(tmp_path: Path) -> None:
    request = examples.load("seed-era")
    text, replaced = re.subn(
        r'"MaxParallelTrainingJobs": \d+',
        '"MaxParallelTrainingJobs": {{ params.parallel }}',
        json.dumps(request, indent=2),
    )
    assert replaced == 1  # the example has the member this replaces
    path = tmp_path / "request.json"
    path.write_text(text)
    status, output = _validate(path, "--format", "json")
    assert status == 2
    assert "holds a template expression" in output
    assert "holds a template expression" in json.loads(output)["files"][0]["message"]
    status, output = _validate(path, "--format", "sarif")
    assert status == 2
    (run,) = json.loads(output)["runs"]
    messages = [
        notification["message"]["text"]
        for invocation in run["invocations"]
        for notification in invocation["toolExecutionNotifications"]
    ]
    # SARIF doubles the braces that are not a placeholder (2.1.0, 3.11.5).
    assert any("({{{{ ... }}}} or {{% ... %}})" in message for message in messages), messages
    assert any("holds a template expression" in message for message in messages)


def test_an_unreadable_file_without_a_template_has_no_such_hint(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"HyperParameterTuningJobName": "tune",\n "Tags": [}\n')
    status, output = _validate(path)
    assert status == 2
    assert "template" not in output


def test_the_hint_looks_at_the_line_of_the_error_only() -> None:
    text = 'a: "{{ ds }}"\nb: [\n'
    assert template_hint(text, 2) == ""
    assert "line 1 holds" in template_hint(text, 1)
    assert "the text holds" in template_hint(text, None)
    assert template_hint("a: 1\n", None) == ""


def test_a_rendered_value_with_braces_in_a_string_is_read(tmp_path: Path) -> None:
    """Braces inside a quoted string are text: such a file is read and checked as usual."""
    request = examples.load("seed-era")
    request["Tags"] = [{"Key": "run", "Value": "{{ ds }}"}]
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request))
    status, output = _validate(path)
    assert "unreadable" not in output
    assert "template expression" not in output
    assert status in (0, 1)
