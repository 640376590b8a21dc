"""Files found in a folder that plainly hold no tuning request are passed over, not checked as
requests; files given by name, and anything that may be a request, are checked."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from hpt_request.cli import main
from hpt_request.model import examples
from hpt_request.text.documents import unrelated


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["validate", *args], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _project(folder: Path) -> None:
    """A repository's usual files next to one tuning request."""
    (folder / "package.json").write_text(json.dumps({"name": "app", "version": "1.0.0"}))
    (folder / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n")
    (folder / "deploy.yaml").write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {}\n")
    (folder / "tuning.json").write_text(json.dumps(examples.load("bayesian")))


def test_a_folder_scan_passes_over_files_that_hold_no_request(tmp_path: Path) -> None:
    _project(tmp_path)
    status, out, _ = _run(str(tmp_path))
    assert status == 0
    assert "tuning.json: OK" in out
    assert "1 file checked: 0 errors, 0 warnings; 3 files in folders passed over: they hold" in out
    assert "package.json" not in out  # listed only with --verbose
    status, out, _ = _run(str(tmp_path), "--verbose")
    reason = 'an object with the members "name", "version"'
    assert (
        f"package.json: passed over: not a document that holds a tuning request ({reason})" in out
    )
    assert "deploy.yaml: passed over" in out
    assert "Kubernetes manifest" in out


def test_json_output_lists_what_was_passed_over(tmp_path: Path) -> None:
    _project(tmp_path)
    status, out, _ = _run(str(tmp_path), "--format", "json")
    assert status == 0
    document = json.loads(out)
    assert [entry["file"] for entry in document["files"]] == [str(tmp_path / "tuning.json")]
    assert sorted(Path(entry["file"]).name for entry in document["passed_over"]) == [
        "deploy.yaml",
        "docker-compose.yml",
        "package.json",
    ]


def test_a_file_given_by_name_is_checked_as_a_request(tmp_path: Path) -> None:
    _project(tmp_path)
    status, out, _ = _run(str(tmp_path / "package.json"))
    assert status == 1
    assert "HyperParameterTuningJobConfig: required" in out


def test_a_misspelt_request_in_a_folder_is_still_checked(tmp_path: Path) -> None:
    wire = examples.load("bayesian")
    wire["HyperparamTuningJobConfig"] = wire.pop("HyperParameterTuningJobConfig")
    (tmp_path / "tuning.json").write_text(json.dumps(wire))
    status, out, _ = _run(str(tmp_path))
    assert status == 1
    assert "HyperparamTuningJobConfig: additionalProperties" in out


def test_a_folder_of_unrelated_files_fails_the_gate(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "app"}))
    status, _, err = _run(str(tmp_path))
    assert status == 2
    assert "no file to check: the 1 file found in the folders holds no tuning request" in err


def test_kind_checks_every_file_found(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "app"}))
    status, out, _ = _run(str(tmp_path), "--kind", "request")
    assert status == 1
    assert "package.json" in out


@pytest.mark.parametrize(
    "data",
    [
        {"hyperParameterTuningJobName": "x"},
        {"TrainingJobDefinitions": []},
        {"HyperParameterTuningJobArn": "arn", "HyperParameterTuningJobStatus": "Completed"},
        [{"HyperParameterTuningJobName": "x"}],
        {"StartAt": "A", "States": {}},
        {"Resources": {"A": {"Type": "AWS::S3::Bucket"}}},
        {"service": "s", "provider": {"name": "aws"}},
        # the original operator's tuning job: not read, but its one problem says why
        {"apiVersion": "sagemaker.aws.amazon.com/v1", "kind": "HyperparameterTuningJob"},
    ],
)
def test_what_may_hold_a_request_is_never_passed_over(data: object) -> None:
    assert unrelated(data) is None


@pytest.mark.parametrize(
    "data",
    [{"name": "x"}, {"Tags": []}, {"TrainingJobName": "t", "HyperParameters": {}}, [1, 2], 5],
)
def test_what_plainly_holds_none_is_said_so(data: object) -> None:
    assert unrelated(data)
