"""ACK manifests as documents: found by validate_document and the command line, one or a stream
of several, located at the manifest's own paths, lines and columns; Helm values understood;
keys the controller's CRD does not define said so."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest

from hpt_request import find_requests, validate_document
from hpt_request.cli import main
from hpt_request.text.jsontext import parse_yaml, parse_yaml_stream
from tests.test_manifests import SECTIONS, _expected

CORPUS = Path(__file__).parent / "realworld" / "ack"
E2E = CORPUS / "e2e-xgboost_hpojob.filled.yaml"
LIMITS = "spec.hyperParameterTuningJobConfig.resourceLimits"


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = parse_yaml(E2E.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def spec_of(document: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = document["spec"]
    return spec


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_real_manifests_as_documents_have_only_their_known_problems(name: str) -> None:
    """Each real manifest is a manifest document; its blocking problems, at the manifest's
    paths, are exactly those SOURCES.md lists with their reasons."""
    checked_file = next(value for key, value in SECTIONS[name] if key == "checked")
    data = parse_yaml((CORPUS / checked_file).read_text(encoding="utf-8"))
    checked = validate_document(data)
    assert checked.kind == "manifest"
    assert len(checked.requests) == 1
    found = sorted((p.code, p.path) for p in checked.problems if p.blocking)
    assert found == _expected(name)


def test_a_defect_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    text = E2E.read_text(encoding="utf-8")
    assert text.count("maxParallelTrainingJobs: ") == 1
    start = text.index("maxParallelTrainingJobs: ") + len("maxParallelTrainingJobs: ")
    end = text.index("\n", start)
    broken = text[:start] + "0" + text[end:]
    path = tmp_path / "job.yaml"
    path.write_text(broken, encoding="utf-8")
    line = broken.count("\n", 0, start) + 1
    column = start - broken.rfind("\n", 0, start)
    status, out, _ = cli("validate", str(path))
    assert status == 1
    assert f"job.yaml:{line}:{column}: {LIMITS}.maxParallelTrainingJobs: minimum:" in out


def test_a_stream_of_manifests_is_read_document_by_document(tmp_path: Path) -> None:
    """A Namespace, then the job: the job's problems are under ``[1].spec``, at their line."""
    text = E2E.read_text(encoding="utf-8").replace(
        "maxParallelTrainingJobs: 2", "maxParallelTrainingJobs: 0"
    )
    assert "maxParallelTrainingJobs: 0" in text
    stream = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ml\n---\n" + text
    path = tmp_path / "stream.yaml"
    path.write_text(stream, encoding="utf-8")
    line = next(
        n for n, row in enumerate(stream.splitlines(), 1) if "maxParallelTrainingJobs" in row
    )
    status, out, _ = cli("validate", str(path))
    assert status == 1
    assert f"stream.yaml:{line}:" in out
    assert f"[1].{LIMITS}.maxParallelTrainingJobs: minimum:" in out
    documents = parse_yaml_stream(stream)
    assert [r.path for r in find_requests(documents)] == ["[1].spec"]


def test_a_stream_without_a_tuning_job_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: ml}\n---\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
        encoding="utf-8",
    )
    status, out, _ = cli("validate", str(path))
    assert status == 1
    assert "unknown-document" in out
    assert "2 Kubernetes manifests (ConfigMap, Namespace)" in out


def test_a_stream_of_other_documents_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text("a: 1\n---\nb: 2\n", encoding="utf-8")
    status, _, err = cli("validate", str(path))
    assert status == 2
    assert "single document" in err


def test_a_kubernetes_list_is_read_item_by_item() -> None:
    """``kubectl get hyperparametertuningjobs -o json`` writes a List of the jobs."""
    job = manifest()
    spec_of(job)["hyperParameterTuningJobConfig"]["resourceLimits"]["maxParallelTrainingJobs"] = 0
    listed = {"apiVersion": "v1", "kind": "List", "items": [manifest(), job]}
    checked = validate_document(json.loads(json.dumps(listed)))
    assert checked.kind == "manifest"
    assert [(p.path, p.code) for p in checked.problems if p.blocking] == [
        (f"items[1].{LIMITS}.maxParallelTrainingJobs", "minimum")
    ]


def test_helm_values_are_placeholders() -> None:
    """A chart's ``"{{ .Values.maxJobs }}"`` in an integer member is no false problem; the
    checks it keeps from running are listed with it."""
    job = manifest()
    limits = spec_of(job)["hyperParameterTuningJobConfig"]["resourceLimits"]
    limits["maxNumberOfTrainingJobs"] = "{{ .Values.maxJobs }}"
    checked = validate_document(job)
    assert [p for p in checked.problems if p.blocking] == []
    assert (f"{LIMITS}.maxNumberOfTrainingJobs", "{{ .Values.maxJobs }}") in {
        (s.path, s.placeholder) for s in checked.skipped
    }


def test_a_key_in_the_wire_spelling_is_a_warning_at_its_place() -> None:
    """``RoleArn`` where the CRD says ``roleARN``: the API server drops it (or refuses the
    manifest), so SageMaker never gets the role; a warning names the CRD's spelling."""
    job = manifest()
    definition = spec_of(job)["trainingJobDefinition"]
    definition["RoleArn"] = definition.pop("roleARN")
    checked = validate_document(job)
    assert [(p.path, p.code, p.severity) for p in checked.problems] == [
        ("spec.trainingJobDefinition.RoleArn", "manifest-field", "warning")
    ]
    assert "the manifest spells it roleARN" in checked.problems[0].message


def test_a_missing_member_is_named_in_the_manifests_spelling() -> None:
    job = manifest()
    del spec_of(job)["trainingJobDefinition"]["roleARN"]
    checked = validate_document(job)
    assert [(p.path, p.code) for p in checked.problems] == [
        ("spec.trainingJobDefinition.roleARN", "required")
    ]


def test_a_spec_that_is_not_an_object_is_a_problem() -> None:
    job = manifest()
    job["spec"] = "see the console"
    checked = validate_document(job)
    assert [(p.path, p.code) for p in checked.problems] == [("spec", "manifest-definition")]
